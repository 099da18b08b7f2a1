import type {
  ConnectorView,
  connectorCreateBody,
  connectorExportPage,
  connectorPage,
  connectorRunPage,
  connectorRunView,
  connectorStats,
  connectorTestResult,
  connectorUpdateBody,
  documentExportsResult,
  documentRef,
  exportLogPage,
  pullRunBody,
  pushPreview,
  pushPreviewBody,
  pushRunBody,
  recordReviewBody,
  recordReviewResult,
  runQueued,
  stagedRecordListQuery,
  stagedRecordPage,
} from '@boveda/contracts';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { z } from 'zod';
import { useApi } from '../../api/ApiProvider.js';
import type { ApiClient } from '../../api/client.js';

/** The connectors' wire types, all from `@boveda/contracts` (`packages/contracts/src/api/connectors.ts`). */
export type Connector = ConnectorView;
export type ConnectorPage = z.output<typeof connectorPage>;
export type ConnectorCreateInput = z.input<typeof connectorCreateBody>;
export type ConnectorUpdateInput = z.input<typeof connectorUpdateBody>;
export type ConnectorRun = z.output<typeof connectorRunView>;
export type ConnectorRunPage = z.output<typeof connectorRunPage>;
export type ConnectorTestResult = z.output<typeof connectorTestResult>;
export type ConnectorStats = z.output<typeof connectorStats>;
export type ConnectorExportPage = z.output<typeof connectorExportPage>;
export type ConnectorExport = ConnectorExportPage['items'][number];
export type ExportLogPage = z.output<typeof exportLogPage>;
export type ExportLogEntry = ExportLogPage['items'][number];
export type StagedRecordPage = z.output<typeof stagedRecordPage>;
export type StagedRecord = StagedRecordPage['items'][number];
export type StagedRecordFilters = Omit<z.input<typeof stagedRecordListQuery>, 'limit' | 'cursor'>;
export type RecordReviewInput = z.input<typeof recordReviewBody>;
export type RecordReviewResult = z.output<typeof recordReviewResult>;
export type DocumentRef = z.input<typeof documentRef>;
export type DocumentExports = z.output<typeof documentExportsResult>;
export type DocumentExport = DocumentExports['items'][number];
export type PushPreviewInput = z.input<typeof pushPreviewBody>;
export type PushPreview = z.output<typeof pushPreview>;
export type PushRunInput = z.input<typeof pushRunBody>;
export type PullRunInput = z.input<typeof pullRunBody>;
export type RunQueued = z.output<typeof runQueued>;

type Paging = { limit?: number; cursor?: string | null };
const base = '/api/v1/connectors';
const one = (id: string) => `${base}/${encodeURIComponent(id)}`;

