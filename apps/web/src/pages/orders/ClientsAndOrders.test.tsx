// @vitest-environment jsdom
import type { ValidationIssue } from '@boveda/contracts';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient, RequestOptions } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { ClientPage } from './ClientPage.js';
import { ClientsPage } from './ClientsPage.js';
import { OrdersPage } from './OrdersPage.js';
import type { Client } from './orders-api.js';

const ID = '11111111-1111-4111-8111-111111111111';
const client = (over: Partial<Client> = {}): Client => ({
  id: ID,
  name: 'Ferretería Ruiz',
  rfc: 'EKU9003173C9',
  email: 'compras@ruiz.mx',
  phone: null,
  address: null,
  fiscalRegime: '601',
  postalCode: '06600',
  cfdiUse: 'G03',
  archived: false,
  orderCount: 2,
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:00Z',
  ...over,
});

const problem = (status: number, code: string, errors?: ValidationIssue[]) =>
  new ApiError({ type: 'about:blank', title: code, status, code, ...(errors ? { errors } : {}) });

type Answer = (method: string, path: string, body: unknown) => unknown;

function fakeApi(answer: Answer = () => undefined) {
  const calls: { method: string; path: string; body?: unknown; query?: unknown }[] = [];
  const api = {
    listTaxpayers: async () => ({ items: [], nextCursor: null }),
    request: async (method: string, path: string, opts: RequestOptions = {}) => {
      calls.push({ method, path, body: opts.body, query: opts.query });
      const answered = answer(method, path, opts.body);
      if (answered instanceof Error) throw answered;
      if (answered !== undefined) return answered;
      if (path.endsWith('/orders') && method === 'GET') return { items: [], nextCursor: null };
      if (path === '/api/v1/clients')
        return {
          items: [client(), client({ id: 'c2', name: 'Abarrotes Díaz', rfc: null, archived: true })],
          nextCursor: null,
        };
      return client();
    },
  } as unknown as ApiClient;
  return { api, calls };
}

function mount(node: React.ReactNode, api: ApiClient, url: string) {
  window.history.replaceState(null, '', url);
  render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={api}>{node}</ApiProvider>
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe('Clientes', () => {
  it('lists clients with RFC, email, order count and the archived badge; the search stays in the URL', async () => {
    const { api, calls } = fakeApi();
    mount(<ClientsPage params={{}} myRole="member" />, api, '/clientes?q=ruiz');
    const row = (await screen.findByRole('link', { name: 'Ferretería Ruiz' })).closest('tr')!;
    expect(row.textContent).toContain('EKU9003173C9');
    expect(row.textContent).toContain('compras@ruiz.mx');
    const archived = screen.getByRole('link', { name: 'Abarrotes Díaz' }).closest('tr')!;
    expect(archived.textContent).toContain('Archivado');
    expect(calls[0]?.query).toMatchObject({ q: 'ruiz', archived: 'false' });
    expect(screen.getByLabelText<HTMLInputElement>('Nombre o RFC').value).toBe('ruiz');
    fireEvent.change(screen.getByLabelText(/Correo exacto/), { target: { value: 'Compras@Ruiz.mx' } });
    fireEvent.click(screen.getByRole('button', { name: 'Buscar' }));
    await waitFor(() => expect(window.location.search).toBe('?q=ruiz&email=Compras%40Ruiz.mx'));
  });

  it('shows VALIDATION_FAILED field errors next to their fields', async () => {
    const { api, calls } = fakeApi((method) =>
      method === 'POST'
        ? problem(400, 'VALIDATION_FAILED', [
            { path: 'body.rfc', code: 'invalid_rfc', message: 'not an RFC' },
          ])
        : undefined,
    );
    mount(<ClientsPage params={{}} myRole="member" />, api, '/clientes');
    fireEvent.change(screen.getByLabelText('Nombre o razón social'), { target: { value: 'Ruiz' } });
    fireEvent.change(screen.getByLabelText(/^RFC/), { target: { value: 'xx' } });
    fireEvent.change(screen.getByLabelText('Correo electrónico'), { target: { value: 'a@ruiz.mx' } });
    fireEvent.change(screen.getByLabelText(/Régimen fiscal/), { target: { value: '612' } });
    fireEvent.click(screen.getByRole('button', { name: 'Crear cliente' }));
    const rfc = screen.getByLabelText(/^RFC/);
    await waitFor(() => expect(rfc.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById('new-client-rfc-error')?.textContent).toContain('No es un RFC válido');
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      name: 'Ruiz',
      rfc: 'XX',
      email: 'a@ruiz.mx',
      phone: null,
      address: null,
      fiscalRegime: '612',
      postalCode: null,
      cfdiUse: null,
    });
  });

  it('answers CLIENT_HAS_ORDERS on delete with its text and offers to archive instead', async () => {
    const { api, calls } = fakeApi((method, path) => {
      if (method === 'DELETE') return problem(409, 'CLIENT_HAS_ORDERS');
      if (path.endsWith('/archive')) return client({ archived: true });
      return undefined;
    });
    mount(<ClientPage params={{ id: ID }} myRole="admin" />, api, `/clientes/${ID}`);
    expect(await screen.findByText('601 · General de Ley Personas Morales')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Eliminar' }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Eliminar' }));
    expect((await within(dialog).findByRole('alert')).textContent).toContain(
      'El cliente tiene órdenes y no se puede eliminar',
    );
    fireEvent.click(within(dialog).getByRole('button', { name: 'Archivar en su lugar' }));
    await waitFor(() => expect(calls.some((c) => c.path === `/api/v1/clients/${ID}/archive`)).toBe(true));
    expect(await screen.findByRole('button', { name: 'Reactivar' })).toBeTruthy();
  });

  it('lets a member edit and archive but not delete', async () => {
    const { api } = fakeApi();
    mount(<ClientPage params={{ id: ID }} myRole="member" />, api, `/clientes/${ID}`);
    expect(await screen.findByRole('button', { name: 'Editar' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Archivar' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Eliminar' })).toBeNull();
  });
});

