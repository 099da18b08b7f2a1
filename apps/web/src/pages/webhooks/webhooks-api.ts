import type {
  WebhookAttempt,
  WebhookEndpoint,
  webhookAttemptListQuery,
  webhookAttemptPage,
  webhookEndpointCreateBody,
  webhookEndpointCreated,
  webhookEndpointPage,
  webhookEndpointStats,
  webhookEndpointUpdateBody,
  webhookEventTypeItem,
  webhookEventTypePage,
  webhookMessageDetail,
  webhookQueued,
  webhookRecoverBody,
  webhookResendBody,
  webhookSecret,
  webhookTestResult,
} from '@boveda/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi } from '../../api/ApiProvider.js';
import type { ApiClient } from '../../api/client.js';

/** The webhooks' wire types, all from `@boveda/contracts` (`packages/contracts/src/api/webhooks.ts`). */
export type { WebhookAttempt, WebhookEndpoint };
export type WebhookEndpointPage = z.output<typeof webhookEndpointPage>;
export type WebhookEndpointCreated = z.output<typeof webhookEndpointCreated>;
export type WebhookEndpointCreateInput = z.input<typeof webhookEndpointCreateBody>;
export type WebhookEndpointUpdateInput = z.input<typeof webhookEndpointUpdateBody>;
export type WebhookEventTypeItem = z.output<typeof webhookEventTypeItem>;
export type WebhookEventTypePage = z.output<typeof webhookEventTypePage>;
export type WebhookSecret = z.output<typeof webhookSecret>;
export type WebhookStats = z.output<typeof webhookEndpointStats>;
export type WebhookAttemptPage = z.output<typeof webhookAttemptPage>;
export type WebhookAttemptFilters = Omit<z.input<typeof webhookAttemptListQuery>, 'limit' | 'cursor'>;
export type WebhookMessageDetail = z.output<typeof webhookMessageDetail>;
export type WebhookQueued = z.output<typeof webhookQueued>;
export type WebhookTestResult = z.output<typeof webhookTestResult>;
export type WebhookRecoverInput = z.input<typeof webhookRecoverBody>;
export type WebhookResendInput = z.input<typeof webhookResendBody>;

const base = '/api/v1/webhooks';
const endpoint = (id: string) => `${base}/endpoints/${encodeURIComponent(id)}`;
const message = (id: string) => `${base}/messages/${encodeURIComponent(id)}`;

/** The webhooks' calls, through the app's one client (CSRF, problem+json errors, 401 → sign-in). */
export const webhooksApi = {
  eventTypes: (api: ApiClient) => api.request<WebhookEventTypePage>('GET', `${base}/event-types`),
  listEndpoints: (api: ApiClient, page: { limit?: number; cursor?: string | null } = {}) =>
    api.request<WebhookEndpointPage>('GET', `${base}/endpoints`, {
      query: { limit: page.limit, cursor: page.cursor },
    }),
  createEndpoint: (api: ApiClient, body: WebhookEndpointCreateInput) =>
    api.request<WebhookEndpointCreated>('POST', `${base}/endpoints`, { body }),
  getEndpoint: (api: ApiClient, id: string) => api.request<WebhookEndpoint>('GET', endpoint(id)),
  updateEndpoint: (api: ApiClient, id: string, body: WebhookEndpointUpdateInput) =>
    api.request<WebhookEndpoint>('PATCH', endpoint(id), { body }),
  deleteEndpoint: (api: ApiClient, id: string) => api.request<void>('DELETE', endpoint(id)),
  secret: (api: ApiClient, id: string) => api.request<WebhookSecret>('GET', `${endpoint(id)}/secret`),
  rotateSecret: (api: ApiClient, id: string) =>
    api.request<WebhookSecret>('POST', `${endpoint(id)}/secret/rotate`),
  test: (api: ApiClient, id: string) => api.request<WebhookTestResult>('POST', `${endpoint(id)}/test`),
  stats: (api: ApiClient, id: string) => api.request<WebhookStats>('GET', `${endpoint(id)}/stats`),
  recover: (api: ApiClient, id: string, body: WebhookRecoverInput) =>
    api.request<WebhookQueued>('POST', `${endpoint(id)}/recover`, { body }),
  attempts: (
    api: ApiClient,
    filters: WebhookAttemptFilters,
    page: { limit?: number; cursor?: string | null } = {},
  ) =>
    api.request<WebhookAttemptPage>('GET', `${base}/attempts`, {
      query: { ...filters, limit: page.limit, cursor: page.cursor },
    }),
  message: (api: ApiClient, id: string) => api.request<WebhookMessageDetail>('GET', message(id)),
  resend: (api: ApiClient, id: string, body: WebhookResendInput) =>
    api.request<WebhookQueued>('POST', `${message(id)}/resend`, { body }),
};

