import type { SimState } from '../context.js';
import { type Answer, HttpError, parseJson } from '../http/answer.js';
import { RESOURCES, type Resource } from '../seed/generate.js';
import { parseFault } from '../state/faults.js';
import { COLLECTIONS, type Collection } from '../state/pushes.js';

function resourceOf(name: string): Resource {
  if (!RESOURCES.includes(name as Resource))
    throw new HttpError(404, 'not_found', `resource must be one of ${RESOURCES.join(', ')}`);
  return name as Resource;
}

function objectBody(text: string): Record<string, unknown> {
  const body = text ? parseJson(text) : {};
  if (body === null || typeof body !== 'object' || Array.isArray(body))
    throw new HttpError(400, 'invalid_body', 'body must be a JSON object');
  return body as Record<string, unknown>;
}

/** One record, an array of records, or `{"records": [...]}`. */
function recordsBody(text: string): Record<string, unknown>[] {
  const body = parseJson(text);
  const list = Array.isArray(body)
    ? body
    : body && typeof body === 'object' && Array.isArray((body as { records?: unknown }).records)
      ? (body as { records: unknown[] }).records
      : [body];
  if (!list.every((r) => r !== null && typeof r === 'object' && !Array.isArray(r)))
    throw new HttpError(400, 'invalid_body', 'records must be JSON objects');
  return list as Record<string, unknown>[];
}

export function stateSummary(state: SimState) {
  return {
    seed: state.seed,
    auth: state.auth.type,
    records: Object.fromEntries(RESOURCES.map((r) => [r, state.records[r].size])),
    received: Object.fromEntries(COLLECTIONS.map((c) => [c, state.pushes.list(c).length])),
    required_fields: state.requiredFields,
    id_location: state.idLocation,
    token_ttl_seconds: state.tokens.ttl,
    faults: state.faults.list(),
  };
}

/** The control API under /__admin (JSON in and out, no authentication: bind to localhost). */
export function admin(
  state: SimState,
  method: string,
  path: string,
  query: URLSearchParams,
  text: string,
): Answer {
  const key = `${method} ${path.replace(/\/+$/, '')}`;
  if (key === 'GET /__admin/state') return { status: 200, body: stateSummary(state) };
  if (key === 'POST /__admin/reset') {
    state.reset();
    return { status: 200, body: stateSummary(state) };
  }
  if (key === 'GET /__admin/faults') return { status: 200, body: { faults: state.faults.list() } };
  if (key === 'POST /__admin/faults') {
    const fault = parseFault(objectBody(text));
    if (typeof fault === 'string') throw new HttpError(400, 'invalid_fault', fault);
    state.faults.add(fault);
    return { status: 201, body: { faults: state.faults.list() } };
  }
  if (key === 'DELETE /__admin/faults') {
    state.faults.clear();
    return { status: 200, body: { faults: [] } };
  }
  if (key === 'GET /__admin/requests') {
    const limit = Number(query.get('limit') ?? 1000);
    return {
      status: 200,
      body: { requests: state.log.list(Number.isInteger(limit) && limit > 0 ? limit : 1000) },
    };
  }
  if (key === 'POST /__admin/tokens/expire')
    return { status: 200, body: { expired: state.tokens.expireAll() } };

  const received = /^GET \/__admin\/received\/([^/]+)$/.exec(key);
  if (received) {
    const collection = received[1] as Collection;
    if (!COLLECTIONS.includes(collection)) throw new HttpError(404, 'not_found', 'no such collection');
    return { status: 200, body: { data: state.pushes.list(collection) } };
  }
  const upsert = /^POST \/__admin\/records\/([^/]+)$/.exec(key);
  if (upsert) {
    const records = state.records[resourceOf(upsert[1]!)].upsert(recordsBody(text));
    return { status: 200, body: { records } };
  }
  const remove = /^DELETE \/__admin\/records\/([^/]+)\/([^/]+)$/.exec(key);
  if (remove) {
    if (!state.records[resourceOf(remove[1]!)].delete(decodeURIComponent(remove[2]!)))
      throw new HttpError(404, 'not_found', 'no such record');
    return { status: 200, body: { deleted: decodeURIComponent(remove[2]!) } };
  }
  const touch = /^POST \/__admin\/touch\/([^/]+)$/.exec(key);
  if (touch) {
    const body = objectBody(text);
    const count = body.count ?? 1;
    if (!Number.isInteger(count) || (count as number) < 0)
      throw new HttpError(400, 'invalid_body', 'count must be an integer >= 0');
    const ids = body.ids;
    if (ids !== undefined && !(Array.isArray(ids) && ids.every((id) => typeof id === 'string')))
      throw new HttpError(400, 'invalid_body', 'ids must be an array of strings');
    const touched = state.records[resourceOf(touch[1]!)].touch({
      count: count as number,
      ...(ids ? { ids: ids as string[] } : {}),
    });
    return {
      status: 200,
      body: { touched: touched.map((r) => r.id), updated_at: touched[0]?.updated_at ?? null },
    };
  }
  throw new HttpError(404, 'not_found', `no admin route ${key}`);
}
