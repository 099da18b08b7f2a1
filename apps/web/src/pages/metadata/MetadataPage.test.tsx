// @vitest-environment jsdom

import type { Role } from '@boveda/contracts';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import type {
  FileMissingXmlInput,
  MetadataItem,
  MetadataReconciliation,
  MetadataSearch,
  MetadataTotals,
} from '../../api/types.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { MetadataPage } from './MetadataPage.js';

const RFC = 'EKU9003173C9';
const STORED = '11111111-1111-4111-8111-111111111111';
const MISSING = '22222222-2222-4222-8222-222222222222';
const CANCELLED = '33333333-3333-4333-8333-333333333333';

const row = (uuid: string, patch: Partial<MetadataItem> = {}): MetadataItem => ({
  uuid,
  emisorRfc: RFC,
  emisorNombre: 'ESCUELA KEMPER URGATE',
  receptorRfc: 'PEGJ800101AA1',
  receptorNombre: 'JUAN PÉREZ',
  rfcPac: null,
  issuedAt: '2025-03-05T10:00:00',
  certifiedAt: null,
  monto: '1160.00',
  efecto: 'I',
  status: 'vigente',
  cancelledAt: null,
  terceroRfc: null,
  terceroNombre: null,
  hasCfdi: false,
  ...patch,
});

const zero = { metadata: 0, cancelled: 0, stored: 0, missing: 0 };
const reconciliation: MetadataReconciliation = {
  rfc: RFC,
  from: '2025-01-01',
  to: '2025-12-31',
  months: Array.from({ length: 12 }, (_, i) => ({
    month: `2025-${String(i + 1).padStart(2, '0')}`,
    issued: i === 2 ? { metadata: 3, cancelled: 1, stored: 1, missing: 1 } : zero,
    received: i === 2 ? { metadata: 2, cancelled: 0, stored: 0, missing: 2 } : zero,
  })),
  totals: {
    issued: { metadata: 3, cancelled: 1, stored: 1, missing: 1 },
    received: { metadata: 2, cancelled: 0, stored: 0, missing: 2 },
  },
};

function show(role: Role = 'member', override: Partial<ApiClient> = {}) {
  const calls = { search: [] as MetadataSearch[], filed: [] as FileMissingXmlInput[], years: [] as number[] };
  const api: Partial<ApiClient> = {
    searchMetadata: async (search) => {
      calls.search.push(search);
      const items = [
        row(STORED, { hasCfdi: true }),
        row(MISSING),
        row(CANCELLED, { status: 'cancelado', cancelledAt: '2025-03-26T09:30:00' }),
      ];
      return {
        items: search.missingXml === 'true' ? items.filter((i) => i.uuid === MISSING) : items,
        nextCursor: null,
      };
    },
    getMetadataTotals: async (search): Promise<MetadataTotals> => ({
      count: search.missingXml === 'true' ? 3 : 2,
      cancelled: search.missingXml === 'true' ? 0 : 1,
      missingXml: 3,
      byEfecto: [],
    }),
    getMetadataReconciliation: async (_rfc, year) => {
      calls.years.push(year);
      return reconciliation;
    },
    fileMissingXml: async (_rfc, input) => {
      calls.filed.push(input);
      return { missing: 3, filed: 2, skipped: 1, left: 0, items: [] };
    },
  };
  Object.assign(api, override);
  const client = new Proxy({} as ApiClient, {
    get: (_, name) => api[name as keyof ApiClient] ?? (() => new Promise(() => {})),
  });
  render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={client}>
        <MetadataPage params={{}} myRole={role} />
      </ApiProvider>
    </I18nProvider>,
  );
  return calls;
}

beforeEach(() => window.history.replaceState(null, '', `/metadatos?rfc=${RFC}&direction=issued&anio=2025`));
afterEach(cleanup);

