import type { UniverseFilter } from '../../packages/sat-simulator/src/universe/index.js';

export const BENCH_SEED = 'bench-ingest';
export const BENCH_RFC = 'EKU9003173C9';
export const BENCH_FILTER: Omit<UniverseFilter, 'kind'> = {
  requesterRfc: BENCH_RFC,
  direction: 'issued',
  from: '2025-03-01T00:00:00',
  to: '2025-03-31T23:59:59',
  status: 'Todos',
};
