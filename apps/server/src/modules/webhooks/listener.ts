import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Webhook, WebhookVerificationError } from 'standardwebhooks';

/**
 * A local receiver for an integrator's machine (`boveda webhook-listen`, and the demo's endpoint):
 * it accepts POSTs, verifies them with the official `standardwebhooks` library (not our own signer,
 * so it proves what a third-party receiver would see) and prints one line per delivery.
 */

export type SignatureCheck = 'ok' | 'failed' | 'not checked';

export interface ReceivedWebhook {
  at: Date;
  id: string | null;
  type: string | null;
  signature: SignatureCheck;
  /** Why the signature failed, as the library says (missing headers, no match, timestamp too old…). */
  reason: string | null;
  /** What the listener answered. */
  status: number;
  summary: string;
  /** The parsed envelope, when the body was JSON. */
  body: unknown;
}

export interface WebhookListenerOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  host?: string;
  /** `whsec_…`; without it nothing is verified and every delivery says "signature not checked". */
  secret?: string;
  /** The answer to a delivery that passed (or was not checked); failed signatures always get 401. */
  status?: number;
  /** Where each delivery's line goes (console.log by default; tests capture it). */
  log?: (line: string) => void;
  onDelivery?: (delivery: ReceivedWebhook) => void;
}

// Bóveda's bodies are a few KiB; anything far larger is not a delivery and is not buffered.
const MAX_BODY_BYTES = 1024 * 1024;

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function party(v: unknown): string | null {
  if (!isObject(v)) return null;
  const name = str(v.name);
  const rfc = str(v.rfc);
  return name && rfc ? `${name} (${rfc})` : (name ?? rfc);
}

/** One line about a delivery's `data`: what an integrator looks for first, per type. */
export function summarizeWebhookData(type: string | null, data: unknown): string {
  if (!isObject(data)) return '';
  if (type?.startsWith('document.')) {
    const parts = [str(data.number) ?? str(data.fileName) ?? str(data.documentId) ?? 'document'];
    const total = str(data.total);
    if (total) parts.push(`total ${total}${str(data.currency) ? ` ${data.currency}` : ''}`);
    const counterpart = party(data.counterpart) ?? party(data.issuer);
    if (counterpart) parts.push(`counterpart ${counterpart}`);
    if (isObject(data.error)) parts.push(`error ${str(data.error.code) ?? ''}`.trim());
    if (str(data.reason)) parts.push(`reason ${data.reason}`);
    return parts.join(', ');
  }
  if (type?.startsWith('sat.request.')) {
    const period = [str(data.periodStart)?.slice(0, 10), str(data.periodEnd)?.slice(0, 10)]
      .filter(Boolean)
      .join('..');
    const what = [str(data.rfc), str(data.kind), str(data.direction), period].filter(Boolean).join(' ');
    const count = typeof data.cfdiCount === 'number' ? ` (${data.cfdiCount} CFDI)` : '';
    const reason = str(data.reason) ? ` reason: ${data.reason}` : '';
    return `${what}: ${str(data.from) ?? 'new'} -> ${str(data.to) ?? '?'}${count}${reason}`;
  }
  if (type === 'sat.package.ingested')
    return `${str(data.kind) ?? ''} package ${str(data.state) ?? ''}: stored ${data.stored} of ${data.read} read, ${data.duplicates} duplicates, ${data.rejected} rejected`;
  if (type === 'efirma.expiring')
    return `${str(data.rfc) ?? ''} e.firma expires in ${data.daysLeft} days (${str(data.validUntil) ?? '?'})`;
  if (type === 'webhook.test') return str(data.message) ?? '';
  return JSON.stringify(data);
}

/**
 * The printed line. The fields come from whoever posted, so control characters are dropped (a body
 * must not be able to move the cursor or fake another line in the integrator's terminal).
 */
export function formatReceivedWebhook(d: ReceivedWebhook): string {
  const signature =
    d.signature === 'failed' ? `signature FAILED (${d.reason ?? 'invalid'})` : `signature ${d.signature}`;
  const summary = d.summary.length > 160 ? `${d.summary.slice(0, 159)}…` : d.summary;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping them is the point.
  const clean = (s: string) => s.replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ');
  return clean(
    [
      d.at.toISOString(),
      d.type ?? '(no type)',
      d.id ?? '(no webhook-id)',
      signature,
      `-> ${d.status}`,
      summary,
    ]
      .filter(Boolean)
      .join('  '),
  );
}

function readBody(req: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY_BYTES) {
        resolve(null);
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(size > MAX_BODY_BYTES ? null : Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

const header = (req: IncomingMessage, name: string) => {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(' ') : (v ?? '');
};

export async function startWebhookListener(options: WebhookListenerOptions = {}) {
  const log = options.log ?? ((line: string) => console.log(line));
  const okStatus = options.status ?? 200;
  let verifier: Webhook | null = null;
  const setSecret = (secret: string | undefined) => {
    // The library takes `whsec_<base64>` as Bóveda shows it (and throws on a secret that is not base64).
    verifier = secret ? new Webhook(secret) : null;
  };
  setSecret(options.secret);

  const server: Server = createServer((req, res) => {
    const answer = (status: number, text: string) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8' });
      res.end(text);
    };
    if (req.method !== 'POST') {
      res.setHeader('allow', 'POST');
      return answer(405, 'webhook-listen accepts POST only\n');
    }
    readBody(req).then(
      (body) => {
        if (body === null) return answer(413, 'body too large\n');
        const at = new Date();
        let signature: SignatureCheck = 'not checked';
        let reason: string | null = null;
        if (verifier) {
          try {
            verifier.verify(
              body,
              {
                'webhook-id': header(req, 'webhook-id'),
                'webhook-timestamp': header(req, 'webhook-timestamp'),
                'webhook-signature': header(req, 'webhook-signature'),
              },
              { jsonParse: false },
            );
            signature = 'ok';
          } catch (err) {
            signature = 'failed';
            reason = err instanceof WebhookVerificationError ? err.message : String(err);
          }
        }
        let parsed: unknown = null;
        try {
          parsed = JSON.parse(body);
        } catch {
          // Shown as such below; the status still follows the signature.
        }
        const envelope = isObject(parsed) ? parsed : null;
        const type = str(envelope?.type);
        const status = signature === 'failed' ? 401 : okStatus;
        const delivery: ReceivedWebhook = {
          at,
          id: str(header(req, 'webhook-id')),
          type,
          signature,
          reason,
          status,
          summary: envelope ? summarizeWebhookData(type, envelope.data) : 'body is not a JSON object',
          body: parsed,
        };
        answer(status, signature === 'failed' ? `invalid signature: ${reason}\n` : 'ok\n');
        log(formatReceivedWebhook(delivery));
        options.onDelivery?.(delivery);
      },
      () => answer(400, 'could not read the body\n'),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const shownHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    port: address.port,
    host: address.address,
    url: `http://${shownHost}:${address.port}/`,
    /** The secret to verify with from now on (the demo learns it after creating its endpoint). */
    setSecret,
    get verifying() {
      return verifier !== null;
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type WebhookListener = Awaited<ReturnType<typeof startWebhookListener>>;