describe('Metadatos', () => {
  it('lists the rows: the one in the vault opens, the cancelled one says when, the missing one says so', async () => {
    show();
    const table = await screen.findByRole('table', {
      name: 'Metadatos del SAT que coinciden con la búsqueda',
    });
    await within(table).findByRole('button', { name: `Abrir el CFDI ${STORED}` });
    expect(table.textContent).toContain('Cancelado el 26 mar 2025');
    expect(within(table).getAllByText('Falta')).toHaveLength(1);
    expect(await screen.findByText('2 vigentes · 1 cancelados · 3 sin XML')).toBeTruthy();
  });

  it("uses the explorer's filter form with the SAT's efecto and without complemento", async () => {
    const calls = show();
    const efecto = await screen.findByRole('combobox', { name: 'Efecto' });
    expect(screen.getByRole('searchbox', { name: 'Buscar en metadatos' })).toBeTruthy();
    expect(screen.queryByLabelText('Complemento')).toBeNull();
    expect(screen.queryByRole('combobox', { name: 'Tipo' })).toBeNull();
    fireEvent.change(efecto, { target: { value: 'E' } });
    fireEvent.click(screen.getByRole('button', { name: 'Buscar' }));
    expect(new URLSearchParams(window.location.search).get('efecto')).toBe('E');
    await screen.findByText('2 vigentes · 1 cancelados · 3 sin XML');
    expect(calls.search.at(-1)).toMatchObject({ rfc: RFC, direction: 'issued', efecto: 'E' });
  });

  it('keeps "Solo sin XML" in the URL and asks the server for those rows only', async () => {
    const calls = show();
    fireEvent.click(await screen.findByRole('checkbox', { name: 'Solo sin XML' }));
    expect(new URLSearchParams(window.location.search).get('missingXml')).toBe('true');
    await screen.findByText('3 vigentes · 0 cancelados · 3 sin XML');
    expect(calls.search.at(-1)).toMatchObject({ rfc: RFC, direction: 'issued', missingXml: 'true' });
    const table = screen.getByRole('table', { name: 'Metadatos del SAT que coinciden con la búsqueda' });
    expect(within(table).queryByText('Cancelado')).toBeNull();
  });

  it('reconciles the year by month for the chosen direction', async () => {
    const calls = show();
    const table = await screen.findByRole('table', { name: `Conciliación con la bóveda ${RFC} 2025` });
    const march = within(table).getByRole('row', { name: /Mar 2025/ });
    expect(
      within(march)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['3', '1', '1', '1']);
    expect(calls.years).toEqual([2025]);
    for (const header of ['Metadatos', 'Cancelados', 'XML en bóveda', 'Faltantes'])
      expect(within(table).getByRole('columnheader', { name: header })).toBeTruthy();
  });

  it('requests the missing XML after a confirmation and links to the SAT requests', async () => {
    const calls = show();
    fireEvent.click(await screen.findByRole('button', { name: 'Solicitar XML faltantes (3)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Solicitar los XML faltantes al SAT' });
    expect(calls.filed).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Solicitar' }));
    const status = await screen.findByRole('status');
    expect(status.textContent).toContain('Se presentaron 2 solicitudes; 1 ya estaban solicitadas.');
    expect(
      within(status).getByRole('link', { name: 'Ver las solicitudes al SAT' }).getAttribute('href'),
    ).toBe(`/contribuyentes/${RFC}`);
    expect(calls.filed).toEqual([{ direction: 'issued' }]);
  });

  it('says in Spanish when there is nothing, and when the server refuses', async () => {
    show('member', {
      searchMetadata: async () => ({ items: [], nextCursor: null }),
      fileMissingXml: async () => {
        throw new ApiError({ type: 'about:blank', title: 'x', status: 404, code: 'TAXPAYER_NOT_FOUND' });
      },
    });
    await screen.findByText('No hay metadatos con estos filtros.');
    fireEvent.click(await screen.findByRole('button', { name: 'Solicitar XML faltantes (3)' }));
    const dialog = await screen.findByRole('dialog', { name: 'Solicitar los XML faltantes al SAT' });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Solicitar' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'No hay un contribuyente registrado con ese RFC.',
    );
  });

  it('offers the request to members only', async () => {
    show('viewer');
    await screen.findByText('2 vigentes · 1 cancelados · 3 sin XML');
    expect(screen.queryByRole('button', { name: /Solicitar XML faltantes/ })).toBeNull();
  });
});
