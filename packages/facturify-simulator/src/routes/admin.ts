import { CP, RFC } from '../cfdi/catalogs.js';
import type { SimState } from '../context.js';
import { type Answer, FacturifyError, parseInput } from '../http/answer.js';
import { parseFault } from '../state/faults.js';
import type { EmpresaSeed } from '../state/records.js';

const bad = (message: string) => new FacturifyError(400, { message, code: 'invalid_admin_request' });
const missing = (message: string) => new FacturifyError(404, { message, code: 'not_found' });

export function stateSummary(state: SimState) {
  const t = state.tokens.config;
  const s = state.invoices.config;
  return {
    now: state.clock.now().toISOString(),
    environment: state.environment,
    issuer: t.issuerBase,
    tokens: {
      ttl_seconds: t.ttlSeconds,
      refreshed_ttl_seconds: t.refreshedTtlSeconds,
      refresh_ttl_seconds: t.refreshTtlSeconds,
      blacklist_enabled: t.blacklistEnabled,
      blacklist_grace_seconds: t.blacklistGraceSeconds,
      leeway_seconds: t.leewaySeconds,
      refresh_iat: t.refreshIat,
      expires_in_unit: state.expiresInUnit,
      expires_in_type: state.expiresInType,
    },
    stamping: {
      mode: s.mode,
      async_completion: s.asyncCompletion,
      async_delay_ms: s.asyncDelayMs,
      cancellation: s.cancellation,
      cancellation_expiry_seconds: s.cancellationExpirySeconds,
      callback_url: s.callbackUrl,
    },
    download_format: state.downloadFormat,
    empresas: state.parties.listEmpresas().length,
    clientes: state.parties.listClientes().length,
    invoices: state.invoices.all().length,
    calls: state.calls.snapshot(),
    faults: state.faults.list(),
  };
}

