// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient, RequestOptions } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { OrderPage } from './OrderPage.js';
import type { Order } from './orders-api.js';

const line = (sku: string, over: Partial<Order['lines'][number]> = {}): Order['lines'][number] => ({
  sku,
  description: `Artículo ${sku}`,
  quantity: 5,
  unitPrice: '100.00',
  taxes: [{ type: 'IVA', rate: '0.160000', exempt: false, withheld: false, amount: '80.00' }],
  productCode: '01010101',
  unitCode: 'H87',
  subtotal: '500.00',
  total: '580.00',
  shippedQuantity: 0,
  returnedQuantity: 0,
  ...over,
});

const order = (over: Partial<Order> = {}): Order => ({
  id: 'o1',
  number: 'PED-1',
  clientId: 'c1',
  client: { id: 'c1', name: 'Ferretería Ruiz', rfc: 'EKU9003173C9' },
  status: 'received',
  returnStatus: 'none',
  allowedNext: ['picking', 'cancelled'],
  lines: [line('A'), line('B')],
  currency: 'MXN',
  subtotal: '1000.00',
  taxes: '160.00',
  withheld: '0.00',
  total: '1160.00',
  returnedTotal: '0.00',
  notes: null,
  carrier: null,
  trackingNumber: null,
  cancelReason: null,
  invoice: null,
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:00Z',
  shippedAt: null,
  deliveredAt: null,
  returnedAt: null,
  cancelledAt: null,
  history: [{ from: null, to: 'received', at: '2026-12-01T10:00:00Z', actor: 'lucia@ruiz.mx', note: null }],
  ...over,
});

const problem = (status: number, code: string, params?: Record<string, string | number | string[]>) =>
  new ApiError({ type: 'about:blank', title: code, status, code, ...(params ? { params } : {}) });

type Answer = (method: string, path: string, body: unknown) => unknown;

function open(current: Order, role: 'member' | 'viewer' = 'member', answer: Answer = () => undefined) {
  const calls: { method: string; path: string; body?: unknown }[] = [];
  const client = {
    listTaxpayers: async () => ({ items: [], nextCursor: null }),
    request: async (method: string, path: string, opts: RequestOptions = {}) => {
      calls.push({ method, path, body: opts.body });
      const answered = answer(method, path, opts.body);
      if (answered instanceof Error) throw answered;
      if (answered !== undefined) return answered;
      if (path.endsWith('/return-reasons'))
        return [
          { code: 'damaged', label: 'Damaged' },
          { code: 'other', label: 'Other' },
        ];
      if (path.endsWith('/returns')) return { items: [], nextCursor: null };
      return current;
    },
  } as unknown as ApiClient;
  render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={client}>
        <OrderPage params={{ number: current.number }} myRole={role} />
      </ApiProvider>
    </I18nProvider>,
  );
  return calls;
}

const actionButtons = async () => {
  const box = await screen.findByTestId('status-actions');
  return within(box)
    .getAllByRole('button')
    .map((b) => b.textContent);
};

afterEach(cleanup);

