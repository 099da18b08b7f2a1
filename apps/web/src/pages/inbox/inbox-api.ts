import type {
  InvoiceDetail,
  InvoiceUploadResult,
  invoiceConfirmBody,
  invoiceEditBody,
  invoiceFilterQuery,
  invoicePage,
  invoiceRejectBody,
  invoiceSummary,
} from '@boveda/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi } from '../../api/ApiProvider.js';
import type { ApiClient, UploadProgress } from '../../api/client.js';
import { OFFLINE_POLL_MS, useLiveStatus } from '../../api/live.js';

/** The inbox's wire types, all from `@boveda/contracts` (`packages/contracts/src/api/invoices.ts`). */
export type { InvoiceDetail, InvoiceItem, InvoiceUploadResult } from '@boveda/contracts';
export type InvoicePage = z.output<typeof invoicePage>;
export type InvoiceFilters = z.input<typeof invoiceFilterQuery>;
export type InvoiceSummary = z.output<typeof invoiceSummary>;
export type InvoiceEditInput = z.input<typeof invoiceEditBody>;
export type InvoiceConfirmInput = z.input<typeof invoiceConfirmBody>;
export type InvoiceRejectInput = z.input<typeof invoiceRejectBody>;

const base = '/api/v1/invoices';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

/** Where the browser shows or downloads an invoice's original file (the session cookie goes along). */
export const invoiceFileUrl = (id: string, fileId: string) =>
  `${one(id)}/files/${encodeURIComponent(fileId)}`;

/** Where the browser downloads the list with its filters as CSV or Excel (`GET /invoices/export`). */
export function invoiceExportUrl(filters: InvoiceFilters, format: 'csv' | 'xlsx') {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters))
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  params.set('format', format);
  return `${base}/export?${params}`;
}

/** The inbox's calls, through the app's one client (CSRF, problem+json errors, 401 → sign-in). */
export const inboxApi = {
  list: (api: ApiClient, filters: InvoiceFilters, page: { limit?: number; cursor?: string | null } = {}) =>
    api.request<InvoicePage>('GET', base, { query: { ...filters, limit: page.limit, cursor: page.cursor } }),
  summary: (api: ApiClient) => api.request<InvoiceSummary>('GET', `${base}/summary`),
  get: (api: ApiClient, id: string) => api.request<InvoiceDetail>('GET', one(id)),
  edit: (api: ApiClient, id: string, body: InvoiceEditInput) =>
    api.request<InvoiceDetail>('PATCH', one(id), { body }),
  confirm: (api: ApiClient, id: string, body: InvoiceConfirmInput) =>
    api.request<InvoiceDetail>('POST', `${one(id)}/confirm`, { body }),
  reject: (api: ApiClient, id: string, body: InvoiceRejectInput) =>
    api.request<InvoiceDetail>('POST', `${one(id)}/reject`, { body }),
  retry: (api: ApiClient, id: string) => api.request<InvoiceDetail>('POST', `${one(id)}/retry`),
  /** One multipart request: its files are stored all or none (an XML and its PDF go together). */
  upload: (api: ApiClient, files: File[], onProgress?: (p: UploadProgress) => void, signal?: AbortSignal) => {
    const form = new FormData();
    for (const file of files) form.append('file', file, file.name);
    return api.upload<InvoiceUploadResult>(base, form, { onProgress, signal });
  },
};

/**
 * Cache keys, all under 'invoices': the live channel (`api/live.tsx`) marks `list`, `summary` and
 * the moved invoice's `detail` stale on every `inbox.invoice.*` event, so nothing polls.
 */
export const inboxKeys = {
  all: ['invoices'] as const,
  lists: ['invoices', 'list'] as const,
  list: (filters: InvoiceFilters) => ['invoices', 'list', filters] as const,
  /** Not `list({ status })`: that key holds the inbox's paged (infinite) list, a different shape. */
  queue: ['invoices', 'list', 'queue'] as const,
  summary: ['invoices', 'summary'] as const,
  detail: (id: string) => ['invoices', 'detail', id] as const,
};

const PAGE_SIZE = 50;
/** Enough to walk through a day's invoices with J/K; the queue is a list like any other. */
const QUEUE_SIZE = 200;

/** A slow look only while the live channel is down; live events refresh the rest. */
function useFallbackPoll() {
  const live = useLiveStatus();
  return live === 'live' ? false : OFFLINE_POLL_MS;
}

export function useInvoices(filters: InvoiceFilters) {
  const api = useApi();
  const refetchInterval = useFallbackPoll();
  return useInfiniteQuery({
    queryKey: inboxKeys.list(filters),
    queryFn: ({ pageParam }) => inboxApi.list(api, filters, { limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 0,
    refetchInterval,
  });
}

/** The invoices waiting for a person, in the list's order: where Confirmar goes next, and J/K. */
export function useValidationQueue() {
  const api = useApi();
  const refetchInterval = useFallbackPoll();
  return useQuery({
    queryKey: inboxKeys.queue,
    queryFn: () => inboxApi.list(api, { status: 'waiting_validation' }, { limit: QUEUE_SIZE }),
    staleTime: 0,
    refetchInterval,
  });
}

export function useInvoiceSummary() {
  const api = useApi();
  const refetchInterval = useFallbackPoll();
  return useQuery({
    queryKey: inboxKeys.summary,
    queryFn: () => inboxApi.summary(api),
    staleTime: 0,
    refetchInterval,
  });
}

export function useInvoice(id: string) {
  const api = useApi();
  const live = useLiveStatus();
  return useQuery({
    queryKey: inboxKeys.detail(id),
    queryFn: () => inboxApi.get(api, id),
    staleTime: 0,
    refetchInterval: (query) =>
      live !== 'live' && query.state.data?.status === 'processing' ? OFFLINE_POLL_MS : false,
  });
}

/** Every answer of a write is the invoice as it now stands: put it in the cache, refresh the lists. */
function useInvoiceWrite<Input>(run: (api: ApiClient, input: Input) => Promise<InvoiceDetail>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => run(api, input),
    onSuccess: (detail) => {
      queryClient.setQueryData(inboxKeys.detail(detail.id), detail);
      void queryClient.invalidateQueries({ queryKey: inboxKeys.lists });
      void queryClient.invalidateQueries({ queryKey: inboxKeys.summary });
    },
  });
}

export const useEditInvoice = (id: string) =>
  useInvoiceWrite((api, body: InvoiceEditInput) => inboxApi.edit(api, id, body));
export const useConfirmInvoice = (id: string) =>
  useInvoiceWrite((api, body: InvoiceConfirmInput) => inboxApi.confirm(api, id, body));
export const useRejectInvoice = (id: string) =>
  useInvoiceWrite((api, body: InvoiceRejectInput) => inboxApi.reject(api, id, body));
export const useRetryInvoice = (id: string) =>
  useInvoiceWrite((api, _: undefined) => inboxApi.retry(api, id));
