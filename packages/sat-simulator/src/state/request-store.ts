import { randomUUID } from 'node:crypto';
import type { PackagePlan, RequestKind, Universe, UniverseFilter } from '../universe/types.js';

export type QueryOperation = 'emitidos' | 'recibidos' | 'folio';

/** Why a request ends the way it does, decided when it is accepted (the universe is deterministic). */
export type Outcome = 'ready' | 'empty' | 'overLimit' | 'folioDailyLimit';

export interface PackageRecord {
  plan: PackagePlan;
  downloads: number;
  /** "Downloaded elsewhere": gone for good. */
  stolen: boolean;
}

export interface SimRequest {
  id: string;
  operation: QueryOperation;
  requesterRfc: string;
  kind: RequestKind;
  /** Absent for folio requests. */
  filter?: UniverseFilter;
  folio?: string;
  /** The exact parameters, for the 5005 duplicate check. */
  parametersKey: string;
  createdAt: Date;
  count: number;
  outcome: Outcome;
  failed: boolean;
  packages?: PackageRecord[];
  /** The universe as it was when the request was accepted (volumes can change later). */
  universe: Universe;
}

export interface RequestTiming {
  /** Seconds spent in EstadoSolicitud 1 (Aceptada). */
  acceptedSeconds: number;
  /** Further seconds in EstadoSolicitud 2 (En proceso) before the outcome. */
  processingSeconds: number;
  /** Hours a finished request's packages live (state 6 / code 5007 after that). */
  packageLifetimeHours: number;
}

export type EstadoSolicitud = 1 | 2 | 3 | 4 | 5 | 6;

export function readyAt(request: SimRequest, timing: RequestTiming): Date {
  return new Date(request.createdAt.getTime() + (timing.acceptedSeconds + timing.processingSeconds) * 1000);
}

export function expiresAt(request: SimRequest, timing: RequestTiming): Date {
  return new Date(readyAt(request, timing).getTime() + timing.packageLifetimeHours * 3600 * 1000);
}

export function stateOf(request: SimRequest, now: Date, timing: RequestTiming): EstadoSolicitud {
  if (request.failed) return 4;
  const elapsed = (now.getTime() - request.createdAt.getTime()) / 1000;
  if (elapsed < timing.acceptedSeconds) return 1;
  if (elapsed < timing.acceptedSeconds + timing.processingSeconds) return 2;
  if (request.outcome !== 'ready') return 5;
  return now.getTime() < expiresAt(request, timing).getTime() ? 3 : 6;
}

export function isOpen(state: EstadoSolicitud): boolean {
  return state === 1 || state === 2;
}

/** All requests ever made to this simulator instance, plus the counters behind 5002 and 5011. */
export class RequestStore {
  private readonly requests = new Map<string, SimRequest>();
  private readonly periodUses = new Map<string, number>();
  private readonly folioUsesPerDay = new Map<string, number>();

  create(fields: Omit<SimRequest, 'id' | 'failed'>): SimRequest {
    const request: SimRequest = { ...fields, id: randomUUID(), failed: false };
    this.requests.set(request.id, request);
    return request;
  }

  get(id: string): SimRequest | undefined {
    return this.requests.get(id.trim().toLowerCase());
  }

  all(): SimRequest[] {
    return [...this.requests.values()];
  }

  findOpenDuplicate(parametersKey: string, isOpenNow: (r: SimRequest) => boolean): SimRequest | undefined {
    return this.all().find((r) => r.parametersKey === parametersKey && isOpenNow(r));
  }

  periodUseCount(key: string): number {
    return this.periodUses.get(key) ?? 0;
  }

  recordPeriodUse(key: string): void {
    this.periodUses.set(key, this.periodUseCount(key) + 1);
  }

  /** Counts a folio request for its (UUID, local day) and returns the new count. */
  recordFolioUse(key: string): number {
    const next = (this.folioUsesPerDay.get(key) ?? 0) + 1;
    this.folioUsesPerDay.set(key, next);
    return next;
  }

  findPackage(packageId: string): { request: SimRequest; pkg: PackageRecord } | undefined {
    const wanted = packageId.trim().toUpperCase();
    const requestId = wanted.replace(/_\d+$/, '');
    const request = this.get(requestId);
    const pkg = request?.packages?.find((p) => p.plan.id.toUpperCase() === wanted);
    return request && pkg ? { request, pkg } : undefined;
  }
}