/** The control API under /__admin (JSON in and out, no authentication: bind to localhost). */
export async function admin(
  state: SimState,
  method: string,
  path: string,
  query: URLSearchParams,
  text: string,
): Promise<Answer> {
  const key = `${method} ${path.replace(/\/+$/, '')}`;
  const body = () => parseInput(text, 'application/json');
  const ok = (value: unknown, status = 200): Answer => ({ status, body: value });

  switch (key) {
    case 'GET /__admin/state':
      return ok(stateSummary(state));
    case 'GET /__admin/calls':
      return ok(state.calls.snapshot());
    case 'POST /__admin/reset':
      state.reset();
      return ok(stateSummary(state));
    case 'GET /__admin/clock':
      return ok({ now: state.clock.now().toISOString() });
    case 'POST /__admin/clock':
    case 'POST /__admin/clock/advance':
    case 'POST /__admin/clock/set': {
      const b = body();
      if (b.now !== undefined) {
        const at = new Date(String(b.now));
        if (Number.isNaN(at.getTime())) throw bad('now must be an ISO 8601 date');
        return ok({ now: state.clock.set(at).toISOString() });
      }
      const seconds = b.advance ?? b.seconds;
      if (typeof seconds !== 'number' || !Number.isFinite(seconds))
        throw bad('send {"advance": seconds} (or {"seconds": n}) or {"now": ISO}');
      return ok({ now: state.clock.advance(seconds).toISOString() });
    }
    case 'GET /__admin/faults':
      return ok({ faults: state.faults.list() });
    case 'POST /__admin/faults': {
      const fault = parseFault(body());
      if (typeof fault === 'string') throw bad(fault);
      state.faults.add(fault);
      return ok({ faults: state.faults.list() }, 201);
    }
    case 'DELETE /__admin/faults':
      state.faults.clear();
      return ok({ faults: [] });
    case 'GET /__admin/requests': {
      const limit = Number(query.get('limit') ?? 1000);
      return ok({ requests: state.log.list(Number.isInteger(limit) && limit > 0 ? limit : 1000) });
    }
    case 'GET /__admin/tokens':
      return ok({ tokens: state.tokens.tokens() });
    case 'GET /__admin/blacklist':
      return ok({ blacklist: state.tokens.blacklisted() });
    case 'POST /__admin/tokens/revoke': {
      const token = body().token;
      if (typeof token !== 'string' || !state.tokens.revoke(token))
        throw bad('token must be a token this simulator signed');
      return ok({ blacklist: state.tokens.blacklisted() });
    }
    case 'GET /__admin/invoices': {
      const status = query.get('status');
      const list = state.invoices.all().filter((f) => !status || f.status === status);
      return ok({ invoices: list.map((f) => state.invoices.view(f)) });
    }
    case 'POST /__admin/jobs/complete': {
      const b = body();
      const outcome = b.outcome ?? undefined;
      if (outcome !== undefined && outcome !== 'stamped' && outcome !== 'error')
        throw bad('outcome must be stamped or error');
      const failure =
        typeof b.code === 'string' || typeof b.message === 'string'
          ? { code: String(b.code ?? 'CFDI40147'), message: String(b.message ?? 'Error simulado') }
          : undefined;
      const jobId = typeof b.job_id === 'string' ? b.job_id : undefined;
      const completed = state.invoices.complete(jobId, outcome as 'stamped' | 'error' | undefined, failure);
      if (jobId && completed.length === 0) throw missing(`no queued job ${jobId}`);
      await state.webhooks.settle();
      return ok({
        completed,
        invoices: completed.map((id) => state.invoices.view(state.invoices.find(id)!)),
      });
    }
    case 'GET /__admin/webhooks':
      return ok({ deliveries: state.webhooks.list() });
    case 'GET /__admin/empresas':
      return ok({ empresas: state.parties.listEmpresas() });
    case 'POST /__admin/empresas': {
      const b = body() as Partial<EmpresaSeed>;
      if (typeof b.rfc !== 'string' || !RFC.test(b.rfc)) throw bad('rfc is required and must be an RFC');
      if (typeof b.razon_social !== 'string' || !b.razon_social) throw bad('razon_social is required');
      if (typeof b.cp !== 'string' || !CP.test(b.cp)) throw bad('cp must be 5 digits');
      try {
        return ok({ empresa: state.parties.addEmpresa({ regimen: '601', ...b } as EmpresaSeed) }, 201);
      } catch (error) {
        throw bad(error instanceof Error ? error.message : String(error));
      }
    }
    case 'GET /__admin/sat-taxpayers':
      return ok({ taxpayers: [...state.invoices.satTaxpayers.values()] });
    case 'POST /__admin/sat-taxpayers': {
      const b = body();
      if (
        typeof b.rfc !== 'string' ||
        typeof b.razon_social !== 'string' ||
        typeof b.codigo_postal !== 'string'
      )
        throw bad('send {rfc, razon_social, codigo_postal}');
      const taxpayer = {
        rfc: b.rfc.toUpperCase(),
        razon_social: b.razon_social,
        codigo_postal: b.codigo_postal,
      };
      state.invoices.satTaxpayers.set(taxpayer.rfc, taxpayer);
      return ok({ taxpayer }, 201);
    }
  }
  const cancellation = /^POST \/__admin\/cancellations\/([^/]+)$/.exec(key);
  if (cancellation) {
    const result = body().result;
    if (result !== 'accepted' && result !== 'rejected' && result !== 'expired')
      throw bad('result must be accepted, rejected or expired');
    const f = state.invoices.find(decodeURIComponent(cancellation[1]!));
    if (!f) throw missing('no such invoice');
    if (f.cancellation_status !== 'pending')
      throw bad(`cancellation_status is ${f.cancellation_status}, not pending`);
    state.invoices.resolve(f, result);
    await state.webhooks.settle();
    return ok(state.invoices.cancellationView(f));
  }
  throw missing(`no admin route ${key}`);
}
