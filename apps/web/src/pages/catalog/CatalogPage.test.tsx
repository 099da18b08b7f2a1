// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient, RequestOptions } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { CatalogPage } from './CatalogPage.js';
import type { CatalogEntry } from './catalog-api.js';

const entry = (code: string, over: Partial<CatalogEntry> = {}): CatalogEntry => ({
  id: `id-${code}`,
  kind: 'category',
  code,
  name: `Nombre ${code}`,
  parentCode: null,
  satCode: null,
  active: true,
  createdAt: '2026-12-04T20:00:00Z',
  updatedAt: '2026-12-04T20:00:00Z',
  ...over,
});

const stats = {
  items: [
    { kind: 'category', offered: 10, accepted: 6, dismissed: 2 },
    { kind: 'account', offered: 4, accepted: 1, dismissed: 1 },
    { kind: 'usoCfdi', offered: 0, accepted: 0, dismissed: 0 },
    { kind: 'formaPago', offered: 0, accepted: 0, dismissed: 0 },
    { kind: 'metodoPago', offered: 0, accepted: 0, dismissed: 0 },
    { kind: 'correction', offered: 2, accepted: 1, dismissed: 0 },
  ],
  totals: { offered: 16, accepted: 8, dismissed: 3 },
  bySource: {
    rules: { offered: 13, accepted: 7, dismissed: 2 },
    llm: { offered: 3, accepted: 1, dismissed: 1 },
  },
  acceptanceRate: 8 / 11,
};

interface Call {
  method: string;
  path: string;
  body?: unknown;
  query?: unknown;
  contentType?: string;
}

function fakeApi(answer: (call: Call) => unknown) {
  const calls: Call[] = [];
  const client = {
    request: async (method: string, path: string, opts: RequestOptions = {}) => {
      const call = { method, path, body: opts.body, query: opts.query, contentType: opts.contentType };
      calls.push(call);
      if (path === '/api/v1/suggestions/stats') return stats;
      const result = answer(call);
      if (result instanceof Error) throw result;
      return result;
    },
  } as unknown as ApiClient;
  return { client, calls };
}