/** The connectors' calls, through the app's one client (CSRF, problem+json errors, 401 → sign-in). */
export const connectorsApi = {
  list: (api: ApiClient, page: Paging = {}) =>
    api.request<ConnectorPage>('GET', base, { query: { limit: page.limit, cursor: page.cursor } }),
  get: (api: ApiClient, id: string) => api.request<Connector>('GET', one(id)),
  create: (api: ApiClient, body: ConnectorCreateInput) => api.request<Connector>('POST', base, { body }),
  update: (api: ApiClient, id: string, body: ConnectorUpdateInput) =>
    api.request<Connector>('PATCH', one(id), { body }),
  remove: (api: ApiClient, id: string) => api.request<void>('DELETE', one(id)),
  test: (api: ApiClient, id: string) => api.request<ConnectorTestResult>('POST', `${one(id)}/test`),
  preview: (api: ApiClient, id: string, body: PushPreviewInput) =>
    api.request<PushPreview>('POST', `${one(id)}/preview`, { body }),
  push: (api: ApiClient, id: string, body: PushRunInput) =>
    api.request<RunQueued>('POST', `${one(id)}/push`, { body }),
  pull: (api: ApiClient, id: string, body: PullRunInput) =>
    api.request<RunQueued>('POST', `${one(id)}/pull`, { body }),
  runs: (api: ApiClient, id: string, page: Paging = {}) =>
    api.request<ConnectorRunPage>('GET', `${one(id)}/runs`, { query: { ...page } }),
  run: (api: ApiClient, id: string, runId: string) =>
    api.request<ConnectorRun>('GET', `${one(id)}/runs/${encodeURIComponent(runId)}`),
  exports: (api: ApiClient, id: string, page: Paging = {}) =>
    api.request<ConnectorExportPage>('GET', `${one(id)}/exports`, { query: { ...page } }),
  exportLog: (api: ApiClient, id: string, page: Paging = {}) =>
    api.request<ExportLogPage>('GET', `${one(id)}/export-log`, { query: { ...page } }),
  stats: (api: ApiClient, id: string) => api.request<ConnectorStats>('GET', `${one(id)}/stats`),
  records: (api: ApiClient, id: string, filters: StagedRecordFilters, page: Paging = {}) =>
    api.request<StagedRecordPage>('GET', `${one(id)}/records`, { query: { ...filters, ...page } }),
  review: (api: ApiClient, id: string, body: RecordReviewInput) =>
    api.request<RecordReviewResult>('POST', `${one(id)}/records/review`, { body }),
  /** Asked 200 ids at a time (the API's limit), answered as one list. */
  documentExports: async (api: ApiClient, kind: DocumentRef['kind'], ids: string[]) => {
    const chunks = Array.from({ length: Math.ceil(ids.length / 200) }, (_, i) =>
      ids.slice(i * 200, i * 200 + 200),
    );
    const pages = await Promise.all(
      chunks.map((chunk) =>
        api.request<DocumentExports>('GET', `${base}/exports`, { query: { kind, ids: chunk.join(',') } }),
      ),
    );
    return { items: pages.flatMap((p) => p.items) } satisfies DocumentExports;
  },
};

/** Cache keys, all under 'connectors'. */
export const connectorKeys = {
  all: ['connectors'] as const,
  list: ['connectors', 'list'] as const,
  one: (id: string) => ['connectors', 'one', id] as const,
  of: (id: string) => ['connectors', 'of', id] as const,
  runs: (id: string) => ['connectors', 'of', id, 'runs'] as const,
  run: (id: string, runId: string) => ['connectors', 'of', id, 'run', runId] as const,
  exports: (id: string) => ['connectors', 'of', id, 'exports'] as const,
  log: (id: string) => ['connectors', 'of', id, 'log'] as const,
  stats: (id: string) => ['connectors', 'of', id, 'stats'] as const,
  records: (id: string, filters: StagedRecordFilters) =>
    ['connectors', 'of', id, 'records', filters] as const,
  documentExports: (kind: string, ids: string[]) => ['connectors', 'document-exports', kind, ids] as const,
};

/** At most this many documents per push (the API's limit). */
export const MAX_PUSH_DOCUMENTS = 500;

/** Runs publish nothing on the live channel: while one is queued or running, ask again this often. */
export const RUN_POLL_MS = 2_000;
const PAGE_SIZE = 50;

export const runIsOpen = (run: Pick<ConnectorRun, 'status'> | null | undefined) =>
  run?.status === 'queued' || run?.status === 'running';

export function useConnectors(enabled = true) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: connectorKeys.list,
    queryFn: ({ pageParam }) => connectorsApi.list(api, { limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    enabled,
    refetchInterval: (query) =>
      query.state.data?.pages.some((p) => p.items.some((c) => runIsOpen(c.lastRun))) ? RUN_POLL_MS : false,
  });
}

/** Every connector (first 200): the "Exportar a…" menus pick the push ones from it. */
export function useAllConnectors(enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: [...connectorKeys.list, 'all'],
    queryFn: () => connectorsApi.list(api, { limit: 200 }),
    enabled,
  });
}

