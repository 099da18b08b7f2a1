import { createHash, randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type pg from 'pg';
import type { Reader } from '../../crypto/index.js';
import { appError } from '../../errors/app-error.js';
import { readerOf } from '../identity.js';

/** What seals a stored answer (the secret box: tenant data key, audited decryption). */
export interface AnswerSealer {
  encrypt(tenantId: string, aad: string, plaintext: Buffer): Promise<Buffer>;
  decrypt(tenantId: string, aad: string, ciphertext: Buffer, reader: Reader): Promise<Buffer>;
}

export interface IdempotencyOptions {
  pool: pg.Pool;
  sealer: AnswerSealer;
  /** How long an answer is replayed (24 h). */
  ttlHours: number;
  /** An `in_progress` row older than this is presumed dead and may be taken over (5 min). */
  lockMs?: number;
  /** Answers larger than this are not stored (the key is released): 1 MiB. */
  maxStoredBytes?: number;
  onError?: (error: unknown) => void;
}

export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'idempotent-replayed';
/** Visible ASCII, 1–255 characters (Stripe's limit), optionally as a quoted sf-string. */
const KEY = /^[\x21-\x7e]{1,255}$/;
const METHODS = new Set(['POST', 'PATCH']);
/** Headers of an answer worth replaying; cookies and the rest are never stored. */
const STORED_HEADERS = ['content-type', 'location', 'content-disposition'];

/**
 * Which requests take an Idempotency-Key: every POST and PATCH under /api/v1 except the session
 * routes (login, logout, switch set cookies a replay cannot give back) and multipart uploads
 * (their body is a stream the handler reads; fingerprinting it first would mean buffering it).
 */
export function takesIdempotencyKey(req: FastifyRequest): boolean {
  // No route (a 404 or 405): leave the answer to the not-found handler.
  const route = req.routeOptions.url;
  if (!route || !routeTakesIdempotencyKey(req.method, route, req.routeOptions.schema)) return false;
  return !String(req.headers['content-type'] ?? '').startsWith('multipart/');
}

/**
 * Whether a route's POST/PATCH takes a key (also what its OpenAPI operation documents): under
 * /api/v1 but not /api/v1/auth, and not an upload route (`consumes: ['multipart/form-data']`).
 */
export function routeTakesIdempotencyKey(
  method: string,
  url: string,
  schema: { consumes?: readonly string[] } | undefined,
): boolean {
  if (!METHODS.has(method) || !url.startsWith('/api/v1/') || url.startsWith('/api/v1/auth/')) return false;
  const consumes = schema?.consumes;
  return !(consumes && consumes.length > 0 && consumes.every((c) => c.startsWith('multipart/')));
}

/** JSON with object keys sorted, so key order and whitespace do not change a fingerprint. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object' && !Buffer.isBuffer(value)) {
    const entries = Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? '';
}

export function fingerprintOf(body: unknown): string {
  const hash = createHash('sha256');
  if (Buffer.isBuffer(body)) hash.update(body);
  else if (typeof body === 'string') hash.update(body, 'utf8');
  else if (body !== undefined && body !== null) hash.update(canonical(body), 'utf8');
  return hash.digest('hex');
}

interface Pending {
  key: string;
  fingerprint: string;
  /** Set when this request owns the row (it runs the handler and stores the answer). */
  rowId?: string;
  tenantId?: string;
  finished?: boolean;
}

interface StoredRow {
  id: string;
  method: string;
  path: string;
  fingerprint: string;
  state: 'in_progress' | 'done';
  response_status: number | null;
  response_headers: Record<string, string> | null;
  response_body: Buffer | null;
}

