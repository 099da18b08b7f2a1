import type { IncomingMessage, ServerResponse } from 'node:http';

/** A response computed before it is written, so an "after" fault can still replace or withhold it. */
export interface Answer {
  status: number;
  headers?: Record<string, string>;
  /** JSON-encoded unless a Buffer (then sent as is, with the Content-Type from `headers`). */
  body?: unknown;
}

/** An error answered with a Facturify-shaped body (`body` as given). */
export class FacturifyError extends Error {
  constructor(
    readonly status: number,
    readonly body: Record<string, unknown>,
    readonly headers?: Record<string, string>,
  ) {
    super(typeof body.message === 'string' ? body.message : `HTTP ${status}`);
  }
}

export function errorAnswer(error: FacturifyError): Answer {
  return { status: error.status, body: error.body, ...(error.headers ? { headers: error.headers } : {}) };
}

/** `{"message", "code"}`: Facturify's 401 (and, here, 404/405/429/5xx) body (doc §1.3). */
export function plainError(status: number, message: string, code: string | null): FacturifyError {
  return new FacturifyError(status, { message, code });
}

/** One rule broken in a 422 (`errors[]` item, doc §1.3). */
export interface FieldError {
  field: string;
  message: string;
  code: number;
}

export const VALIDATION_CODE = 33;
export const VALIDATION_MESSAGE = 'Los datos proporcionados no cumplen las reglas de validación';

/** The observed 422: `{"code": 33, "message": "...", "errors": [{field, message, code}]}`. */
export function validationError(errors: FieldError[]): FacturifyError {
  return new FacturifyError(422, { code: VALIDATION_CODE, message: VALIDATION_MESSAGE, errors });
}

export function send(res: ServerResponse, answer: Answer): void {
  if (res.destroyed) return;
  const headers: Record<string, string> = { Server: 'boveda-facturify-simulator', ...answer.headers };
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers).end();
    return;
  }
  if (Buffer.isBuffer(answer.body)) {
    res
      .writeHead(answer.status, { 'Content-Length': String(answer.body.length), ...headers })
      .end(answer.body);
    return;
  }
  const text = JSON.stringify(answer.body);
  res
    .writeHead(answer.status, {
      'Content-Type': 'application/json',
      'Content-Length': String(Buffer.byteLength(text)),
      'Cache-Control': 'no-cache, private',
      ...headers,
    })
    .end(text);
}

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw plainError(413, 'Payload Too Large', '413');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * A request body as Laravel reads it: JSON, or application/x-www-form-urlencoded (the C# plugin and the
 * Python wrapper send forms, doc §1.3). Empty → {}. Bad JSON → 400.
 */
export function parseInput(text: string, contentType: string | undefined): Record<string, unknown> {
  if (!text.trim()) return {};
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return Object.fromEntries(new URLSearchParams(text));
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw plainError(400, 'El cuerpo de la petición no es JSON válido', '400');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw plainError(400, 'El cuerpo de la petición debe ser un objeto JSON', '400');
  return value as Record<string, unknown>;
}
