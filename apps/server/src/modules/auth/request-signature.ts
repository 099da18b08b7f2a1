import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  canonicalRequest,
  SIGNATURE_NONCE,
  SIGNATURE_WINDOW_SECONDS,
  signatureHeaders,
  UNSIGNED_PAYLOAD,
} from '@boveda/contracts';
import type { FastifyRequest } from 'fastify';
import type { Cache } from '../../platform/cache/index.js';
import type { Reader, SecretBox } from '../../platform/crypto/index.js';
import { TtlCache } from '../../platform/crypto/ttl-cache.js';
import { appError } from '../../platform/errors/app-error.js';
import { signedBodyOf } from '../../platform/http/raw-body.js';

// A nonce is remembered for the whole window on both sides of the server's clock (a request
// stamped 5 minutes ahead stays valid 10 minutes), plus a minute for clock drift between processes.
const NONCE_TTL_SECONDS = 2 * SIGNATURE_WINDOW_SECONDS + 60;
// The opened signing secret is kept this long per process (ADR 0017): one audited decryption per
// key, secret version and process every 5 minutes instead of one per request.
const SECRET_CACHE_MS = 5 * 60_000;
const SECRET_CACHE_ENTRIES = 10_000;
const TIMESTAMP = /^\d{1,12}$/;
const HEX_SHA256 = /^[0-9a-f]{64}$/i;
const BASE64_SHA256 = /^[A-Za-z0-9+/_-]{43}={0,1}$/;

export const sha256Hex = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');

/** The API key a request authenticated with, as the verifier needs it. */
export interface SigningKey {
  id: string;
  tenantId: string;
  label: string;
  signingSecret: Buffer | null;
  signingSecretVersion: number;
}

/**
 * Signs a request the way Bóveda verifies it (for tests, the CLI and as the reference for
 * integrators; docs/signed-requests.md). Returns the three headers to send.
 */