function readKey(req: FastifyRequest): string | undefined {
  const raw = req.headers[IDEMPOTENCY_HEADER];
  if (raw === undefined) return undefined;
  let key = Array.isArray(raw) ? raw.join(', ') : raw;
  // The IETF draft sends an sf-string ("…"); Stripe and most clients send it bare.
  if (key.length >= 2 && key.startsWith('"') && key.endsWith('"')) key = key.slice(1, -1);
  if (!KEY.test(key)) {
    throw appError('VALIDATION_FAILED', 'Idempotency-Key must be 1 to 255 visible ASCII characters.', {
      errors: [
        {
          path: 'headers.idempotency-key',
          code: 'invalid_idempotency_key',
          params: { min: 1, max: 255 },
          message: 'must be 1 to 255 visible ASCII characters',
        },
      ],
    });
  }
  return key;
}

/**
 * Idempotency keys (Stripe's semantics, the IETF `Idempotency-Key` header): the first request
 * with a key runs and its final answer is stored for `ttlHours`; the same key with the same
 * method, path and body replays that answer (`Idempotent-Replayed: true`) without running the
 * handler; with anything else it is 422 `IDEMPOTENCY_KEY_REUSED`; while the first still runs,
 * 409 `IDEMPOTENCY_KEY_IN_PROGRESS`. 5xx answers are not stored, so the key can be retried.
 * Keys are scoped to (tenant, client): nobody else's key can ever match.
 */