export function useConnector(id: string, enabled = true) {
  const api = useApi();
  return useQuery({
    queryKey: connectorKeys.one(id),
    queryFn: () => connectorsApi.get(api, id),
    enabled,
    refetchInterval: (query) => (runIsOpen(query.state.data?.lastRun) ? RUN_POLL_MS : false),
  });
}

export function useRuns(id: string) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: connectorKeys.runs(id),
    queryFn: ({ pageParam }) => connectorsApi.runs(api, id, { limit: 20, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: (query) => (query.state.data?.pages[0]?.items.some(runIsOpen) ? RUN_POLL_MS : false),
  });
}

/** One run, asked again until it finishes. */
export function useRun(id: string | null, runId: string | null) {
  const api = useApi();
  return useQuery({
    queryKey: connectorKeys.run(id ?? '', runId ?? ''),
    queryFn: () => connectorsApi.run(api, id!, runId!),
    enabled: Boolean(id && runId),
    refetchInterval: (query) => (query.state.data && !runIsOpen(query.state.data) ? false : 1_000),
  });
}

export function useExports(id: string) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: connectorKeys.exports(id),
    queryFn: ({ pageParam }) => connectorsApi.exports(api, id, { limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useExportLog(id: string) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: connectorKeys.log(id),
    queryFn: ({ pageParam }) => connectorsApi.exportLog(api, id, { limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useStats(id: string) {
  const api = useApi();
  return useQuery({ queryKey: connectorKeys.stats(id), queryFn: () => connectorsApi.stats(api, id) });
}

export function useRecords(id: string, filters: StagedRecordFilters) {
  const api = useApi();
  return useInfiniteQuery({
    queryKey: connectorKeys.records(id, filters),
    queryFn: ({ pageParam }) =>
      connectorsApi.records(api, id, filters, { limit: PAGE_SIZE, cursor: pageParam }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useDocumentExports(kind: DocumentRef['kind'], ids: string[], enabled: boolean) {
  const api = useApi();
  return useQuery({
    queryKey: connectorKeys.documentExports(kind, ids),
    queryFn: () => connectorsApi.documentExports(api, kind, ids),
    enabled: enabled && ids.length > 0,
  });
}

/** After a write or a finished run: everything about the connectors may have moved. */
export function useRefreshConnectors() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: connectorKeys.all });
}

export function useCreateConnector() {
  const api = useApi();
  const refresh = useRefreshConnectors();
  return useMutation({
    mutationFn: (body: ConnectorCreateInput) => connectorsApi.create(api, body),
    onSuccess: () => refresh(),
  });
}

export function useUpdateConnector(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  const refresh = useRefreshConnectors();
  return useMutation({
    mutationFn: (body: ConnectorUpdateInput) => connectorsApi.update(api, id, body),
    onSuccess: (connector) => {
      queryClient.setQueryData(connectorKeys.one(id), connector);
      refresh();
    },
  });
}

export function useDeleteConnector(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => connectorsApi.remove(api, id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: connectorKeys.one(id) });
      void queryClient.invalidateQueries({ queryKey: connectorKeys.list });
    },
  });
}

export function useTestConnector(id: string) {
  const api = useApi();
  return useMutation({ mutationFn: () => connectorsApi.test(api, id) });
}

export function usePreview(id: string) {
  const api = useApi();
  return useMutation({ mutationFn: (body: PushPreviewInput) => connectorsApi.preview(api, id, body) });
}

export function usePush() {
  const api = useApi();
  const refresh = useRefreshConnectors();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: PushRunInput }) => connectorsApi.push(api, id, body),
    onSuccess: () => refresh(),
  });
}

export function usePull(id: string) {
  const api = useApi();
  const refresh = useRefreshConnectors();
  return useMutation({
    mutationFn: (body: PullRunInput) => connectorsApi.pull(api, id, body),
    onSuccess: () => refresh(),
  });
}

export function useReviewRecords(id: string) {
  const api = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: RecordReviewInput) => connectorsApi.review(api, id, body),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: connectorKeys.of(id) }),
  });
}
