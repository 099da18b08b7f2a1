// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient, RequestOptions } from '../../api/client.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { InboxPage } from './InboxPage.js';
import type { InvoiceItem } from './inbox-api.js';

const row = (id: string, over: Partial<InvoiceItem>): InvoiceItem => ({
  id,
  status: 'waiting_validation',
  fileName: `${id}.pdf`,
  extraction: 'pdf-text',
  uuid: null,
  serie: null,
  folio: null,
  fecha: '2026-11-30T10:15:00',
  emisorRfc: 'EKU9003173C9',
  emisorNombre: 'ESCUELA KEMPER URGATE',
  receptorRfc: 'XAXX010101000',
  receptorNombre: null,
  total: '1160.5',
  moneda: 'MXN',
  direction: null,
  inVault: false,
  duplicateOf: null,
  lowConfidenceFields: [],
  category: null,
  account: null,
  failure: null,
  createdAt: '2026-12-04T20:00:00Z',
  updatedAt: '2026-12-04T20:00:00Z',
  ...over,
});

function fakeApi() {
  const queries: Record<string, unknown>[] = [];
  const client = {
    request: async (_method: string, path: string, opts: RequestOptions = {}) => {
      if (path.endsWith('/summary'))
        return {
          counts: { processing: 1, waiting_validation: 2, processed: 3, rejected: 0, failed: 1 },
          total: 7,
        };
      queries.push(opts.query ?? {});
      return {
        items: [
          row('a', { inVault: true, extraction: 'xml', lowConfidenceFields: ['total', 'fecha'] }),
          row('b', {
            status: 'failed',
            failure: { code: 'PDF_UNREADABLE', message: 'damaged' },
            extraction: null,
          }),
          row('c', { duplicateOf: 'a', status: 'rejected' }),
        ],
        nextCursor: null,
      };
    },
  } as unknown as ApiClient;
  return { client, queries };
}

function open(url: string, role: 'member' | 'viewer' = 'member') {
  window.history.replaceState(null, '', url);
  const api = fakeApi();
  render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={api.client}>
        <InboxPage params={{}} myRole={role} />
      </ApiProvider>
    </I18nProvider>,
  );
  return api;
}

afterEach(cleanup);

describe('the inbox list', () => {
  it('reads its filters from the URL, asks the API with them, and marks the status chip', async () => {
    const { queries } = open('/bandeja?status=failed&q=acme&rfc=junk');
    await screen.findByRole('link', { name: 'a.pdf' });
    // The junk RFC is ignored, like in every URL-kept search.
    expect(queries[0]).toEqual({ status: 'failed', q: 'acme', limit: 50, cursor: null });
    const chip = screen.getByRole('button', { name: /No se pudo leer/ });
    expect(chip.getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(screen.getByTestId('count-all').textContent).toBe('7'));
    expect(screen.getByTestId('count-processed').textContent).toBe('3');

    expect(screen.getByRole('link', { name: 'Exportar CSV' }).getAttribute('href')).toBe(
      '/api/v1/invoices/export?status=failed&q=acme&format=csv',
    );
    fireEvent.click(screen.getByRole('button', { name: /Todas/ }));
    expect(window.location.search).toBe('?q=acme');
  });

  it('shows status, marks, source and the failure reason in Spanish', async () => {
    open('/bandeja');
    const a = (await screen.findByRole('link', { name: 'a.pdf' })).closest('tr')!;
    expect(within(a).getByText('Por validar')).toBeTruthy();
    expect(within(a).getByText('En la bóveda')).toBeTruthy();
    expect(within(a).getByText('XML')).toBeTruthy();
    expect(within(a).getByText('2 datos por revisar')).toBeTruthy();
    expect(within(a).getByText('$1,160.50')).toBeTruthy();
    const b = screen.getByRole('link', { name: 'b.pdf' }).closest('tr')!;
    expect(within(b).getByTestId('failure').textContent).toBe('El PDF está dañado o no se puede leer.');
    const c = screen.getByRole('link', { name: 'c.pdf' }).closest('tr')!;
    expect(within(c).getByText('Duplicado')).toBeTruthy();
    expect(within(c).getByText('Rechazada')).toBeTruthy();
    expect(screen.getByLabelText('Archivos de facturas').getAttribute('multiple')).not.toBeNull();
  });

  it('a viewer sees the list without the drop zone', async () => {
    open('/bandeja', 'viewer');
    await screen.findByRole('link', { name: 'a.pdf' });
    expect(screen.queryByLabelText('Archivos de facturas')).toBeNull();
    expect(screen.getByText(/solo lectura/)).toBeTruthy();
  });
});