function open(client: ApiClient, role: 'member' | 'viewer' = 'member', url = '/catalogo-contable') {
  window.history.replaceState(null, '', url);
  return render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={client}>
        <CatalogPage params={{}} myRole={role} />
      </ApiProvider>
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe('the accounting catalogue page', () => {
  it('lists the entries and the suggestions measure', async () => {
    const { client } = fakeApi(() => ({
      items: [
        entry('601.84', { kind: 'account', name: 'Gastos generales', satCode: '601.84' }),
        entry('VIAT', { name: 'Viáticos' }),
      ],
      nextCursor: null,
    }));
    open(client);
    const table = await screen.findByRole('table', { name: 'Entradas del catálogo' });
    await within(table).findByText('Viáticos');
    expect(within(table).getByText('Gastos generales')).toBeTruthy();
    expect(within(table).getAllByText('Cuenta contable').length).toBeGreaterThan(0);
    const statsTable = await screen.findByRole('table', { name: 'Sugerencias por tipo' });
    const categoryRow = within(statsTable).getByRole('rowheader', { name: 'Categoría' }).closest('tr')!;
    expect(within(categoryRow).getByText('10')).toBeTruthy();
    expect(within(categoryRow).getByText('6')).toBeTruthy();
    expect(screen.getByTestId('acceptance-rate').textContent).toBe('Tasa de aceptación: 73 %');
    // The model's proposals are counted apart from the rules'.
    expect(screen.getByTestId('suggestions-by-source').textContent).toBe(
      'Por origen: reglas 13 ofrecidas, 7 aceptadas, 2 descartadas · IA 3 ofrecidas, 1 aceptadas, 1 descartadas.',
    );
  });

  it('adds an entry and deactivates another', async () => {
    const { client, calls } = fakeApi(({ method, body }) => {
      if (method === 'POST') return entry((body as { code: string }).code);
      if (method === 'PATCH') return entry('VIAT', { active: false });
      return { items: [entry('VIAT', { name: 'Viáticos' })], nextCursor: null };
    });
    open(client);
    fireEvent.change(await screen.findByLabelText('Clave'), { target: { value: 'PAPEL' } });
    fireEvent.change(screen.getByLabelText('Nombre'), { target: { value: 'Papelería' } });
    fireEvent.click(screen.getByRole('button', { name: 'Agregar' }));
    await screen.findByText('Se agregó PAPEL.');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      kind: 'category',
      code: 'PAPEL',
      name: 'Papelería',
    });

    await screen.findByText('Viáticos');
    fireEvent.click(await screen.findByRole('button', { name: 'Desactivar VIAT' }));
    await waitFor(() => expect(calls.find((c) => c.method === 'PATCH')).toBeTruthy());
    expect(calls.find((c) => c.method === 'PATCH')).toMatchObject({
      path: '/api/v1/catalog/entries/id-VIAT',
      body: { active: false },
    });
  });

  it('imports a CSV as it is and lists the lines it did not take, with their reasons', async () => {
    const { client, calls } = fakeApi(({ method }) =>
      method === 'POST'
        ? {
            created: 3,
            updated: 1,
            unchanged: 0,
            rejected: [
              { line: 4, code: 'INVALID_KIND', message: 'Unknown kind' },
              { line: 7, code: 'DUPLICATE_IN_FILE', message: 'earlier line' },
            ],
          }
        : { items: [], nextCursor: null },
    );
    open(client);
    const file = new File(['tipo;clave;nombre\n'], 'catalogo.csv', { type: 'text/csv' });
    fireEvent.change(await screen.findByLabelText('Archivo CSV'), { target: { files: [file] } });
    fireEvent.click(screen.getByRole('button', { name: 'Importar' }));
    const result = await screen.findByTestId('catalog-import-result');
    expect(result.textContent).toContain('3 agregadas, 1 actualizadas, 0 sin cambios.');
    expect(result.textContent).toContain('2 líneas no se importaron:');
    expect(result.textContent).toContain('Línea 4: el tipo debe ser «categoria» o «cuenta»');
    expect(result.textContent).toContain('Línea 7: la clave ya está en una línea anterior');
    const post = calls.find((c) => c.method === 'POST')!;
    expect(post).toMatchObject({ path: '/api/v1/catalog/entries/import', contentType: 'text/csv' });
    expect(post.body).toBe(file);
  });

  it('shows a refused file in Spanish', async () => {
    const { client } = fakeApi(({ method }) =>
      method === 'POST'
        ? new ApiError({ status: 422, code: 'CATALOG_IMPORT_INVALID', title: 'x', type: 'x' })
        : { items: [], nextCursor: null },
    );
    open(client);
    fireEvent.change(await screen.findByLabelText('Archivo CSV'), {
      target: { files: [new File(['x'], 'x.csv')] },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Importar' }));
    await screen.findByText(/necesita un encabezado con las columnas tipo, clave y nombre/);
  });

  it('keeps its filters in the URL', async () => {
    const { client, calls } = fakeApi(() => ({ items: [], nextCursor: null }));
    open(client, 'member', '/catalogo-contable?kind=account&active=all&q=601');
    await screen.findByText('Ninguna entrada coincide con la búsqueda.');
    expect(calls.find((c) => c.path === '/api/v1/catalog/entries')?.query).toMatchObject({
      kind: 'account',
      active: 'all',
      q: '601',
    });
    fireEvent.change(screen.getByLabelText('Tipo', { selector: '#catalog-kind' }), {
      target: { value: 'category' },
    });
    await waitFor(() => expect(window.location.search).toContain('kind=category'));
    expect(window.location.search).toContain('q=601');
  });

  it('is read-only for viewers', async () => {
    const { client } = fakeApi(() => ({ items: [entry('VIAT')], nextCursor: null }));
    open(client, 'viewer');
    await screen.findByText('Nombre VIAT');
    expect(screen.getByText(/Tu rol es de solo lectura/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Agregar' })).toBeNull();
    expect(screen.queryByRole('button', { name: /Desactivar/ })).toBeNull();
  });
});
