import { type SolicitaElement, solicitaResponse } from '../soap/envelopes.js';
import { childElement, childElements, NS } from '../soap/xml.js';
import { toMexicoLocal } from '../state/clock.js';
import { isOpen, type Outcome, type QueryOperation, stateOf } from '../state/request-store.js';
import type { Universe, UniverseFilter } from '../universe/types.js';
import { CODES, malformed } from './codes.js';
import { type SimContext, type SoapAnswer, type SoapCall, xmlAnswer } from './context.js';
import { guard } from './guard.js';
import { validateQuery } from './solicita-rules.js';

const ELEMENTS: Record<QueryOperation, SolicitaElement> = {
  emitidos: 'SolicitaDescargaEmitidos',
  recibidos: 'SolicitaDescargaRecibidos',
  folio: 'SolicitaDescargaFolio',
};

function outcomeFor(
  ctx: SimContext,
  universe: Universe,
  filter: UniverseFilter,
): { count: number; outcome: Outcome } {
  const count = universe.count(filter);
  const cap = filter.kind === 'cfdi' ? ctx.limits.maxCfdi : ctx.limits.maxMetadata;
  return { count, outcome: count === 0 ? 'empty' : count > cap ? 'overLimit' : 'ready' };
}

/** SolicitaDescargaEmitidos / Recibidos / Folio (v1.5). */
export function solicita(ctx: SimContext, call: SoapCall, operation: QueryOperation): SoapAnswer {
  const element = ELEMENTS[operation];
  const respond = (answer: Parameters<typeof solicitaResponse>[1]) =>
    xmlAnswer(solicitaResponse(element, answer));
  const op = childElement(call.body, element, NS.des);
  const solicitud = op && childElement(op, 'solicitud', NS.des);
  if (!op || !solicitud || childElements(call.body).length !== 1) return respond(malformed());

  const guarded = guard(ctx, call, op, solicitud);
  if (!guarded.ok) return respond(guarded.answer);
  const now = ctx.clock.now();
  const localNow = toMexicoLocal(now);
  const valid = validateQuery(operation, solicitud, guarded.certificate.rfc, localNow);
  if (!valid.ok) return respond({ ...valid.answer, rfcSolicitante: guarded.certificate.rfc });
  const rfcSolicitante = valid.requesterRfc;

  const duplicate = ctx.requests.findOpenDuplicate(valid.parametersKey, (r) =>
    isOpen(stateOf(r, now, ctx.timing)),
  );
  if (duplicate) return respond({ ...CODES.duplicate, rfcSolicitante });

  const universe = ctx.universe();
  if (valid.folio !== undefined) {
    const doc = universe.byUuid(valid.folio);
    const involved = doc && (doc.issuerRfc === rfcSolicitante || doc.receiverRfc === rfcSolicitante);
    if (involved && doc.status === 'cancelado') return respond({ ...CODES.folioCancelled, rfcSolicitante });
    const uses = ctx.requests.recordFolioUse(`${valid.folio}|${localNow.slice(0, 10)}`);
    const outcome: Outcome = !involved
      ? 'empty'
      : uses > ctx.limits.folioPerDay
        ? 'folioDailyLimit'
        : 'ready';
    const request = ctx.requests.create({
      operation,
      requesterRfc: rfcSolicitante,
      kind: 'cfdi',
      folio: valid.folio,
      parametersKey: valid.parametersKey,
      createdAt: now,
      count: involved ? 1 : 0,
      outcome,
      universe,
    });
    return respond({ ...CODES.accepted, requestId: request.id, rfcSolicitante });
  }

  const filter = valid.filter!;
  // Lifetime limit as phpcfdi observed it (doc §1.10): a CFDI period may be requested twice; metadata is not limited.
  const periodKey = JSON.stringify([filter.direction, filter.requesterRfc, filter.from, filter.to]);
  if (filter.kind === 'cfdi' && ctx.requests.periodUseCount(periodKey) >= 2) {
    return respond({ ...CODES.lifetimeExhausted, rfcSolicitante });
  }
  const request = ctx.requests.create({
    operation,
    requesterRfc: rfcSolicitante,
    kind: filter.kind,
    filter,
    parametersKey: valid.parametersKey,
    createdAt: now,
    ...outcomeFor(ctx, universe, filter),
    universe,
  });
  if (filter.kind === 'cfdi') ctx.requests.recordPeriodUse(periodKey);
  return respond({ ...CODES.accepted, requestId: request.id, rfcSolicitante });
}
