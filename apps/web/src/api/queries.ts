import { activeSatRequestStates, isRfc, type Role } from '@boveda/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from './ApiProvider.js';
import { OFFLINE_POLL_MS, useLiveStatus } from './live.js';
import { forgetSession, rememberSession } from './session-memory.js';
import type {
  CfdiSearch,
  ChangePasswordInput,
  CreateApiKeyInput,
  CreateSatRequestInput,
  CreateUserInput,
  FileMissingXmlInput,
  FileYearInput,
  LoginInput,
  Me,
  MetadataSearch,
  RegisterTaxpayerInput,
  SatRequest,
  UpdateOrganizationSettingsInput,
} from './types.js';

export const queryKeys = {
  me: ['me'] as const,
  apiKeys: ['api-keys'] as const,
  organizationSettings: ['organization', 'settings'] as const,
  users: ['users'] as const,
  invitations: ['invitations'] as const,
  myInvitations: ['me', 'invitations'] as const,
  audit: ['audit-events'] as const,
  taxpayers: ['taxpayers'] as const,
  taxpayer: (rfc: string) => ['taxpayers', rfc] as const,
  satRequests: (rfc: string) => ['sat-requests', rfc] as const,
  satRequest: (rfc: string, id: string) => ['sat-requests', rfc, id] as const,
  allSatRequests: ['sat-requests'] as const,
  // Under the taxpayer's requests: every live change of a request refreshes the years too.
  satYears: (rfc: string) => ['sat-requests', rfc, 'years'] as const,
  // All under 'cfdi': an ingested package makes every one of them stale (api/live.tsx).
  cfdiSearch: (search: CfdiSearch) => ['cfdi', 'search', search] as const,
  cfdiTotals: (search: CfdiSearch) => ['cfdi', 'totals', search] as const,
  cfdi: (uuid: string | null) => ['cfdi', 'detail', uuid] as const,
  taxpayerSummary: (rfc: string, year: number | null) => ['cfdi', 'summary', rfc, year] as const,
  // Metadata against the vault: a package ingested (metadata or the missing XML) changes them too.
  metadataSearch: (search: MetadataSearch) => ['cfdi', 'metadata', 'search', search] as const,
  metadataTotals: (search: MetadataSearch) => ['cfdi', 'metadata', 'totals', search] as const,
  metadataReconciliation: (rfc: string, year: number) =>
    ['cfdi', 'metadata', 'reconciliation', rfc, year] as const,
  // Under 'taxpayers': a request that moves makes it stale; an ingested package too (api/live.tsx).
  home: ['taxpayers', 'home'] as const,
};

/** Requests move on their own (jobs talk to the SAT): the live channel says when; see api/live.tsx. */
const OPEN_STATES = new Set<string>(activeSatRequestStates);
export const isOpenSatRequest = (r: Pick<SatRequest, 'state'>) => OPEN_STATES.has(r.state);

const PAGE_SIZE = 50;

export function useMe() {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.me,
    queryFn: () =>
      api.me().then((me) => {
        rememberSession();
        return me;
      }),
    staleTime: 60_000,
  });
}

export function useLogin() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: LoginInput) => api.login(input),
    onSuccess: (result) => {
      rememberSession();
      // Whatever a previous session cached must not leak into this one.
      queryClient.clear();
      queryClient.setQueryData<Me>(queryKeys.me, { ...result, apiKey: null, oauthClient: null });
    },
  });
}

export function useLogout() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.logout(),
    onSettled: () => {
      forgetSession();
      queryClient.clear();
    },
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

export function useRotateSigningSecret() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.rotateApiKeySigningSecret(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.apiKeys }),
  });
}

export function useOrganizationSettings(enabled = true) {
  const api = useApi();
  return useQuery({
    enabled,
    queryKey: queryKeys.organizationSettings,
    queryFn: () => api.organizationSettings(),
  });
}

export function useUpdateOrganizationSettings() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: UpdateOrganizationSettingsInput) => api.updateOrganizationSettings(input),
    onSuccess: (settings) => queryClient.setQueryData(queryKeys.organizationSettings, settings),
  });
}

export function useUsers() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.users, queryFn: () => api.listUsers() });
}

export function useInviteUser() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateUserInput) => api.inviteUser(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.invitations }),
  });
}

/** One change to a member (role, deactivation, removal, reset link); the list is read again after it. */
export function useUserAction() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (action: UserAction) => {
      switch (action.kind) {
        case 'role':
          return api.changeUserRole(action.id, action.role);
        case 'deactivate':
          return api.deactivateUser(action.id);
        case 'reactivate':
          return api.reactivateUser(action.id);
        case 'remove':
          return api.removeUser(action.id);
        case 'reset':
          return api.sendPasswordReset(action.id);
      }
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.users }),
  });
}

export type UserAction =
  | { kind: 'role'; id: string; role: Role }
  | { kind: 'deactivate' | 'reactivate' | 'remove' | 'reset'; id: string };

export function useChangeMyPassword() {
  const api = useApi();
  return useMutation({ mutationFn: (input: ChangePasswordInput) => api.changeMyPassword(input) });
}

export function useRequestPasswordReset() {
  const api = useApi();
  return useMutation({ mutationFn: (email: string) => api.requestPasswordReset(email) });
}

export function useConfirmPasswordReset() {
  const api = useApi();
  return useMutation({
    mutationFn: (input: { token: string; password: string }) =>
      api.confirmPasswordReset(input.token, input.password),
  });
}

export function useInvitations(enabled = true) {
  const api = useApi();
  return useQuery({ enabled, queryKey: queryKeys.invitations, queryFn: () => api.listInvitations() });
}

export function useRevokeInvitation() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.revokeInvitation(id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.invitations }),
  });
}

