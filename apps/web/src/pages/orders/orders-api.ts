import type {
  ClientCreateBody,
  ClientUpdateBody,
  ClientView,
  clientListItem,
  clientListQuery,
  clientPage,
  OrderCreateBody,
  OrderInvoiceBody,
  OrderStatusBody,
  OrderView,
  orderListQuery,
  orderPage,
  ReturnCreateBody,
  ReturnView,
  returnListQuery,
  returnPage,
  returnReasonView,
} from '@boveda/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi } from '../../api/ApiProvider.js';
import type { ApiClient } from '../../api/client.js';

/** Clients, orders and returns on the wire: all from `@boveda/contracts` (`src/api/orders.ts`). */
export type Client = ClientView;
export type ClientItem = z.output<typeof clientListItem>;
export type ClientPage = z.output<typeof clientPage>;
export type ClientFilters = Omit<z.input<typeof clientListQuery>, 'cursor' | 'limit'>;
export type Order = OrderView;
export type OrderPage = z.output<typeof orderPage>;
export type OrderFilters = Omit<z.input<typeof orderListQuery>, 'cursor' | 'limit'>;
export type Return = ReturnView;
export type ReturnPage = z.output<typeof returnPage>;
export type ReturnFilters = Omit<z.input<typeof returnListQuery>, 'cursor' | 'limit'>;
export type ReturnReason = z.output<typeof returnReasonView>;
export type { ClientCreateBody, OrderCreateBody, OrderInvoiceBody, OrderStatusBody, ReturnCreateBody };

const clientsBase = '/api/v1/clients';
const ordersBase = '/api/v1/orders';
const client = (id: string) => `${clientsBase}/${encodeURIComponent(id)}`;
const order = (number: string) => `${ordersBase}/${encodeURIComponent(number)}`;

/**
 * The cache keys. Live events (`api/live.tsx`) mark `['orders', …]` stale by prefix: the lists, the
 * order that moved and every list of returns; and the moved order's client (`['clients', …, id]`).
 */
export const orderKeys = {
  all: ['orders'] as const,
  lists: ['orders', 'list'] as const,
  list: (f: OrderFilters) => ['orders', 'list', f] as const,
  detail: (number: string) => ['orders', 'detail', number] as const,
  returns: ['orders', 'returns'] as const,
  returnsOf: (number: string) => ['orders', 'returns', 'order', number] as const,
  returnList: (f: ReturnFilters) => ['orders', 'returns', 'list', f] as const,
  reasons: ['order-return-reasons'] as const,
};
export const clientKeys = {
  all: ['clients'] as const,
  lists: ['clients', 'list'] as const,
  list: (f: ClientFilters) => ['clients', 'list', f] as const,
  detail: (id: string) => ['clients', 'detail', id] as const,
  orders: (id: string) => ['clients', 'orders', id] as const,
};

type Page = { limit?: number; cursor?: string | null };

/** The calls, through the app's one client (CSRF, problem+json errors, 401 → sign-in). */
export const ordersApi = {
  listClients: (api: ApiClient, f: ClientFilters, p: Page = {}) =>
    api.request<ClientPage>('GET', clientsBase, { query: { ...f, limit: p.limit, cursor: p.cursor } }),
  getClient: (api: ApiClient, id: string) => api.request<Client>('GET', client(id)),
  createClient: (api: ApiClient, body: ClientCreateBody) =>
    api.request<Client>('POST', clientsBase, { body }),
  updateClient: (api: ApiClient, id: string, body: ClientUpdateBody) =>
    api.request<Client>('PATCH', client(id), { body }),
  archiveClient: (api: ApiClient, id: string, archive: boolean) =>
    api.request<Client>('POST', `${client(id)}/${archive ? 'archive' : 'unarchive'}`),
  deleteClient: (api: ApiClient, id: string) => api.request<void>('DELETE', client(id)),
  clientOrders: (api: ApiClient, id: string, p: Page = {}) =>
    api.request<OrderPage>('GET', `${client(id)}/orders`, { query: { limit: p.limit, cursor: p.cursor } }),

  listOrders: (api: ApiClient, f: OrderFilters, p: Page = {}) =>
    api.request<OrderPage>('GET', ordersBase, { query: { ...f, limit: p.limit, cursor: p.cursor } }),
  getOrder: (api: ApiClient, number: string) => api.request<Order>('GET', order(number)),
  createOrder: (api: ApiClient, body: OrderCreateBody) => api.request<Order>('POST', ordersBase, { body }),
  changeStatus: (api: ApiClient, number: string, body: OrderStatusBody) =>
    api.request<Order>('PATCH', order(number), { body }),
  deleteOrder: (api: ApiClient, number: string) => api.request<void>('DELETE', order(number)),
  createReturn: (api: ApiClient, number: string, body: ReturnCreateBody) =>
    api.request<Return>('POST', `${order(number)}/returns`, { body }),
  orderReturns: (api: ApiClient, number: string) =>
    api.request<ReturnPage>('GET', `${order(number)}/returns`, { query: { limit: 200 } }),
  listReturns: (api: ApiClient, f: ReturnFilters, p: Page = {}) =>
    api.request<ReturnPage>('GET', `${ordersBase}/returns`, {
      query: { ...f, limit: p.limit, cursor: p.cursor },
    }),
  /** The reasons as a list (the route answers a bare array; `{ items }` is read too). */
  returnReasons: async (api: ApiClient) => {
    const answer = await api.request<ReturnReason[] | { items: ReturnReason[] }>(
      'GET',
      `${ordersBase}/return-reasons`,
    );
    return Array.isArray(answer) ? answer : answer.items;
  },
  invoice: (api: ApiClient, number: string, body: OrderInvoiceBody) =>
    api.request<Order>('POST', `${order(number)}/invoice`, { body }),
};

