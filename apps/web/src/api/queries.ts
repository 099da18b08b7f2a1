import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './ApiProvider.js';
import type { CreateApiKeyInput, CreateUserInput, LoginInput, Me } from './types.js';

export const queryKeys = {
  me: ['me'] as const,
  apiKeys: ['api-keys'] as const,
  users: ['users'] as const,
  audit: ['audit-events'] as const,
};

const PAGE_SIZE = 50;

export function useMe() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.me, queryFn: () => api.me(), staleTime: 60_000 });
}

export function useLogin() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.login(input),
    onSuccess: (result) => {
      // Whatever a previous session cached must not leak into this one.
      queryClient.clear();
      queryClient.setQueryData<Me>(queryKeys.me, { ...result, apiKey: null });
    },
  });
}

export function useLogout() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.logout(),
    onSettled: () => queryClient.clear(),
  });
}

export function useApiKeys(enabled = true) {
  const api = useApi();
  return useInfiniteQuery({
    enabled,
    queryKey: queryKeys.apiKeys,
    queryFn: ({ pageParam }) => api.listApiKeys({ limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useCreateApiKey() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateApiKeyInput) => api.createApiKey(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys }),
  });
}

export function useRevokeApiKey() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.revokeApiKey(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys }),
  });
}

export function useUsers() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.users, queryFn: () => api.listUsers() });
}

export function useCreateUser() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => api.createUser(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export function useAuditEvents(enabled = true) {
  const api = useApi();
  return useInfiniteQuery({
    enabled,
    queryKey: queryKeys.audit,
    queryFn: ({ pageParam }) => api.listAuditEvents({ limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // The log grows while you read it; refresh on every visit.
    staleTime: 0,
  });
}
