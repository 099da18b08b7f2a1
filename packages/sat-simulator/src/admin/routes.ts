import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { ServerDeps } from '../server.js';
import { expiresAt, readyAt, stateOf } from '../state/request-store.js';
import type { UniverseFilter } from '../universe/types.js';
import {
  advanceSchema,
  cfdiStatusSchema,
  faultSchema,
  setClockSchema,
  truthSchema,
  volumeSchema,
} from './schemas.js';

type BodyReader = (req: IncomingMessage) => Promise<string>;

class AdminError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify(value));
}

function parse<T>(schema: z.ZodType<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (!result.success) {
    throw new AdminError(
      400,
      result.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '),
    );
  }
  return result.data;
}

async function jsonBody(req: IncomingMessage, readBody: BodyReader): Promise<unknown> {
  const text = await readBody(req);
  try {
    return text ? JSON.parse(text) : {};
  } catch {
    throw new AdminError(400, 'body is not JSON');
  }
}

function listRequests(deps: ServerDeps) {
  const { ctx } = deps;
  const now = ctx.clock.now();
  return ctx.requests.all().map((r) => ({
    id: r.id,
    operation: r.operation,
    requesterRfc: r.requesterRfc,
    kind: r.kind,
    filter: r.filter ?? null,
    folio: r.folio ?? null,
    createdAt: r.createdAt.toISOString(),
    readyAt: readyAt(r, ctx.timing).toISOString(),
    expiresAt: expiresAt(r, ctx.timing).toISOString(),
    state: stateOf(r, now, ctx.timing),
    outcome: r.outcome,
    count: r.count,
    packages: (r.packages ?? []).map((p) => ({
      id: p.plan.id,
      documents: p.plan.uuids.length,
      downloads: p.downloads,
      stolen: p.stolen,
    })),
  }));
}

function truthFilter(query: URLSearchParams): UniverseFilter {
  const q = parse(truthSchema, Object.fromEntries(query));
  return {
    requesterRfc: q.rfc.toUpperCase(),
    direction: q.direction,
    kind: q.type,
    from: `${q.from}T00:00:00`,
    to: `${q.to}T23:59:59`,
    status: q.status === 'active' ? 'Vigente' : q.status === 'cancelled' ? 'Cancelado' : 'Todos',
  };
}

async function route(
  deps: ServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  readBody: BodyReader,
) {
  const { ctx, faults } = deps;
  const method = req.method ?? 'GET';
  const url = new URL(req.url ?? '/', 'http://simulator');
  const key = `${method} ${path.replace(/\/+$/, '')}`;
  const clock = () => ({ now: ctx.clock.now().toISOString() });

  if (key === 'GET /__admin/clock') return json(res, 200, clock());
  if (key === 'POST /__admin/clock/advance') {
    ctx.clock.advance(parse(advanceSchema, await jsonBody(req, readBody)).seconds);
    return json(res, 200, clock());
  }
  if (key === 'POST /__admin/clock/set') {
    ctx.clock.set(new Date(parse(setClockSchema, await jsonBody(req, readBody)).now));
    return json(res, 200, clock());
  }
  if (key === 'GET /__admin/faults') return json(res, 200, { faults: faults.list() });
  if (key === 'POST /__admin/faults') {
    const f = parse(faultSchema, await jsonBody(req, readBody));
    faults.add({ operation: f.operation, kind: f.kind, remaining: f.count, ms: f.ms });
    return json(res, 201, { faults: faults.list() });
  }
  if (key === 'DELETE /__admin/faults') {
    faults.clear();
    return json(res, 200, { faults: [] });
  }
  if (key === 'GET /__admin/requests') return json(res, 200, { requests: listRequests(deps) });
  const volume = /^PUT \/__admin\/volumes\/([^/]+)$/.exec(key);
  if (volume) {
    const rfc = decodeURIComponent(volume[1]!).toUpperCase();
    const config = parse(volumeSchema, await jsonBody(req, readBody));
    deps.reconfigureVolumes(rfc, config);
    return json(res, 200, { rfc, ...config });
  }
  if (key === 'POST /__admin/cfdi-status') {
    const { rfcEmisor, rfcReceptor, total, ...status } = parse(
      cfdiStatusSchema,
      await jsonBody(req, readBody),
    );
    const stored = ctx.statuses.set({
      ...status,
      ...(rfcEmisor ? { rfcEmisor: rfcEmisor.toUpperCase() } : {}),
      ...(rfcReceptor ? { rfcReceptor: rfcReceptor.toUpperCase() } : {}),
      ...(total ? { total } : {}),
    });
    return json(res, 201, stored);
  }
  if (key === 'GET /__admin/cfdi-status') return json(res, 200, { statuses: ctx.statuses.list() });
  if (key === 'DELETE /__admin/cfdi-status') {
    ctx.statuses.clear();
    return json(res, 200, { statuses: [] });
  }
  const status = /^DELETE \/__admin\/cfdi-status\/([^/]+)$/.exec(key);
  if (status) {
    if (!ctx.statuses.delete(decodeURIComponent(status[1]!)))
      throw new AdminError(404, 'no status set for that UUID');
    return json(res, 200, { statuses: ctx.statuses.list() });
  }
  if (key === 'GET /__admin/truth')
    return json(res, 200, { uuids: ctx.universe().truth(truthFilter(url.searchParams)) });
  throw new AdminError(404, `no admin route ${key}`);
}

/** The control API under `/__admin` (JSON in and out) for tests and demos. */
export async function handleAdmin(
  deps: ServerDeps,
  req: IncomingMessage,
  res: ServerResponse,
  path: string,
  readBody: BodyReader,
): Promise<void> {
  try {
    await route(deps, req, res, path, readBody);
  } catch (error) {
    if (error instanceof AdminError) return json(res, error.status, { error: error.message });
    throw error;
  }
}
