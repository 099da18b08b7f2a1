import type { IncomingMessage } from 'node:http';
import type { SimState } from '../context.js';
import { type Answer, HttpError, isJsonContentType, parseJson } from '../http/answer.js';
import { type Collection, fingerprint, type Received } from '../state/pushes.js';

function isMissing(document: Record<string, unknown>, path: string): boolean {
  let value: unknown = document;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object') return true;
    value = (value as Record<string, unknown>)[part];
  }
  return value === undefined || value === null || value === '';
}

/**
 * The 201 body with the new id at `idLocation` (dotted): `id` → `{id, …}`, `data.id` →
 * `{data: {id, …}}`. The rest of the receipt sits next to the id, as ERPs tend to answer.
 */
export function placeId(idLocation: string, received: Received): Record<string, unknown> {
  const parts = idLocation.split('.');
  const leaf = parts.pop()!;
  let body: Record<string, unknown> = {
    [leaf]: received.id,
    object: received.collection === 'invoices' ? 'invoice' : 'document',
    status: 'received',
    received_at: received.received_at,
  };
  for (const part of parts.reverse()) body = { [part]: body };
  return body;
}

function idempotencyKeyOf(req: IncomingMessage): string | null {
  const key = req.headers['idempotency-key'];
  if (key === undefined) return null;
  if (typeof key !== 'string' || key.length === 0 || key.length > 255 || !/^[\x21-\x7e]+$/.test(key))
    throw new HttpError(
      400,
      'invalid_idempotency_key',
      'Idempotency-Key must be 1-255 visible ASCII characters',
    );
  return key;
}

/** POST /api/invoices, POST /api/documents. */
export function push(state: SimState, collection: Collection, req: IncomingMessage, text: string): Answer {
  if (!isJsonContentType(req.headers['content-type']))
    throw new HttpError(415, 'unsupported_media_type', 'send Content-Type: application/json');
  const document = parseJson(text);
  if (document === null || typeof document !== 'object' || Array.isArray(document))
    throw new HttpError(400, 'invalid_document', 'the body must be a JSON object');
  const key = idempotencyKeyOf(req);
  const print = fingerprint(document);
  if (key) {
    const prior = state.pushes.recall(collection, key);
    if (prior && prior.fingerprint !== print)
      throw new HttpError(
        422,
        'idempotency_key_reused',
        'this Idempotency-Key was already used with a different body',
      );
    if (prior)
      return { ...prior.answer, headers: { ...prior.answer.headers, 'Idempotent-Replayed': 'true' } };
  }
  const missing = state.requiredFields[collection].filter((path) =>
    isMissing(document as Record<string, unknown>, path),
  );
  if (missing.length > 0)
    // Like Stripe, a validation failure is not remembered under the key: the fixed body may reuse it.
    throw new HttpError(
      422,
      'validation_failed',
      `missing required fields: ${missing.join(', ')}`,
      missing.map((field) => ({ field, message: 'is required' })),
    );
  const received = state.pushes.add(collection, document, key);
  const answer: Answer = {
    status: 201,
    headers: { Location: `/api/${collection}/${received.id}` },
    body: placeId(state.idLocation, received),
  };
  if (key) state.pushes.remember(collection, key, print, answer);
  return answer;
}

export function getReceived(state: SimState, collection: Collection, id: string): Answer {
  const received = state.pushes.get(collection, id);
  if (!received) throw new HttpError(404, 'not_found', `no ${collection} with id ${id}`);
  return { status: 200, body: received };
}
