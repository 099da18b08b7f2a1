import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SimState } from './context.js';
import {
  type Answer,
  errorAnswer,
  FacturifyError,
  parseInput,
  plainError,
  readBody,
  send,
  VALIDATION_CODE,
  VALIDATION_MESSAGE,
} from './http/answer.js';
import { admin } from './routes/admin.js';
import { auth, refresh, requireToken, validate } from './routes/auth.js';
import {
  cancelFactura,
  createCliente,
  createFactura,
  downloadFactura,
  getCliente,
  getEmpresa,
  getFactura,
  listClientes,
  listEmpresas,
  listFacturas,
  updateCliente,
} from './routes/business.js';
import type { Fault, Operation } from './state/faults.js';

interface Request {
  req: IncomingMessage;
  query: URLSearchParams;
  input(): Promise<Record<string, unknown>>;
  fault?: Fault;
}

interface Route {
  operation: Operation;
  /** Business calls need a valid token; auth/refresh/validate handle tokens themselves. */
  authenticated: boolean;
  run(state: SimState, r: Request): Promise<Answer> | Answer;
}

const route = (operation: Operation, run: Route['run'], authenticated = true): Route => ({
  operation,
  authenticated,
  run,
});

/** Maps method + path to an operation (what faults and call counts key on) and its handler. */
function findRoute(method: string, path: string): Route | undefined {
  const p = path.replace(/\/+$/, '') || '/';
  if (p === '/api/v1/auth' && method === 'POST')
    return route('auth', async (s, r) => auth(s, await r.input()), false);
  if (p === '/api/v1/token/refresh' && method === 'POST')
    return route('refresh', (s, r) => refresh(s, r.req, r.query), false);
  if (p === '/api/v1/token/validate' && method === 'GET')
    return route('validate', (s, r) => validate(s, r.req, r.query), false);
  const m = /^\/api\/v1\/(empresa|cliente|factura)(?:\/([^/]+))?(?:\/(pdf|xml|cancel))?$/.exec(p);
  if (!m) return undefined;
  const [, resource, rawId, action] = m;
  const id = rawId === undefined ? undefined : decodeURIComponent(rawId);
  if (resource === 'empresa' && !action && method === 'GET')
    return id === undefined
      ? route('empresa.list', (s, r) => listEmpresas(s, r.query))
      : route('empresa.get', (s) => getEmpresa(s, id));
  if (resource === 'cliente' && !action) {
    if (id === undefined && method === 'POST')
      return route('cliente.create', async (s, r) => createCliente(s, await r.input()));
    if (id === undefined && method === 'GET')
      return route('cliente.list', (s, r) => listClientes(s, r.query));
    if (id !== undefined && method === 'GET') return route('cliente.get', (s) => getCliente(s, id));
    if (id !== undefined && method === 'PUT')
      return route('cliente.update', async (s, r) => updateCliente(s, id, await r.input()));
  }
  if (resource === 'factura') {
    if (id === undefined && method === 'POST')
      return route('factura.create', async (s, r) => createFactura(s, await r.input(), r.fault));
    if (id === undefined && method === 'GET')
      return route('factura.list', (s, r) => listFacturas(s, r.query));
    if (id !== undefined && !action && method === 'GET')
      return route('factura.get', (s) => getFactura(s, id));
    if (id !== undefined && (action === 'pdf' || action === 'xml') && method === 'GET')
      return route(`factura.${action}`, (s) => downloadFactura(s, id, action));
    if (id !== undefined && action === 'cancel' && method === 'PUT')
      return route('factura.cancel', async (s, r) => cancelFactura(s, id, await r.input(), r.query));
  }
  return undefined;
}

/** The methods a known path accepts, for a 405 with `Allow` instead of a 404 on a wrong method. */
function allowedMethods(path: string): string | undefined {
  const p = path.replace(/\/+$/, '');
  if (p === '/api/v1/auth' || p === '/api/v1/token/refresh') return 'POST';
  if (p === '/api/v1/token/validate') return 'GET';
  const m = /^\/api\/v1\/(empresa|cliente|factura)(?:\/([^/]+))?(?:\/(pdf|xml|cancel))?$/.exec(p);
  if (!m) return undefined;
  const [, resource, id, action] = m;
  if (action === 'cancel') return 'PUT';
  if (action) return 'GET';
  if (resource === 'empresa') return 'GET';
  if (resource === 'cliente') return id ? 'GET, PUT' : 'GET, POST';
  return id ? 'GET' : 'GET, POST';
}

