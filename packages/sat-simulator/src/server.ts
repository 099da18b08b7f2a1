import { once } from 'node:events';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { handleAdmin } from './admin/routes.js';
import type { SimContext, SoapAnswer } from './operations/context.js';
import { findRoute, isServicePath, soapActionOf } from './operations/dispatch.js';
import {
  actionNotSupportedFault,
  badRequest,
  deserializationFailedFault,
  iisServerError,
  internalServiceFault,
  invalidSecurityFault,
  type RawAnswer,
  truncate,
} from './soap/faults.js';
import { readCall } from './soap/read-call.js';
import { MalformedXmlError } from './soap/xml.js';
import type { Fault, FaultStore } from './state/faults.js';

const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

export interface ServerDeps {
  ctx: SimContext;
  faults: FaultStore;
  /** Replaces the universe (after a volume change). */
  reconfigureVolumes(rfc: string, volume: { issuedPerMonth: number; receivedPerMonth: number }): void;
}

class PayloadTooLarge extends Error {}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_REQUEST_BYTES) throw new PayloadTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function sendRaw(res: ServerResponse, answer: RawAnswer): void {
  res.writeHead(answer.status, { 'Content-Type': answer.contentType, Server: 'Microsoft-IIS/10.0' });
  res.end(answer.body);
}

async function sendAnswer(res: ServerResponse, answer: SoapAnswer, malformed: boolean): Promise<void> {
  if ('body' in answer) {
    sendRaw(res, malformed ? { ...answer, body: truncate(answer.body) } : answer);
    return;
  }
  res.writeHead(answer.status, { 'Content-Type': answer.contentType, Server: 'Microsoft-IIS/10.0' });
  const write = async (text: string) => {
    if (!res.write(text)) await once(res, 'drain');
  };
  try {
    await write(answer.head);
    for await (const chunk of answer.base64) {
      if (res.destroyed) return;
      await write(chunk);
      // An injected malformed download stops mid-package, without the closing tags.
      if (malformed) break;
    }
    if (!malformed) await write(answer.tail);
    res.end();
  } catch {
    // The package stream failed after the headers went out: cut the connection, as a broken server would.
    res.destroy();
  }
}

async function handleSoap(deps: ServerDeps, req: IncomingMessage, res: ServerResponse, path: string) {
  if (req.method !== 'POST') {
    res.writeHead(405, { Allow: 'POST' }).end();
    return;
  }
  const body = await readBody(req);
  const action = soapActionOf(req.headers.soapaction);
  const route = findRoute(path, action);
  if (!route) return sendRaw(res, actionNotSupportedFault(action));

  const fault: Fault | undefined = deps.faults.take(route.operation);
  switch (fault?.kind) {
    case 'latency':
      await sleep(fault.ms);
      break;
    case 'timeout':
      // Never answer: the client's own timeout is what ends this exchange.
      return;
    case 'http500':
      return sendRaw(res, iisServerError());
    case 'soapFault':
      return sendRaw(res, route.operation === 'autentica' ? invalidSecurityFault() : internalServiceFault());
  }
  let answer: SoapAnswer;
  try {
    answer = route.handle(deps.ctx, readCall(body, req.headers.authorization, fault));
  } catch (error) {
    if (error instanceof MalformedXmlError) {
      // The status service's parameter is read by the formatter after the envelope: a broken body is
      // a SOAP fault there, while an unreadable envelope is WCF's empty 400 everywhere.
      const bodyStarted = /<(?:[A-Za-z_][\w.-]*:)?Body[\s>]/.test(body);
      return sendRaw(
        res,
        route.operation === 'consulta' && bodyStarted ? deserializationFailedFault() : badRequest(),
      );
    }
    throw error;
  }
  await sendAnswer(res, answer, fault?.kind === 'malformed');
}

export function createRequestHandler(deps: ServerDeps) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://simulator').pathname;
    const work = path.startsWith('/__admin')
      ? handleAdmin(deps, req, res, path, readBody)
      : isServicePath(path)
        ? handleSoap(deps, req, res, path)
        : Promise.resolve(void res.writeHead(404).end());
    work.catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      if (error instanceof PayloadTooLarge) return void res.writeHead(413).end();
      sendRaw(res, internalServiceFault());
    });
  };
}
