import type {
  CreatedOAuthClient,
  CreateOAuthClientBody,
  OAuthAuthorizeDecision,
  OAuthAuthorizeResult,
  OAuthClientPage,
  OAuthConsentInfo,
  OAuthConsentQuery,
} from '@boveda/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider.js';

/** The OAuth pages' wire types, all from `@boveda/contracts` (`src/api/oauth.ts`). */
export type { CreatedOAuthClient, OAuthClientItem, OAuthConsentInfo } from '@boveda/contracts';

const base = '/api/v1/oauth-clients';
const clientsKey = ['oauth-clients'] as const;

export function useOAuthClients(enabled = true) {
  const api = useApi();
  return useInfiniteQuery({
    enabled,
    queryKey: clientsKey,
    queryFn: ({ pageParam }) =>
      api.request<OAuthClientPage>('GET', base, { query: { limit: 50, cursor: pageParam } }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
  });
}

export function useCreateOAuthClient() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateOAuthClientBody) =>
      api.request<CreatedOAuthClient>('POST', base, { body: input }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientsKey }),
  });
}

export function useRevokeOAuthClient() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.request<void>('DELETE', `${base}/${encodeURIComponent(id)}`),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: clientsKey }),
  });
}

/** What the consent page shows; the server checks the client, redirect URI and scope first. */
export function useOAuthConsent(query: OAuthConsentQuery) {
  const api = useApi();
  return useQuery({
    queryKey: ['oauth-consent', query],
    queryFn: () => api.request<OAuthConsentInfo>('GET', '/api/v1/oauth/consent', { query }),
    retry: false,
  });
}

/** Permitir / Cancelar: the server answers where the browser goes next (the app, with a code or an error). */
export function useOAuthDecision() {
  const api = useApi();
  return useMutation({
    mutationFn: (decision: OAuthAuthorizeDecision) =>
      api.request<OAuthAuthorizeResult>('POST', '/oauth/authorize', { body: decision }),
  });
}
