import type {
  PacInvoiceView,
  pacAccountBody,
  pacAccountView,
  pacCancelBody,
  pacInvoiceCreateBody,
  pacInvoicePage,
} from '@boveda/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi } from '../../api/ApiProvider.js';

/** Facturación's wire types, all from `@boveda/contracts` (`src/api/pac.ts`, `src/api/pac-invoices.ts`). */
export type PacAccount = z.output<typeof pacAccountView>;
export type PacInvoice = PacInvoiceView;
export type NewInvoice = z.input<typeof pacInvoiceCreateBody>;

const invoicesKey = ['pac-invoices'] as const;
const accountKey = ['pac-account'] as const;

export function usePacAccount() {
  const api = useApi();
  return useQuery({
    queryKey: accountKey,
    queryFn: () => api.request<PacAccount>('GET', '/api/v1/pac/account'),
  });
}

export function useConnectPacAccount() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: z.input<typeof pacAccountBody>) =>
      api.request<PacAccount>('PUT', '/api/v1/pac/account', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKey }),
  });
}

/** Issued invoices, polled while one is still being stamped or cancelled. */
export function usePacInvoices() {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: invoicesKey,
    queryFn: ({ pageParam }) =>
      api.request<z.output<typeof pacInvoicePage>>('GET', '/api/v1/pac/invoices', {
        query: { limit: 50, cursor: pageParam },
      }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    refetchInterval: (q) =>
      q.state.data?.pages.some((p) =>
        p.items.some(
          (i) =>
            i.status === 'draft' ||
            i.status === 'stamping' ||
            i.cancellation.status === 'requested' ||
            i.cancellation.status === 'pending',
        ),
      )
        ? 1500
        : false,
  });
}

export function useIssueInvoice() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewInvoice) => api.request<PacInvoice>('POST', '/api/v1/pac/invoices', { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invoicesKey }),
  });
}

export function useCancelInvoice() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, ...body }: z.input<typeof pacCancelBody> & { id: string }) =>
      api.request<PacInvoice>('POST', `/api/v1/pac/invoices/${encodeURIComponent(id)}/cancel`, { body }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invoicesKey }),
  });
}

export function useRetryInvoice() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) =>
      api.request<PacInvoice>('POST', `/api/v1/pac/invoices/${encodeURIComponent(id)}/retry`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: invoicesKey }),
  });
}