/** Cache keys, all under 'webhooks'. */
export const webhookKeys = {
  all: ['webhooks'] as const,
  eventTypes: ['webhooks', 'event-types'] as const,
  endpoints: ['webhooks', 'endpoints'] as const,
  endpoint: (id: string) => ['webhooks', 'endpoint', id] as const,
  stats: (id: string) => ['webhooks', 'stats', id] as const,
  attemptsAll: ['webhooks', 'attempts'] as const,
  attempts: (filters: WebhookAttemptFilters) => ['webhooks', 'attempts', filters] as const,
  message: (id: string) => ['webhooks', 'message', id] as const,
};

/**
 * Webhook deliveries publish no event on the live channel, so the delivery log and the stats are
 * asked again this often while the page is visible (TanStack Query pauses intervals in a hidden
 * tab), and right after every action on the page.
 */
export const LOG_POLL_MS = 4_000;
const PAGE_SIZE = 50;

export function useEventTypes() {
  const api = useApi();
  return useQuery({
    queryKey: webhookKeys.eventTypes,
    queryFn: () => webhooksApi.eventTypes(api),
    // The catalogue changes only with a release of the server.
    staleTime: 5 * 60_000,
  });
}

export function useEndpoints(enabled = true) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: webhookKeys.endpoints,
    queryFn: ({ pageParam }) => webhooksApi.listEndpoints(api, { limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export function useEndpoint(id: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: webhookKeys.endpoint(id),
    queryFn: () => webhooksApi.getEndpoint(api, id),
    enabled,
  });
}

export function useEndpointStats(id: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: webhookKeys.stats(id),
    queryFn: () => webhooksApi.stats(api, id),
    staleTime: 0,
    refetchInterval: LOG_POLL_MS,
    enabled,
  });
}

/** The delivery log, newest first as the server sends it, paged with its cursor. */
export function useAttempts(filters: WebhookAttemptFilters, enabled = true) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: webhookKeys.attempts(filters),
    queryFn: ({ pageParam }) => webhooksApi.attempts(api, filters, { limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 0,
    refetchInterval: LOG_POLL_MS,
    enabled,
  });
}

export function useWebhookMessage(id: string, enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: webhookKeys.message(id),
    queryFn: () => webhooksApi.message(api, id),
    enabled,
  });
}

/** After any write: the endpoint, its list, its stats and the log may all have moved. */
function useRefreshWebhooks() {
  const queryClient = useQueryClient();
  return (endpoint?: WebhookEndpoint) => {
    if (endpoint) queryClient.setQueryData(webhookKeys.endpoint(endpoint.id), endpoint);
    void queryClient.invalidateQueries({ queryKey: webhookKeys.endpoints });
    void queryClient.invalidateQueries({ queryKey: ['webhooks', 'stats'] });
    void queryClient.invalidateQueries({ queryKey: webhookKeys.attemptsAll });
  };
}

export function useCreateEndpoint() {
  const api = useApi();
  const refresh = useRefreshWebhooks();
  return useMutation({
    mutationFn: (body: WebhookEndpointCreateInput) => webhooksApi.createEndpoint(api, body),
    onSuccess: ({ secret: _secret, ...endpoint }) => refresh(endpoint),
  });
}

export function useUpdateEndpoint(id: string) {
  const api = useApi();
  const refresh = useRefreshWebhooks();
  return useMutation({
    mutationFn: (body: WebhookEndpointUpdateInput) => webhooksApi.updateEndpoint(api, id, body),
    onSuccess: (endpoint) => refresh(endpoint),
  });
}

export function useDeleteEndpoint(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => webhooksApi.deleteEndpoint(api, id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: webhookKeys.endpoint(id) });
      void queryClient.invalidateQueries({ queryKey: webhookKeys.endpoints });
    },
  });
}

/** Reading the secret is a request like any other, but its answer is never cached. */
export function useRevealSecret(id: string) {
  const api = useApi();
  return useMutation({ mutationFn: () => webhooksApi.secret(api, id) });
}

export function useRotateSecret(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => webhooksApi.rotateSecret(api, id),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: webhookKeys.endpoint(id) }),
  });
}

export function useSendTest(id: string) {
  const api = useApi();
  const refresh = useRefreshWebhooks();
  return useMutation({ mutationFn: () => webhooksApi.test(api, id), onSuccess: () => refresh() });
}

export function useRecover(id: string) {
  const api = useApi();
  const refresh = useRefreshWebhooks();
  return useMutation({
    mutationFn: (body: WebhookRecoverInput) => webhooksApi.recover(api, id, body),
    onSuccess: () => refresh(),
  });
}

export function useResend() {
  const api = useApi();
  const refresh = useRefreshWebhooks();
  return useMutation({
    mutationFn: ({ messageId, endpointId }: { messageId: string; endpointId?: string }) =>
      webhooksApi.resend(api, messageId, endpointId ? { endpointId } : {}),
    onSuccess: () => refresh(),
  });
}