export function signRequest(input: {
  secret: string;
  method: string;
  pathWithQuery: string;
  body?: Buffer | string;
  timestamp?: number;
  nonce?: string;
  multipart?: boolean;
}): Record<string, string> {
  const timestamp = String(input.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = input.nonce ?? randomBytes(16).toString('base64url');
  const bodySha256Hex = input.multipart ? UNSIGNED_PAYLOAD : sha256Hex(input.body ?? '');
  const signature = createHmac('sha256', input.secret)
    .update(
      canonicalRequest({
        method: input.method,
        pathWithQuery: input.pathWithQuery,
        timestamp,
        nonce,
        bodySha256Hex,
      }),
    )
    .digest('hex');
  return {
    [signatureHeaders.timestamp]: timestamp,
    [signatureHeaders.nonce]: nonce,
    [signatureHeaders.signature]: `v1=${signature}`,
  };
}

/** `v1=<hex or base64>` (several comma-separated values allowed, any may match) → the 32-byte MACs. */
function parseSignature(header: string): Buffer[] {
  const macs: Buffer[] = [];
  for (const part of header.split(',')) {
    const [version, value] = part.trim().split(/=(.*)/s, 2);
    if (version !== 'v1' || !value) continue;
    if (HEX_SHA256.test(value)) macs.push(Buffer.from(value, 'hex'));
    else if (BASE64_SHA256.test(value))
      macs.push(Buffer.from(value.replace(/-/g, '+').replace(/_/g, '/'), 'base64'));
  }
  return macs.filter((mac) => mac.length === 32);
}

const headerOf = (req: FastifyRequest, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value.join(',') : value;
};

/**
 * Checks the signature of a request authenticated by an API key (docs/signed-requests.md):
 * required when the organization says so, verified whenever a signature is sent, so integrators
 * can test before the setting is turned on. Order: headers present and well-formed, timestamp in
 * the window, signature (constant-time), then the nonce claimed once across processes.
 */
export function createRequestSignatureVerifier(deps: {
  cache: Cache;
  secretBox: SecretBox;
  requiresSignedRequests(tenantId: string): Promise<boolean>;
  now?: () => number;
}) {
  const now = deps.now ?? Date.now;
  const secrets = new TtlCache<Promise<string>>(SECRET_CACHE_MS, SECRET_CACHE_ENTRIES);

  /** The opened secret, from the per-process cache or the SecretBox (one audited decryption per fill). */
  function openSecret(key: SigningKey & { signingSecret: Buffer }, reader: Reader): Promise<string> {
    // The version is in the cache key: a rotation (version + 1) misses, in every process at once.
    const id = `${key.tenantId}:${key.id}:${key.signingSecretVersion}`;
    const cached = secrets.get(id);
    if (cached) return cached;
    const opening = deps.secretBox
      .openColumn<string>(
        key.tenantId,
        { table: 'api_keys', column: 'signing_secret', id: key.id },
        key.signingSecret,
        reader,
      )
      .then((secret) => {
        if (typeof secret !== 'string') throw new Error('api_keys.signing_secret is not a string');
        return secret;
      });
    // Concurrent first requests share one decryption; a failure is not kept.
    secrets.set(id, opening);
    opening.catch(() => secrets.delete(id));
    return opening;
  }

  return {
    async verify(req: FastifyRequest, key: SigningKey, reader: Reader): Promise<void> {
      const timestamp = headerOf(req, signatureHeaders.timestamp);
      const nonce = headerOf(req, signatureHeaders.nonce);
      const signature = headerOf(req, signatureHeaders.signature);
      if (timestamp === undefined && nonce === undefined && signature === undefined) {
        if (await deps.requiresSignedRequests(key.tenantId))
          throw appError(
            'REQUEST_SIGNATURE_REQUIRED',
            'This organization requires signed requests: send Boveda-Timestamp, Boveda-Nonce and Boveda-Signature.',
          );
        return;
      }
      if (!timestamp || !nonce || !signature)
        throw appError(
          'REQUEST_SIGNATURE_REQUIRED',
          'Send Boveda-Timestamp, Boveda-Nonce and Boveda-Signature together.',
        );
      if (!TIMESTAMP.test(timestamp))
        throw appError('REQUEST_SIGNATURE_INVALID', 'Boveda-Timestamp must be Unix time in seconds.');
      if (Math.abs(now() / 1000 - Number(timestamp)) > SIGNATURE_WINDOW_SECONDS)
        throw appError(
          'REQUEST_TIMESTAMP_OUT_OF_WINDOW',
          `Boveda-Timestamp must be within ${SIGNATURE_WINDOW_SECONDS} seconds of the server's clock (${Math.floor(now() / 1000)}).`,
        );
      if (!SIGNATURE_NONCE.test(nonce))
        throw appError(
          'REQUEST_SIGNATURE_INVALID',
          'Boveda-Nonce must be 16 to 64 characters of A-Z a-z 0-9 _ -.',
        );
      const macs = parseSignature(signature);
      if (macs.length === 0)
        throw appError(
          'REQUEST_SIGNATURE_INVALID',
          'Boveda-Signature must be v1=<HMAC-SHA256 in hex or base64>.',
        );
      if (!key.signingSecret)
        throw appError(
          'REQUEST_SIGNATURE_INVALID',
          'This API key has no signing secret yet: create one with POST /api/v1/api-keys/{id}/signing-secret.',
        );
      const body = signedBodyOf(req);
      if (body === 'unknown')
        throw appError(
          'REQUEST_SIGNATURE_INVALID',
          'Signed requests cannot carry a body of this content type.',
        );
      const secret = await openSecret({ ...key, signingSecret: key.signingSecret }, reader);
      const expected = createHmac('sha256', secret)
        .update(
          canonicalRequest({
            method: req.method,
            // The request line's path and query, as the client sent and signed them.
            pathWithQuery: req.raw.url ?? req.url,
            timestamp,
            nonce,
            bodySha256Hex: body === 'multipart' ? UNSIGNED_PAYLOAD : sha256Hex(body),
          }),
        )
        .digest();
      // Every candidate is compared (constant time each), so timing does not tell which one failed.
      let matched = false;
      for (const mac of macs) matched = timingSafeEqual(mac, expected) || matched;
      if (!matched) throw appError('REQUEST_SIGNATURE_INVALID');
      // Claimed only after the signature matched: a forger cannot burn a client's nonces.
      let fresh: boolean;
      try {
        fresh = await deps.cache.setIfAbsent(`sig-nonce:${key.id}:${nonce}`, 1, NONCE_TTL_SECONDS);
      } catch (cause) {
        // Without the shared nonce store a replay could not be told apart: refuse, never let through.
        throw appError('DEPENDENCY_UNAVAILABLE', 'The nonce store is unavailable; retry shortly.', { cause });
      }
      if (!fresh) throw appError('REQUEST_NONCE_REPLAYED');
    },
  };
}

export type RequestSignatureVerifier = ReturnType<typeof createRequestSignatureVerifier>;
