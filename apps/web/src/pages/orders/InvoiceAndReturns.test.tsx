// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient, RequestOptions } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import { esMX } from '../../i18n/es-MX.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { InvoiceSection } from './InvoiceSection.js';
import type { Order, Return } from './orders-api.js';
import { creditNoteState, ReturnsPage } from './ReturnsPage.js';

const UUID = 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE';
const order = (over: Partial<Order> = {}) =>
  ({ number: 'PED-1', status: 'delivered', clientId: 'c1', invoice: null, ...over }) as Order;

function mount(node: React.ReactNode, answer: (method: string, path: string) => unknown = () => undefined) {
  const calls: { method: string; path: string; body?: unknown; query?: unknown }[] = [];
  const api = {
    listTaxpayers: async () => ({
      items: [{ rfc: 'EKU9003173C9', legalName: 'ESCUELA KEMPER URGATE' }],
      nextCursor: null,
    }),
    request: async (method: string, path: string, opts: RequestOptions = {}) => {
      calls.push({ method, path, body: opts.body, query: opts.query });
      const answered = answer(method, path);
      if (answered instanceof Error) throw answered;
      return answered;
    },
  } as unknown as ApiClient;
  render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={api}>{node}</ApiProvider>
    </I18nProvider>,
  );
  return calls;
}

afterEach(cleanup);

describe('the order invoice', () => {
  it('sends the issuer and payment, and shows a refusal in Spanish', async () => {
    const calls = mount(<InvoiceSection order={order()} canWrite />, (method) =>
      method === 'POST'
        ? new ApiError({ type: 'about:blank', title: 'x', status: 422, code: 'CLIENT_FISCAL_DATA_MISSING' })
        : undefined,
    );
    fireEvent.click(screen.getByRole('button', { name: 'Facturar' }));
    const dialog = await screen.findByRole('dialog');
    await within(dialog).findByRole('option', { name: 'EKU9003173C9 · ESCUELA KEMPER URGATE' });
    fireEvent.change(within(dialog).getByLabelText('Forma de pago'), { target: { value: '04' } });
    fireEvent.change(within(dialog).getByLabelText(/Uso del CFDI/), { target: { value: 'G01' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Enviar a timbrar' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'el cliente necesita RFC, régimen fiscal y código postal fiscal',
    );
    expect(calls.find((c) => c.method === 'POST')).toEqual({
      method: 'POST',
      path: '/api/v1/orders/PED-1/invoice',
      body: { issuerRfc: 'EKU9003173C9', formaPago: '04', metodoPago: 'PUE', usoCfdi: 'G01' },
      query: undefined,
    });
  });

  it('once stamped: UUID, XML and PDF, and the CFDI explorer; no second invoice', () => {
    mount(
      <InvoiceSection
        order={order({ invoice: { invoiceId: 'inv-1', uuid: UUID, status: 'stamped' } })}
        canWrite
      />,
    );
    expect(screen.getByTestId('invoice-uuid').textContent).toBe(UUID);
    expect(screen.getByRole('link', { name: 'Descargar XML' }).getAttribute('href')).toBe(
      '/api/v1/pac/invoices/inv-1/xml',
    );
    expect(screen.getByRole('link', { name: 'Descargar PDF' }).getAttribute('href')).toBe(
      '/api/v1/pac/invoices/inv-1/pdf',
    );
    expect(screen.getByRole('link', { name: 'Ver en el explorador de CFDI' }).getAttribute('href')).toBe(
      `/cfdi?q=${UUID}`,
    );
    expect(screen.queryByRole('button', { name: 'Facturar' })).toBeNull();
  });

  it('a failed stamp may be tried again; a stamping one says so', () => {
    mount(
      <InvoiceSection
        order={order({ invoice: { invoiceId: 'i', uuid: null, status: 'failed' } })}
        canWrite
      />,
    );
    expect(screen.getByRole('button', { name: 'Facturar de nuevo' })).toBeTruthy();
    cleanup();
    mount(
      <InvoiceSection
        order={order({ invoice: { invoiceId: 'i', uuid: null, status: 'stamping' } })}
        canWrite
      />,
    );
    expect(screen.getByText(/se timbra en segundo plano/)).toBeTruthy();
  });
});

const aReturn = (over: Partial<Return> = {}): Return => ({
  id: 'r1',
  number: 'PED-1-D1',
  orderNumber: 'PED-1',
  orderId: 'o1',
  client: { id: 'c1', name: 'Ferretería Ruiz', rfc: null },
  reasonCode: 'damaged',
  note: 'Caja golpeada',
  items: [
    { sku: 'A', description: 'A', quantity: 2, receivedQuantity: 2, damagedQuantity: 1, total: '232.00' },
    { sku: 'B', description: 'B', quantity: 1, receivedQuantity: 1, damagedQuantity: 0, total: '116.00' },
  ],
  total: '348.00',
  returnedAt: '2026-12-02T10:00:00Z',
  createdAt: '2026-12-02T10:00:00Z',
  createdBy: null,
  creditNote: null,
  creditNotePending: false,
  ...over,
});

describe('Devoluciones', () => {
  it('says the credit note state', () => {
    const t = esMX;
    expect(
      creditNoteState(aReturn({ creditNote: { invoiceId: 'i', uuid: UUID, status: 'stamped' } }), t),
    ).toEqual({
      tone: 'success',
      text: 'Nota de crédito timbrada',
      uuid: UUID,
    });
    expect(creditNoteState(aReturn({ creditNotePending: true }), t).text).toBe('Pendiente de la factura');
    expect(creditNoteState(aReturn(), t).text).toBe('Sin nota de crédito');
  });

  it('lists returns with reason, items and credit note, filtered by reason in the URL', async () => {
    window.history.replaceState(null, '', '/devoluciones');
    const calls = mount(<ReturnsPage params={{}} myRole="viewer" />, () => ({
      items: [aReturn({ creditNote: { invoiceId: 'i', uuid: UUID, status: 'stamped' } })],
      nextCursor: null,
    }));
    const row = (await screen.findByText('PED-1-D1')).closest('tr')!;
    expect(row.textContent).toContain('Llegó dañado');
    expect(row.textContent).toContain('2 × A (1 dañada)');
    expect(row.textContent).toContain('1 × B');
    expect(row.textContent).toContain('$348.00');
    expect(row.textContent).toContain(`Nota de crédito timbrada${UUID}`);
    fireEvent.change(screen.getByLabelText('Motivo'), { target: { value: 'wrong_item' } });
    await waitFor(() => expect(window.location.search).toBe('?reasonCode=wrong_item'));
    await waitFor(() => expect(calls.at(-1)?.query).toMatchObject({ reasonCode: 'wrong_item' }));
  });
});
