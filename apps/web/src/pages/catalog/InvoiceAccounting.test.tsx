// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient, RequestOptions } from '../../api/client.js';
import { I18nProvider } from '../../i18n/i18n.js';
import type { InvoiceSuggestion } from './catalog-api.js';
import { AccountingFields, SuggestionChips } from './InvoiceAccounting.js';

const INVOICE = {
  id: '11111111-1111-4111-8111-111111111111',
  version: 4,
  status: 'waiting_validation',
  category: null,
  account: null,
};

const suggestion = (over: Partial<InvoiceSuggestion>): InvoiceSuggestion => ({
  id: 'sug-1',
  kind: 'category',
  field: 'category',
  value: 'VIAT',
  label: 'Viáticos',
  current: null,
  source: 'rules',
  evidence: { matching: 8, of: 9 },
  status: 'offered',
  createdAt: '2026-12-04T20:00:00Z',
  ...over,
});

interface Call {
  method: string;
  path: string;
  body?: unknown;
}

function fakeApi(items: InvoiceSuggestion[]) {
  const calls: Call[] = [];
  const client = {
    request: async (method: string, path: string, opts: RequestOptions = {}) => {
      calls.push({ method, path, body: opts.body });
      if (path.endsWith('/suggestions')) return { items, nextCursor: null };
      if (path.startsWith('/api/v1/catalog/entries'))
        return {
          items: [
            { id: 'c1', kind: 'category', code: 'VIAT', name: 'Viáticos', active: true },
            { id: 'c2', kind: 'category', code: 'PAPEL', name: 'Papelería', active: true },
          ],
          nextCursor: null,
        };
      return { ...items[0], status: path.endsWith('/accept') ? 'accepted' : 'dismissed' };
    },
  } as unknown as ApiClient;
  return { client, calls };
}

const wrap = (client: ApiClient, node: React.ReactNode) =>
  render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={client}>{node}</ApiProvider>
    </I18nProvider>,
  );

afterEach(cleanup);

describe('suggestion chips', () => {
  it('show the value with its evidence; Aceptar sends the invoice version, Descartar dismisses', async () => {
    const { client, calls } = fakeApi([
      suggestion({}),
      suggestion({
        id: 'sug-2',
        kind: 'correction',
        field: 'emisorNombre',
        value: 'PAPELERÍA LA ORIENTAL',
        label: null,
        evidence: { matching: 3, of: 5 },
      }),
    ]);
    let decided = 0;
    wrap(client, <SuggestionChips invoice={INVOICE} canDecide onDecided={() => decided++} />);
    const region = await screen.findByRole('region', { name: 'Sugerencias' });
    const category = region.querySelector<HTMLElement>('[data-suggestion-kind="category"]')!;
    expect(category.textContent).toContain('Categoría: Viáticos (VIAT)');
    expect(category.textContent).toContain('8 de las últimas 9 facturas de este proveedor');
    const correction = region.querySelector('[data-suggestion-kind="correction"]')!;
    expect(correction.textContent).toContain('PAPELERÍA LA ORIENTAL');
    expect(correction.textContent).toContain('corregido así en 3 de las últimas 5 facturas');

    fireEvent.click(within(category).getByRole('button', { name: 'Aceptar: Categoría: Viáticos (VIAT)' }));
    await waitFor(() => expect(decided).toBe(1));
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      method: 'POST',
      path: `/api/v1/invoices/${INVOICE.id}/suggestions/sug-1/accept`,
      body: { version: 4 },
    });
    fireEvent.click(within(correction as HTMLElement).getByRole('button', { name: /^Descartar/ }));
    await waitFor(() =>
      expect(calls.filter((c) => c.method === 'POST').map((c) => c.path)).toContain(
        `/api/v1/invoices/${INVOICE.id}/suggestions/sug-2/dismiss`,
      ),
    );
  });

  it('say "las últimas N" when every invoice agreed, and show no buttons to a viewer', async () => {
    const { client } = fakeApi([suggestion({ evidence: { matching: 5, of: 5 } })]);
    wrap(client, <SuggestionChips invoice={INVOICE} canDecide={false} />);
    const region = await screen.findByRole('region', { name: 'Sugerencias' });
    expect(region.textContent).toContain('las últimas 5 facturas de este proveedor');
    expect(within(region).queryByRole('button')).toBeNull();
  });

  it('mark the model’s proposals "Sugerido por IA", with the model as evidence', async () => {
    const { client } = fakeApi([
      suggestion({
        source: 'llm',
        value: 'GAS',
        label: 'Gasolina',
        evidence: { matching: 0, of: 0, model: 'gpt-x' },
      }),
    ]);
    wrap(client, <SuggestionChips invoice={INVOICE} canDecide />);
    const region = await screen.findByRole('region', { name: 'Sugerencias' });
    expect(within(region).getByText('Sugerido por IA')).toBeTruthy();
    expect(region.textContent).toContain('propuesta por el modelo gpt-x a partir del catálogo');
    expect(region.textContent).not.toContain('de las últimas');
    expect(within(region).getByRole('button', { name: 'Aceptar: Categoría: Gasolina (GAS)' })).toBeTruthy();
  });

  it('show nothing on an invoice that is not waiting for validation', async () => {
    const { client, calls } = fakeApi([suggestion({})]);
    wrap(client, <SuggestionChips invoice={{ ...INVOICE, status: 'processed' }} canDecide />);
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.queryByRole('region', { name: 'Sugerencias' })).toBeNull();
    expect(calls).toEqual([]);
  });
});

describe('the accounting fields', () => {
  it('offer the active catalogue and report the chosen code', async () => {
    const { client } = fakeApi([]);
    const chosen: unknown[] = [];
    wrap(
      client,
      <AccountingFields invoice={INVOICE} draft={{}} editable onChange={(codes) => chosen.push(codes)} />,
    );
    const select = (await screen.findByLabelText('Categoría')) as HTMLSelectElement;
    await within(select).findByText('VIAT — Viáticos');
    fireEvent.change(select, { target: { value: 'VIAT' } });
    expect(chosen).toEqual([{ category: 'VIAT' }]);
  });

  it('show a code no longer active as such, read-only', async () => {
    const { client } = fakeApi([]);
    wrap(
      client,
      <AccountingFields
        invoice={{ ...INVOICE, category: 'VIEJA' }}
        draft={{}}
        editable={false}
        onChange={() => {}}
      />,
    );
    await screen.findByText('VIEJA (desactivada)');
  });
});
