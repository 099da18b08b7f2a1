import { type VerifyAnswer, verificaResponse } from '../soap/envelopes.js';
import { childElement, NS } from '../soap/xml.js';
import { type SimRequest, stateOf } from '../state/request-store.js';
import { CODES, malformed, notFound, sealMismatch } from './codes.js';
import { type SimContext, type SoapAnswer, type SoapCall, xmlAnswer } from './context.js';
import { guard } from './guard.js';

/** A call-level failure: the request's own fields are unknown, so they read 0 (as seen in production, doc §1.7). */
function callFailure(answer: { code: number; message: string }): VerifyAnswer {
  return { ...answer, state: 0, requestCode: 0, count: 0, packageIds: [] };
}

function ensurePackages(request: SimRequest): string[] {
  if (!request.packages) {
    const plans = request.filter
      ? request.universe.planPackages(request.id.toUpperCase(), request.filter)
      : [{ id: `${request.id.toUpperCase()}_01`, kind: 'cfdi' as const, uuids: [request.folio!] }];
    request.packages = plans.map((plan) => ({ plan, downloads: 0, stolen: false }));
  }
  return request.packages.map((p) => p.plan.id);
}

/**
 * VerificaSolicitudDescarga. Rejections that belong to the request (5004 no data, 5003 over the cap,
 * 5011 folio daily limit) come as EstadoSolicitud 5 with the code in CodigoEstadoSolicitud and
 * CodEstatus 5000, like the recorded 5004 answer; `limits.overLimitField` moves 5003/5011 to CodEstatus.
 */
export function verifica(ctx: SimContext, call: SoapCall): SoapAnswer {
  const respond = (answer: VerifyAnswer) => xmlAnswer(verificaResponse(answer));
  const op = childElement(call.body, 'VerificaSolicitudDescarga', NS.des);
  const solicitud = op && childElement(op, 'solicitud', NS.des);
  if (!op || !solicitud) return respond(callFailure(malformed()));
  const guarded = guard(ctx, call, op, solicitud);
  if (!guarded.ok) return respond(callFailure(guarded.answer));
  const rfc = guarded.certificate.rfc;
  const solicitante = solicitud.getAttribute('RfcSolicitante');
  if (solicitante && solicitante !== rfc) return respond(callFailure(sealMismatch('RfcSolicitante')));
  const id = solicitud.getAttribute('IdSolicitud') ?? '';
  if (!id) return respond(callFailure(malformed()));

  const request = ctx.requests.get(id);
  if (!request || request.requesterRfc !== rfc) {
    return respond({ ...callFailure(notFound('solicitud')), requestCode: 5004 });
  }
  const now = ctx.clock.now();
  if (call.fault?.kind === 'requestError' && stateOf(request, now, ctx.timing) <= 2) request.failed = true;
  const state = stateOf(request, now, ctx.timing);
  const base = { ...CODES.accepted, state, requestCode: 5000, count: 0, packageIds: [] as string[] };

  switch (state) {
    case 3:
      return respond({ ...base, count: request.count, packageIds: ensurePackages(request) });
    case 4:
      // Undocumented: "Error no controlado" is the SAT's generic failure code.
      return respond({ ...base, requestCode: 404 });
    case 5: {
      if (request.outcome === 'empty') return respond({ ...base, requestCode: 5004 });
      const limit = request.outcome === 'overLimit' ? CODES.overLimit : CODES.folioDailyLimit;
      const count = request.outcome === 'overLimit' ? request.count : 0;
      if (ctx.limits.overLimitField === 'CodEstatus')
        return respond({ ...base, ...limit, requestCode: limit.code, count });
      return respond({ ...base, requestCode: limit.code, count });
    }
    case 6:
      return respond({ ...base, count: request.count });
    default:
      return respond(base);
  }
}