/** The body an `error` fault answers: its own `body`, else Facturify's shape for that status. */
function injectedError(fault: Fault): Answer {
  if (fault.body !== undefined) return { status: fault.status, body: fault.body };
  if (fault.status === 401) return { status: 401, body: { message: 'Token has expired', code: '51' } };
  if (fault.status === 422)
    return {
      status: 422,
      body: {
        code: VALIDATION_CODE,
        message: VALIDATION_MESSAGE,
        errors: [{ field: 'injected', message: 'injected validation error', code: VALIDATION_CODE }],
      },
    };
  return {
    status: fault.status,
    body: { message: `injected ${fault.status} error`, code: String(fault.status) },
  };
}

/** What a transport fault does instead of (or, with when=after, on top of) the normal answer. */
async function applyFault(fault: Fault, res: ServerResponse): Promise<Answer | 'withheld' | undefined> {
  switch (fault.kind) {
    case 'latency':
      await sleep(fault.ms);
      return undefined;
    case 'hang':
      return 'withheld';
    case 'drop':
      res.socket?.destroy();
      return 'withheld';
    case 'throttle':
      return {
        status: 429,
        headers: { 'Retry-After': String(fault.retryAfter) },
        body: { message: 'Too Many Attempts.', code: '429' },
      };
    case 'error':
      return injectedError(fault);
    default:
      // stamp_error and async change how factura.create behaves; the handler reads them.
      return undefined;
  }
}

async function handleApi(
  state: SimState,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
): Promise<void> {
  const method = req.method ?? 'GET';
  const found = findRoute(method, url.pathname);
  const entry = state.log.start({
    method,
    path: url.pathname,
    operation: found?.operation ?? 'unknown',
    auth:
      /^Bearer\s/i.test(req.headers.authorization ?? '') || url.searchParams.has('token') ? 'bearer' : 'none',
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
  if (!found) {
    const allow = allowedMethods(url.pathname);
    return send(
      res,
      allow
        ? { status: 405, headers: { Allow: allow }, body: { message: 'Method Not Allowed', code: '405' } }
        : errorAnswer(plainError(404, 'Not Found', '404')),
    );
  }
  state.calls.record(found.operation);
  const fault = state.faults.take(found.operation);
  if (fault) entry.fault = fault.kind;
  if (fault && fault.when === 'before') {
    const instead = await applyFault(fault, res);
    if (instead === 'withheld') return;
    if (instead) return send(res, instead);
  }
  let answer: Answer;
  try {
    if (found.authenticated) requireToken(state, req, url.searchParams);
    let text: string | undefined;
    const input = async () => {
      text ??= await readBody(req);
      return parseInput(text, req.headers['content-type']);
    };
    answer = await found.run(state, {
      req,
      query: url.searchParams,
      input,
      ...(fault ? { fault } : {}),
    });
  } catch (error) {
    if (!(error instanceof FacturifyError)) throw error;
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
    send(res, await admin(state, req.method ?? 'GET', url.pathname, url.searchParams, await readBody(req)));
  } catch (error) {
    if (!(error instanceof FacturifyError)) throw error;
    send(res, errorAnswer(error));
  }
}

export function createRequestHandler(state: SimState) {
  return (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://facturify');
    // The simulated clock is this server's clock: `Date` follows it, as a real server's skewed clock would.
    res.setHeader('Date', state.clock.now().toUTCString());
    const work = url.pathname.startsWith('/__admin')
      ? handleAdmin(state, req, res, url)
      : handleApi(state, req, res, url);
    work.catch((error: unknown) => {
      if (res.headersSent) return void res.destroy();
      send(res, errorAnswer(plainError(500, error instanceof Error ? error.message : 'Server Error', '500')));
    });
  };
}