describe('the order page', () => {
  it('offers exactly the steps of allowedNext, in Spanish', async () => {
    open(order());
    expect(await actionButtons()).toEqual(['Surtir', 'Cancelar orden']);
    cleanup();
    open(order({ status: 'packing', allowedNext: ['picking', 'shipped', 'cancelled'] }));
    expect(await actionButtons()).toEqual(['Volver a surtir', 'Enviar', 'Cancelar orden']);
    cleanup();
    open(order({ status: 'returned', allowedNext: [] }));
    expect((await screen.findByTestId('status-actions')).textContent).toContain('ya no cambia de estado');
  });

  it('shows viewers no buttons', async () => {
    open(order(), 'viewer');
    await screen.findByText('Ferretería Ruiz');
    expect(screen.queryByTestId('status-actions')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Surtir' })).toBeNull();
  });

  it('moves one step with PATCH, and says where the order may go when the server refuses', async () => {
    const calls = open(order(), 'member', (method) =>
      method === 'PATCH'
        ? problem(409, 'ORDER_TRANSITION_NOT_ALLOWED', { allowed: ['cancelled'] })
        : undefined,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Surtir' }));
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('La orden no puede pasar a ese estado');
    expect(alert.textContent).toContain('solo puede pasar a: Cancelada');
    expect(calls.find((c) => c.method === 'PATCH')).toEqual({
      method: 'PATCH',
      path: '/api/v1/orders/PED-1',
      body: { status: 'picking' },
    });
  });

  it('asks the carrier and tracking number when shipping', async () => {
    const calls = open(order({ status: 'packing', allowedNext: ['picking', 'shipped', 'cancelled'] }));
    fireEvent.click(await screen.findByRole('button', { name: 'Enviar' }));
    fireEvent.change(await screen.findByLabelText(/Paquetería/), { target: { value: 'Estafeta' } });
    fireEvent.change(screen.getByLabelText(/Número de guía/), { target: { value: ' 123 ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Confirmar' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({
        status: 'shipped',
        carrier: 'Estafeta',
        trackingNumber: '123',
      }),
    );
  });

  it('shows the partial return badge, shipped and returned units', async () => {
    open(
      order({
        status: 'delivered',
        returnStatus: 'partially_returned',
        allowedNext: ['returned'],
        lines: [line('A', { shippedQuantity: 5, returnedQuantity: 3 }), line('B', { shippedQuantity: 5 })],
      }),
    );
    expect((await screen.findAllByText('Devolución parcial')).length).toBeGreaterThan(0);
    const rowA = screen.getByRole('rowheader', { name: 'A' }).closest('tr')!;
    expect([...rowA.querySelectorAll('td')].map((td) => td.textContent)).toContain('3');
  });
});

describe('the return dialog', () => {
  const shipped = () =>
    order({
      status: 'delivered',
      allowedNext: ['returned'],
      lines: [line('A', { shippedQuantity: 5, returnedQuantity: 3 }), line('B', { shippedQuantity: 5 })],
    });

  it('refuses more units than are out, and needs a reason and a note', async () => {
    const calls = open(shipped());
    fireEvent.click(await screen.findByRole('button', { name: 'Registrar devolución' }));
    const dialog = await screen.findByRole('dialog');
    // A: 5 shipped − 3 returned.
    expect(within(dialog).getByRole('rowheader', { name: /^A/ }).closest('tr')!.textContent).toContain('2');
    fireEvent.change(within(dialog).getByLabelText('Cantidad a devolver de A'), { target: { value: '3' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Registrar devolución' }));
    expect(await within(dialog).findByText('No más de 2.')).toBeTruthy();
    expect(within(dialog).getAllByText('Obligatorio.')).toHaveLength(2);
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);

    fireEvent.change(within(dialog).getByLabelText('Cantidad a devolver de A'), { target: { value: '2' } });
    fireEvent.change(within(dialog).getByLabelText('Unidades dañadas de A'), { target: { value: '1' } });
    fireEvent.change(within(dialog).getByLabelText('Motivo'), { target: { value: 'damaged' } });
    fireEvent.change(within(dialog).getByLabelText(/^Nota/), { target: { value: 'Caja golpeada' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Registrar devolución' }));
    await waitFor(() =>
      expect(calls.find((c) => c.method === 'POST')).toEqual({
        method: 'POST',
        path: '/api/v1/orders/PED-1/returns',
        body: {
          reasonCode: 'damaged',
          note: 'Caja golpeada',
          items: [{ sku: 'A', quantity: 2, damagedQuantity: 1 }],
        },
      }),
    );
  });

  it('offers the reasons in Spanish and shows the server refusal with its params', async () => {
    open(shipped(), 'member', (method) =>
      method === 'POST' ? problem(422, 'RETURN_QUANTITY_EXCEEDED', { sku: 'A', available: 2 }) : undefined,
    );
    fireEvent.click(await screen.findByRole('button', { name: 'Registrar devolución' }));
    const dialog = await screen.findByRole('dialog');
    const reason = within(dialog).getByLabelText<HTMLSelectElement>('Motivo');
    await waitFor(() =>
      expect([...reason.options].map((o) => o.text)).toEqual(['—', 'Llegó dañado', 'Otro motivo']),
    );
    fireEvent.change(within(dialog).getByLabelText('Cantidad a devolver de B'), { target: { value: '1' } });
    fireEvent.change(reason, { target: { value: 'other' } });
    fireEvent.change(within(dialog).getByLabelText(/^Nota/), { target: { value: 'x' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Registrar devolución' }));
    const alert = await within(dialog).findByRole('alert');
    expect(alert.textContent).toContain('Se devuelven más unidades de las enviadas');
    expect(alert.textContent).toContain('SKU A. Disponibles: 2');
  });
});