export function createIdempotency(opts: IdempotencyOptions) {
  const { pool, sealer } = opts;
  const lockMs = opts.lockMs ?? 5 * 60_000;
  const maxStoredBytes = opts.maxStoredBytes ?? 1024 * 1024;
  const onError = opts.onError ?? (() => {});
  const pending = new WeakMap<FastifyRequest, Pending>();
  let nextPurge = 0;

  const aadOf = (rowId: string) => `idempotency:${rowId}:response`;

  async function claim(
    tenantId: string,
    client: string,
    key: string,
    method: string,
    path: string,
    fingerprint: string,
  ): Promise<string | null> {
    const id = randomUUID();
    // A new key inserts; an expired row, or a dead request's row for the very same request, is
    // taken over. A live row is left alone (nothing returned): the unique index is the lock.
    const { rows } = await pool.query<{ id: string }>(
      `INSERT INTO idempotency_keys
         (id, tenant_id, client, key, method, path, fingerprint, state, locked_until, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'in_progress',
               now() + make_interval(secs => $8::float8 / 1000), now() + make_interval(hours => $9::int))
       ON CONFLICT (tenant_id, client, key) DO UPDATE SET
         id = EXCLUDED.id, method = EXCLUDED.method, path = EXCLUDED.path,
         fingerprint = EXCLUDED.fingerprint, state = 'in_progress', locked_until = EXCLUDED.locked_until,
         response_status = NULL, response_headers = NULL, response_body = NULL,
         created_at = now(), expires_at = EXCLUDED.expires_at
       WHERE idempotency_keys.expires_at <= now()
          OR (idempotency_keys.state = 'in_progress' AND idempotency_keys.locked_until <= now()
              AND idempotency_keys.method = EXCLUDED.method AND idempotency_keys.path = EXCLUDED.path
              AND idempotency_keys.fingerprint = EXCLUDED.fingerprint)
       RETURNING id`,
      [id, tenantId, client, key, method, path, fingerprint, lockMs, opts.ttlHours],
    );
    return rows[0]?.id ?? null;
  }

  function purgeExpired() {
    const now = Date.now();
    if (now < nextPurge) return;
    nextPurge = now + 60_000;
    pool
      .query(
        `DELETE FROM idempotency_keys WHERE id IN
           (SELECT id FROM idempotency_keys WHERE expires_at <= now() LIMIT 1000)`,
      )
      .catch(onError);
  }

  return {
    /** preValidation (global): fingerprints the body as it arrived, before schemas transform it. */
    async fingerprint(req: FastifyRequest): Promise<void> {
      if (!takesIdempotencyKey(req)) return;
      const key = readKey(req);
      if (key) pending.set(req, { key, fingerprint: fingerprintOf(req.body) });
    },

    /** preHandler after the route's guard: claims the key, or replays / refuses. */
    async claim(req: FastifyRequest, reply: FastifyReply): Promise<unknown> {
      const state = pending.get(req);
      const identity = req.identity;
      if (!state || !identity) return;
      const client = `${identity.actor.type}:${identity.actor.id}`;
      for (let attempt = 0; attempt < 3; attempt++) {
        const rowId = await claim(
          identity.tenantId,
          client,
          state.key,
          req.method,
          req.url,
          state.fingerprint,
        );
        if (rowId) {
          state.rowId = rowId;
          state.tenantId = identity.tenantId;
          purgeExpired();
          return;
        }
        const { rows } = await pool.query<StoredRow>(
          `SELECT id, method, path, fingerprint, state, response_status, response_headers, response_body
             FROM idempotency_keys WHERE tenant_id = $1 AND client = $2 AND key = $3 AND expires_at > now()`,
          [identity.tenantId, client, state.key],
        );
        const row = rows[0];
        if (!row) continue; // released (a 5xx) or expired in between: claim again
        if (row.method !== req.method || row.path !== req.url || row.fingerprint !== state.fingerprint) {
          throw appError(
            'IDEMPOTENCY_KEY_REUSED',
            `This Idempotency-Key was first sent with ${row.method} ${row.path} and another body; use a new key.`,
          );
        }
        if (row.state === 'in_progress') {
          reply.header('retry-after', '1');
          throw appError(
            'IDEMPOTENCY_KEY_IN_PROGRESS',
            'The first request with this key has not answered yet.',
          );
        }
        const body = row.response_body
          ? await sealer.decrypt(identity.tenantId, aadOf(row.id), row.response_body, readerOf(req))
          : undefined;
        reply.status(row.response_status ?? 200);
        for (const [name, value] of Object.entries(row.response_headers ?? {})) reply.header(name, value);
        reply.header(REPLAYED_HEADER, 'true');
        return reply.send(body ?? null);
      }
      throw appError('IDEMPOTENCY_KEY_IN_PROGRESS', 'This key is changing hands; retry.');
    },

    /** onSend (global): stores the owner's final answer, or releases the key after a 5xx. */
    async store(req: FastifyRequest, reply: FastifyReply, payload: unknown): Promise<void> {
      const state = pending.get(req);
      if (!state?.rowId || state.finished) return;
      state.finished = true;
      const { rowId, tenantId } = state;
      const status = reply.statusCode;
      const body =
        payload === undefined || payload === null || payload === ''
          ? Buffer.alloc(0)
          : typeof payload === 'string'
            ? Buffer.from(payload, 'utf8')
            : Buffer.isBuffer(payload)
              ? payload
              : undefined; // a stream: not stored
      try {
        if (status >= 500 || !body || body.length > maxStoredBytes) {
          await release(rowId);
          return;
        }
        const headers: Record<string, string> = {};
        for (const name of STORED_HEADERS) {
          const value = reply.getHeader(name);
          if (value !== undefined) headers[name] = String(value);
        }
        const sealed = body.length > 0 ? await sealer.encrypt(tenantId!, aadOf(rowId), body) : null;
        await pool.query(
          `UPDATE idempotency_keys
              SET state = 'done', response_status = $2, response_headers = $3, response_body = $4
            WHERE id = $1 AND state = 'in_progress'`,
          [rowId, status, headers, sealed],
        );
      } catch (error) {
        onError(error);
        await release(rowId).catch(onError);
      }
    },

    /** onResponse (global): an owner that never reached onSend (aborted, failed) frees its key. */
    async settle(req: FastifyRequest): Promise<void> {
      const state = pending.get(req);
      if (!state?.rowId || state.finished) return;
      state.finished = true;
      await release(state.rowId).catch(onError);
    },
  };

  async function release(rowId: string) {
    await pool.query(`DELETE FROM idempotency_keys WHERE id = $1 AND state = 'in_progress'`, [rowId]);
  }
}

export type Idempotency = ReturnType<typeof createIdempotency>;