/** Where the browser downloads a stamped invoice's files (the session cookie goes along). */
export const invoiceFileUrl = (invoiceId: string, kind: 'xml' | 'pdf') =>
  `/api/v1/pac/invoices/${encodeURIComponent(invoiceId)}/${kind}`;

const PAGE = 50;
const pageParams = {
  initialPageParam: null as string | null,
  getNextPageParam: (last: { nextCursor: string | null }) => last.nextCursor,
};

export function useClients(filters: ClientFilters, enabled = true) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: clientKeys.list(filters),
    queryFn: ({ pageParam }) => ordersApi.listClients(api, filters, { limit: PAGE, cursor: pageParam }),
    enabled,
    ...pageParams,
  });
}

export function useClient(id: string) {
  const api = useApi();
  return useQuery({ queryKey: clientKeys.detail(id), queryFn: () => ordersApi.getClient(api, id) });
}

export function useClientOrders(id: string) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: clientKeys.orders(id),
    queryFn: ({ pageParam }) => ordersApi.clientOrders(api, id, { limit: PAGE, cursor: pageParam }),
    ...pageParams,
  });
}

/** After a change to a client: its detail from the answer, the lists asked again. */
function useClientWrite<Vars>(call: (api: ApiClient, vars: Vars) => Promise<Client>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (vars: Vars) => call(api, vars),
    onSuccess: (saved) => {
      queryClient.setQueryData(clientKeys.detail(saved.id), saved);
      void queryClient.invalidateQueries({ queryKey: clientKeys.lists });
    },
  });
}

export const useCreateClient = () => useClientWrite(ordersApi.createClient);
export const useUpdateClient = (id: string) =>
  useClientWrite((api, body: ClientUpdateBody) => ordersApi.updateClient(api, id, body));
export const useArchiveClient = (id: string) =>
  useClientWrite((api, archive: boolean) => ordersApi.archiveClient(api, id, archive));

export function useDeleteClient(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => ordersApi.deleteClient(api, id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: clientKeys.detail(id) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.lists });
    },
  });
}

export function useOrders(filters: OrderFilters) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: orderKeys.list(filters),
    queryFn: ({ pageParam }) => ordersApi.listOrders(api, filters, { limit: PAGE, cursor: pageParam }),
    ...pageParams,
  });
}

const stamping = (o: Order | undefined) =>
  o?.invoice?.status === 'draft' || o?.invoice?.status === 'stamping';

/**
 * One order. Status changes and returns arrive on the live channel; the PAC's answer to an invoice
 * is asked for every 3 s while it is being stamped, since a failed stamp publishes no order event.
 */
export function useOrder(number: string) {
  const api = useApi();
  return useQuery({
    queryKey: orderKeys.detail(number),
    queryFn: () => ordersApi.getOrder(api, number),
    refetchInterval: (q) => (stamping(q.state.data) ? 3_000 : false),
  });
}

export function useOrderReturns(number: string) {
  const api = useApi();
  return useQuery({
    queryKey: orderKeys.returnsOf(number),
    queryFn: () => ordersApi.orderReturns(api, number),
  });
}

export function useReturns(filters: ReturnFilters) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: orderKeys.returnList(filters),
    queryFn: ({ pageParam }) => ordersApi.listReturns(api, filters, { limit: PAGE, cursor: pageParam }),
    ...pageParams,
  });
}

export function useReturnReasons() {
  const api = useApi();
  return useQuery({
    queryKey: orderKeys.reasons,
    queryFn: () => ordersApi.returnReasons(api),
    staleTime: Number.POSITIVE_INFINITY,
  });
}

/** After a change to an order: its detail from the answer; lists, returns and its client asked again. */
function useOrderWrite<Vars, Result>(
  call: (api: ApiClient, vars: Vars) => Promise<Result>,
  orderOf: (result: Result, vars: Vars) => { number: string; clientId: string; order?: Order },
) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (vars: Vars) => call(api, vars),
    onSuccess: (result, vars) => {
      const { number, clientId, order: saved } = orderOf(result, vars);
      if (saved) queryClient.setQueryData(orderKeys.detail(number), saved);
      else void queryClient.invalidateQueries({ queryKey: orderKeys.detail(number) });
      void queryClient.invalidateQueries({ queryKey: orderKeys.lists });
      void queryClient.invalidateQueries({ queryKey: orderKeys.returns });
      void queryClient.invalidateQueries({ queryKey: clientKeys.orders(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.detail(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.lists });
    },
  });
}

const fromOrder = (o: Order) => ({ number: o.number, clientId: o.clientId, order: o });

export const useCreateOrder = () => useOrderWrite(ordersApi.createOrder, fromOrder);
export const useChangeStatus = (number: string) =>
  useOrderWrite((api, body: OrderStatusBody) => ordersApi.changeStatus(api, number, body), fromOrder);
export const useInvoiceOrder = (number: string) =>
  useOrderWrite((api, body: OrderInvoiceBody) => ordersApi.invoice(api, number, body), fromOrder);
export const useCreateReturn = (number: string, clientId: string) =>
  useOrderWrite(
    (api, body: ReturnCreateBody) => ordersApi.createReturn(api, number, body),
    () => ({ number, clientId }),
  );
export function useDeleteOrder(number: string, clientId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => ordersApi.deleteOrder(api, number),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: orderKeys.detail(number) });
      void queryClient.invalidateQueries({ queryKey: orderKeys.lists });
      void queryClient.invalidateQueries({ queryKey: clientKeys.orders(clientId) });
      void queryClient.invalidateQueries({ queryKey: clientKeys.lists });
    },
  });
}
