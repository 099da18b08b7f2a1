import type {
  CatalogEntry,
  CatalogImportResult,
  CatalogKind,
  catalogEntryCreateBody,
  catalogEntryPage,
  catalogEntryUpdateBody,
  catalogListQuery,
  InvoiceSuggestion,
  invoiceSuggestionPage,
  SuggestionStats,
} from '@boveda/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi } from '../../api/ApiProvider.js';
import type { ApiClient } from '../../api/client.js';

/** The catalogue's and the suggestions' wire types, all from `@boveda/contracts`. */
export type { CatalogEntry, CatalogImportResult, CatalogKind, InvoiceSuggestion, SuggestionStats };
export type CatalogPage = z.output<typeof catalogEntryPage>;
export type CatalogFilters = Omit<z.input<typeof catalogListQuery>, 'cursor' | 'limit'>;
export type CatalogCreateInput = z.input<typeof catalogEntryCreateBody>;
export type CatalogUpdateInput = z.input<typeof catalogEntryUpdateBody>;
type SuggestionPage = z.output<typeof invoiceSuggestionPage>;

const base = '/api/v1/catalog/entries';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;
const suggestionsOf = (invoiceId: string) => `/api/v1/invoices/${encodeURIComponent(invoiceId)}/suggestions`;

export const catalogApi = {
  list: (api: ApiClient, f: CatalogFilters, p: { limit?: number; cursor?: string | null } = {}) =>
    api.request<CatalogPage>('GET', base, { query: { ...f, limit: p.limit, cursor: p.cursor } }),
  create: (api: ApiClient, body: CatalogCreateInput) => api.request<CatalogEntry>('POST', base, { body }),
  update: (api: ApiClient, id: string, body: CatalogUpdateInput) =>
    api.request<CatalogEntry>('PATCH', one(id), { body }),
  importCsv: (api: ApiClient, file: Blob) =>
    api.request<CatalogImportResult>('POST', `${base}/import`, { body: file, contentType: 'text/csv' }),
  suggestions: (api: ApiClient, invoiceId: string) =>
    api.request<SuggestionPage>('GET', suggestionsOf(invoiceId)),
  accept: (api: ApiClient, invoiceId: string, id: string, version: number) =>
    api.request<InvoiceSuggestion>('POST', `${suggestionsOf(invoiceId)}/${encodeURIComponent(id)}/accept`, {
      body: { version },
    }),
  dismiss: (api: ApiClient, invoiceId: string, id: string) =>
    api.request<InvoiceSuggestion>('POST', `${suggestionsOf(invoiceId)}/${encodeURIComponent(id)}/dismiss`),
  stats: (api: ApiClient) => api.request<SuggestionStats>('GET', '/api/v1/suggestions/stats'),
};

export const catalogKeys = {
  all: ['catalog'] as const,
  list: (f: CatalogFilters) => ['catalog', 'list', f] as const,
  /** Every active entry of a kind: what the validation view offers. */
  active: (kind: CatalogKind) => ['catalog', 'active', kind] as const,
  stats: ['catalog', 'suggestion-stats'] as const,
  /** Under 'invoices': the inbox's live events refresh an invoice's suggestions with it. */
  suggestions: (invoiceId: string) => ['invoices', 'suggestions', invoiceId] as const,
};

export function useCatalog(filters: CatalogFilters) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: catalogKeys.list(filters),
    queryFn: ({ pageParam }) => catalogApi.list(api, filters, { limit: 200, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The active categories or accounts (a chart of accounts fits in one page of 1,000). */
export function useActiveCatalog(kind: CatalogKind) {
  const api = useApi();
  return useQuery({
    queryKey: catalogKeys.active(kind),
    queryFn: async () => (await catalogApi.list(api, { kind, active: 'true' }, { limit: 1000 })).items,
    staleTime: 60_000,
  });
}

function useCatalogWrite<Input, Output>(run: (api: ApiClient, input: Input) => Promise<Output>) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Input) => run(api, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: catalogKeys.all }),
  });
}

export const useCreateCatalogEntry = () =>
  useCatalogWrite((api, body: CatalogCreateInput) => catalogApi.create(api, body));
export const useUpdateCatalogEntry = () =>
  useCatalogWrite((api, { id, body }: { id: string; body: CatalogUpdateInput }) =>
    catalogApi.update(api, id, body),
  );
export const useImportCatalog = () => useCatalogWrite((api, file: Blob) => catalogApi.importCsv(api, file));

export function useSuggestionStats() {
  const api = useApi();
  return useQuery({ queryKey: catalogKeys.stats, queryFn: () => catalogApi.stats(api) });
}

/** Read again with every new version of the invoice (an edit may settle or open a suggestion). */
export function useInvoiceSuggestions(invoiceId: string, version: number, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: [...catalogKeys.suggestions(invoiceId), version],
    queryFn: async () => (await catalogApi.suggestions(api, invoiceId)).items,
    enabled,
  });
}

/** Accept or dismiss; then the invoice (a filled field, a new version) and its suggestions refresh. */
export function useDecideSuggestion(invoiceId: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: { id: string; accept: boolean; version: number }) =>
      input.accept
        ? catalogApi.accept(api, invoiceId, input.id, input.version)
        : catalogApi.dismiss(api, invoiceId, input.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['invoices', 'detail', invoiceId] });
      void queryClient.invalidateQueries({ queryKey: catalogKeys.suggestions(invoiceId) });
      void queryClient.invalidateQueries({ queryKey: catalogKeys.stats });
    },
  });
}