/** Invitations addressed to the signed-in person (none for an API key). */
export function useMyInvitations(enabled: boolean) {
  const api = useApi();
  return useQuery({ enabled, queryKey: queryKeys.myInvitations, queryFn: () => api.listMyInvitations() });
}

export function useAnswerInvitation() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, accept }: { id: string; accept: boolean }) =>
      accept ? api.acceptInvitation(id) : api.declineInvitation(id).then(() => null),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.myInvitations }),
  });
}

/** The caller reloads the app on success: everything in memory belongs to the organization left. */
export function useSwitchOrganization() {
  const api = useApi();
  return useMutation({ mutationFn: (tenant: string) => api.switchOrganization(tenant) });
}

/** Re-computes the organization's audit chain on demand (it reads the whole trail). */
export function useVerifyAuditChain() {
  const api = useApi();
  return useMutation({ mutationFn: () => api.verifyAuditChain() });
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

export function useTaxpayers() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.taxpayers, queryFn: () => api.listTaxpayers() });
}

export function useHome() {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.home, queryFn: () => api.getHome() });
}

export function useTaxpayer(rfc: string) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.taxpayer(rfc), queryFn: () => api.getTaxpayer(rfc) });
}

export function useRegisterTaxpayer() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: RegisterTaxpayerInput) => api.registerTaxpayer(input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.taxpayers }),
  });
}

export function useRemoveTaxpayer() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (rfc: string) => api.removeTaxpayer(rfc),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.taxpayers }),
  });
}

/** Per year with requests: how they stand and whether the year is complete. */
export function useSatYears(rfc: string) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.satYears(rfc), queryFn: () => api.listSatYears(rfc), staleTime: 0 });
}

export function useSatRequests(rfc: string) {
  const api = useApi();
  const live = useLiveStatus();
  return useInfiniteQuery({
    queryKey: queryKeys.satRequests(rfc),
    queryFn: ({ pageParam }) => api.listSatRequests(rfc, { limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    staleTime: 0,
    // Live events refresh it; a slow look only while the live channel is down.
    refetchInterval: (query) =>
      live !== 'live' && query.state.data?.pages.some((p) => p.items.some(isOpenSatRequest))
        ? OFFLINE_POLL_MS
        : false,
  });
}

export function useSatRequest(rfc: string, id: string) {
  const api = useApi();
  const live = useLiveStatus();
  return useQuery({
    queryKey: queryKeys.satRequest(rfc, id),
    queryFn: () => api.getSatRequest(rfc, id),
    staleTime: 0,
    refetchInterval: (query) =>
      live !== 'live' && query.state.data && isOpenSatRequest(query.state.data) ? OFFLINE_POLL_MS : false,
  });
}

export function useCreateSatRequest(rfc: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateSatRequestInput) => api.createSatRequest(rfc, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.satRequests(rfc) }),
  });
}

export function useRetrySatRequest(rfc: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => api.retrySatRequest(rfc, id),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.satRequests(rfc) }),
  });
}

export function useFileSatYear(rfc: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: FileYearInput) => api.fileSatYear(rfc, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.satRequests(rfc) }),
  });
}

export function useSyncSat() {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => api.syncSat(),
    // The sync runs as a job; refreshing now shows it started, the open-request polling does the rest.
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.allSatRequests }),
  });
}

// Larger pages than other lists: the CFDI explorer scrolls a virtual table through thousands of rows.
const CFDI_PAGE_SIZE = 200;

export function useCfdiSearch(search: CfdiSearch) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: queryKeys.cfdiSearch(search),
    queryFn: ({ pageParam }) => api.searchCfdi(search, { limit: CFDI_PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The count and sums of the explorer's search (one aggregate on the server). */
export function useCfdiTotals(search: CfdiSearch) {
  const api = useApi();
  return useQuery({ queryKey: queryKeys.cfdiTotals(search), queryFn: () => api.getCfdiTotals(search) });
}

/** One CFDI with its whole document; nothing is asked while `uuid` is null (no drawer open). */
export function useCfdiDetail(uuid: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.cfdi(uuid),
    queryFn: () => api.getCfdi(uuid!),
    enabled: uuid !== null,
  });
}

/** A year of one taxpayer's CFDI by month; nothing is asked until `rfc` is a whole RFC. */
/** A taxpayer's year; `null`: the newest year with data (the answer says which). */
export function useYearSummary(rfc: string, year: number | null) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.taxpayerSummary(rfc, year),
    queryFn: () => api.getTaxpayerSummary(rfc, year ?? undefined),
    enabled: isRfc(rfc),
  });
}

export function useMetadataSearch(search: MetadataSearch) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: queryKeys.metadataSearch(search),
    queryFn: ({ pageParam }) => api.searchMetadata(search, { limit: CFDI_PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

/** The metadata search's counts (cancelled and missing XML apart), one aggregate on the server. */
export function useMetadataTotals(search: MetadataSearch) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.metadataTotals(search),
    queryFn: () => api.getMetadataTotals(search),
  });
}

/** A taxpayer's year of metadata against the vault; nothing is asked until `rfc` is a whole RFC. */
export function useMetadataReconciliation(rfc: string | undefined, year: number) {
  const api = useApi();
  return useQuery({
    queryKey: queryKeys.metadataReconciliation(rfc ?? '', year),
    queryFn: () => api.getMetadataReconciliation(rfc!, year),
    enabled: rfc !== undefined && isRfc(rfc),
  });
}

/** Files the folio requests for the missing XML; the SAT requests and the metadata then move. */
export function useFileMissingXml(rfc: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: FileMissingXmlInput) => api.fileMissingXml(rfc, input),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: queryKeys.satRequests(rfc) }),
  });
}
