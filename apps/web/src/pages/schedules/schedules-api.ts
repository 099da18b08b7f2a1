import type { ScheduleItem, ScheduleKind, ScheduleList, ScheduleRunResult } from '@boveda/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useApi } from '../../api/ApiProvider.js';
import type { ApiClient } from '../../api/client.js';

/** The wire types, from `@boveda/contracts` (`packages/contracts/src/api/schedules.ts`). */
export type Schedule = ScheduleItem;

const base = '/api/v1/schedules';
const one = (s: Pick<Schedule, 'kind' | 'key'>) =>
  `${base}/${encodeURIComponent(s.kind)}/${encodeURIComponent(s.key)}`;

export const schedulesApi = {
  list: (api: ApiClient) => api.request<ScheduleList>('GET', base),
  run: (api: ApiClient, s: Pick<Schedule, 'kind' | 'key'>) =>
    api.request<ScheduleRunResult>('POST', `${one(s)}/run`),
  pause: (api: ApiClient, s: Pick<Schedule, 'kind' | 'key'>) =>
    api.request<Schedule>('POST', `${one(s)}/pause`),
  resume: (api: ApiClient, s: Pick<Schedule, 'kind' | 'key'>) =>
    api.request<Schedule>('POST', `${one(s)}/resume`),
};

export const scheduleKeys = { all: ['schedules'] as const };

/**
 * Connector runs and single webhook attempts publish nothing on the live channel (SAT requests and
 * endpoint health do, see api/live.tsx): while a run is open, or right after "run now", look again
 * this often; otherwise once a minute, which also keeps "hace 5 min" fresh.
 */
export const BUSY_POLL_MS = 3_000;
export const IDLE_POLL_MS = 60_000;

export function useSchedules() {
  const api = useApi();
  return useQuery({
    queryKey: scheduleKeys.all,
    queryFn: () => schedulesApi.list(api),
    refetchInterval: (query) =>
      query.state.data?.items.some((s) => s.lastRun?.result === 'running') ? BUSY_POLL_MS : IDLE_POLL_MS,
  });
}

type Ref = Pick<Schedule, 'kind' | 'key'>;

function useRefresh() {
  const queryClient = useQueryClient();
  return () => void queryClient.invalidateQueries({ queryKey: scheduleKeys.all });
}

/** "Ejecutar ahora": 202 with the queued job (null: one was already waiting). */
export function useRunSchedule() {
  const api = useApi();
  const refresh = useRefresh();
  return useMutation({
    mutationFn: (s: Ref) => schedulesApi.run(api, s),
    onSuccess: () => {
      refresh();
      // A queued run takes a moment to start and finish: a gentle second look.
      setTimeout(refresh, BUSY_POLL_MS);
    },
  });
}

/** "Pausar" / "Reanudar": answers the row as it now stands. */
export function usePauseSchedule(action: 'pause' | 'resume') {
  const api = useApi();
  const refresh = useRefresh();
  return useMutation({ mutationFn: (s: Ref) => schedulesApi[action](api, s), onSuccess: refresh });
}

export type { ScheduleKind };
