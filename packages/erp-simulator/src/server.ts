import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { authenticate, schemeOf } from './auth.js';
import type { SimState } from './context.js';
import { type Answer, errorAnswer, HttpError, readBody, send } from './http/answer.js';
import { admin } from './routes/admin.js';
import { issueToken } from './routes/oauth.js';
import { getRecord, listRecords, pageOrOffset } from './routes/pull.js';
import { getReceived, push } from './routes/push.js';
import { company, RESOURCES, type Resource } from './seed/generate.js';
import type { Fault, Operation } from './state/faults.js';
import { COLLECTIONS, type Collection } from './state/pushes.js';
import { redactQuery } from './state/request-log.js';

interface Route {
  operation: Operation;
  run(state: SimState, req: IncomingMessage, query: URLSearchParams, base: string): Promise<Answer>;
}

/** Maps method + path to an operation (what faults target) and its handler. */
function findRoute(method: string, path: string): Route | undefined {
  if (path === '/oauth/token' && method === 'POST')
    return { operation: 'token', run: async (s, req) => issueToken(s, req, await readBody(req)) };
  const match = /^\/api\/([a-z-]+)(?:\/([^/]+))?\/?$/.exec(path);
  if (!match) return undefined;
  const [, name = '', rawId] = match;
  const id = rawId === undefined ? undefined : decodeURIComponent(rawId);
  if (name === 'company' && id === undefined && method === 'GET')
    return { operation: 'pull', run: async (s) => ({ status: 200, body: company(s.seed) }) };
  if (COLLECTIONS.includes(name as Collection)) {
    const collection = name as Collection;
    if (method === 'POST' && id === undefined)
      return { operation: 'push', run: async (s, req) => push(s, collection, req, await readBody(req)) };
    if (method === 'GET')
      return {
        operation: 'pull',
        run: async (s, _req, query, base) =>
          id === undefined
            ? pageOrOffset(s.pushes.list(collection), 0, query, query.has('offset') ? 'offset' : 'page', base)
            : getReceived(s, collection, id),
      };
  }
  if (RESOURCES.includes(name as Resource) && method === 'GET') {
    const resource = name as Resource;
    return {
      operation: 'pull',
      run: async (s, _req, query, base) =>
        id === undefined ? listRecords(s, resource, query, base) : getRecord(s, resource, id),
    };
  }
  return undefined;
}

/** The methods a known path accepts, for a 405 with `Allow` instead of a 404 on a wrong method. */
function allowedMethods(path: string): string | undefined {
  if (path === '/oauth/token') return 'POST';
  const match = /^\/api\/([a-z-]+)(\/[^/]+)?\/?$/.exec(path);
  if (!match) return undefined;
  const [, name = '', id] = match;
  if (COLLECTIONS.includes(name as Collection)) return id ? 'GET' : 'GET, POST';
  if (RESOURCES.includes(name as Resource) || (name === 'company' && !id)) return 'GET';
  return undefined;
}

/** What an injected fault does instead of (or, with when=after, on top of) the normal answer. */
async function applyFault(fault: Fault, res: ServerResponse): Promise<Answer | 'withheld' | undefined> {
  switch (fault.kind) {
    case 'latency':
      await sleep(fault.ms);
      return undefined;
    case 'hang':
      // Never answer: only the client's timeout (or close()) ends this exchange.
      return 'withheld';
    case 'drop':
      res.socket?.destroy();
      return 'withheld';
    case 'throttle':
      return errorAnswer(
        new HttpError(429, 'rate_limited', 'too many requests', undefined, {
          'Retry-After': String(fault.retryAfter),
        }),
      );
    case 'error':
      return errorAnswer(new HttpError(fault.status, 'injected_error', `injected ${fault.status} error`));
  }
}

async function handleApi(
  state: SimState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? 'GET';
  const route = findRoute(method, url.pathname);
  const entry = state.log.start({
    method,
    path: redactQuery(url.pathname + url.search),
    operation: route?.operation ?? 'unknown',
    auth: schemeOf(req, state.auth),
    idempotency_key:
      typeof req.headers['idempotency-key'] === 'string' ? req.headers['idempotency-key'] : null,
    fault: null,
  });
  const started = performance.now();
  res.once('close', () => {
    entry.duration_ms = Math.round(performance.now() - started);
    if (res.writableFinished) {
      entry.status = res.statusCode;
      entry.outcome = 'answered';
    } else entry.outcome = entry.fault === 'drop' ? 'dropped' : 'aborted';
  });

  if (!route) {
    const allow = allowedMethods(url.pathname);
    return send(
      res,
      errorAnswer(
        allow
          ? new HttpError(405, 'method_not_allowed', `${method} is not allowed here`, undefined, {
              Allow: allow,
            })
          : new HttpError(404, 'not_found', `no route ${method} ${url.pathname}`),
      ),
    );
  }
  const wait = state.rateLimiter.take();
  if (wait !== undefined)
    return send(
      res,
      errorAnswer(
        new HttpError(429, 'rate_limited', 'rate limit exceeded', undefined, {
          'Retry-After': String(wait),
        }),
      ),
    );
  const fault = state.faults.take(route.operation);
  if (fault) entry.fault = fault.kind;
  if (fault && fault.when === 'before') {
    const instead = await applyFault(fault, res);
    if (instead === 'withheld') return;
    if (instead) return send(res, instead);
  }
  let answer: Answer;
  try {
    if (route.operation !== 'token') authenticate(state.auth, state.tokens, req);
    answer = await route.run(
      state,
      req,
      url.searchParams,
      `http://${req.headers.host ?? 'erp'}${url.pathname}`,
    );
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    answer = errorAnswer(error);
  }
  if (fault && fault.when === 'after') {
    const instead = await applyFault(fault, res);
    if (instead === 'withheld') return;
    if (instead) answer = instead;
  }
  send(res, answer);
}

async function handleAdmin(
  state: SimState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  try {
    send(res, admin(state, req.method ?? 'GET', url.pathname, url.searchParams, await readBody(req)));
  } catch (error) {
    if (!(error instanceof HttpError)) throw error;
    send(res, errorAnswer(error));
  }
}

export function createRequestHandler(state: SimState) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://erp');
    const work = url.pathname.startsWith('/__admin')
      ? handleAdmin(state, req, res, url)
      : handleApi(state, req, res, url);
    work.catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      send(
        res,
        errorAnswer(new HttpError(500, 'internal_error', error instanceof Error ? error.message : 'error')),
      );
    });
  };
}