describe('Nueva orden', () => {
  it('computes the totals exactly as the lines are typed and sends the lines with their taxes', async () => {
    const { api, calls } = fakeApi((method, path) =>
      method === 'POST' && path === '/api/v1/orders' ? problem(409, 'ORDER_NUMBER_TAKEN') : undefined,
    );
    mount(<OrdersPage params={{}} myRole="member" />, api, '/ordenes');
    const line = (i: number) => within(screen.getByTestId(`order-line-${i}`));
    fireEvent.change(screen.getByLabelText(/^Número de orden/), { target: { value: 'PED-1' } });
    const picker = screen.getByLabelText<HTMLSelectElement>('Cliente de la orden');
    await waitFor(() => expect(picker.options.length).toBe(3));
    fireEvent.change(picker, { target: { value: ID } });
    fireEvent.change(line(0).getByLabelText('SKU'), { target: { value: 'TOR-1' } });
    fireEvent.change(line(0).getByLabelText('Descripción'), { target: { value: 'Tornillo' } });
    fireEvent.change(line(0).getByLabelText('Cantidad'), { target: { value: '3' } });
    fireEvent.change(line(0).getByLabelText('Precio unitario'), { target: { value: '33.33' } });
    const totals = () =>
      Object.fromEntries(
        [...screen.getByTestId('order-totals').querySelectorAll('dd')].map((dd) => [
          dd.getAttribute('data-amount'),
          dd.textContent,
        ]),
      );
    // 3 × 33.33 = 99.99; IVA round(15.9984) = 16.00.
    expect(totals()).toEqual({ subtotal: '$99.99', taxes: '$16.00', total: '$115.99' });

    fireEvent.click(screen.getByRole('button', { name: 'Agregar partida' }));
    fireEvent.change(line(1).getByLabelText('SKU'), { target: { value: 'TOR-1' } });
    fireEvent.change(line(1).getByLabelText('Descripción'), { target: { value: 'Libro' } });
    fireEvent.change(line(1).getByLabelText('Precio unitario'), { target: { value: '0.10' } });
    fireEvent.change(line(1).getByLabelText('Impuestos'), { target: { value: 'exempt' } });
    fireEvent.change(line(1).getByLabelText(/Clave producto/), { target: { value: '55101500' } });
    expect(totals()).toEqual({ subtotal: '$100.09', taxes: '$16.00', total: '$116.09' });

    fireEvent.click(screen.getByRole('button', { name: 'Crear orden' }));
    expect(await screen.findByText('Cada SKU va una sola vez por orden.')).toBeTruthy();
    expect(calls.filter((c) => c.method === 'POST')).toEqual([]);
    fireEvent.change(line(1).getByLabelText('SKU'), { target: { value: 'LIB-1' } });
    fireEvent.click(screen.getByRole('button', { name: 'Crear orden' }));
    await waitFor(() => expect(calls.some((c) => c.method === 'POST')).toBe(true));
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      number: 'PED-1',
      clientId: ID,
      notes: null,
      lines: [
        {
          sku: 'TOR-1',
          description: 'Tornillo',
          quantity: 3,
          unitPrice: '33.33',
          taxes: [{ type: 'IVA', rate: '0.16', exempt: false, withheld: false }],
        },
        {
          sku: 'LIB-1',
          description: 'Libro',
          quantity: 1,
          unitPrice: '0.10',
          taxes: [{ type: 'IVA', exempt: true, withheld: false }],
          productCode: '55101500',
        },
      ],
    });
    // The taken number is said next to the number field.
    await waitFor(() =>
      expect(document.getElementById('order-number-error')?.textContent).toBe(
        'Ya existe una orden con ese número.',
      ),
    );
  });

  it('keeps the status filter in the URL', async () => {
    const { api, calls } = fakeApi();
    mount(<OrdersPage params={{}} myRole="viewer" />, api, '/ordenes?status=shipped&clientId=junk');
    await waitFor(() => expect(calls.some((c) => c.path === '/api/v1/orders')).toBe(true));
    expect(calls.find((c) => c.path === '/api/v1/orders')?.query).toEqual({
      status: 'shipped',
      limit: 50,
      cursor: null,
    });
    expect(screen.getByRole('button', { name: 'Enviada' }).getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Entregada' }));
    await waitFor(() => expect(window.location.search).toBe('?status=delivered'));
    expect(screen.queryByRole('heading', { name: 'Nueva orden' })).toBeNull();
  });
});
