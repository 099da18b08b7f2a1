import { descargaEnvelopeParts, descargaResponse, type StatusAnswer } from '../soap/envelopes.js';
import { childElement, NS } from '../soap/xml.js';
import { expiresAt, stateOf } from '../state/request-store.js';
import { base64Chunks } from './base64-stream.js';
import { CODES, malformed, notFound, sealMismatch } from './codes.js';
import { type SimContext, type SoapAnswer, type SoapCall, xmlAnswer } from './context.js';
import { guard } from './guard.js';

/**
 * Descargar: the package as base64 zip, status in the SOAP header `h:respuesta`. 5004 unknown package,
 * 5007 after the 72 h life (or when "downloaded elsewhere"), 5008 from the third download on.
 */
export function descarga(ctx: SimContext, call: SoapCall): SoapAnswer {
  const respond = (answer: StatusAnswer) => xmlAnswer(descargaResponse(answer));
  const op = childElement(call.body, 'PeticionDescargaMasivaTercerosEntrada', NS.des);
  const peticion = op && childElement(op, 'peticionDescarga', NS.des);
  if (!op || !peticion) return respond(malformed());
  const guarded = guard(ctx, call, op, peticion);
  if (!guarded.ok) return respond(guarded.answer);
  const rfc = guarded.certificate.rfc;
  const solicitante = peticion.getAttribute('RfcSolicitante');
  if (solicitante && solicitante !== rfc) return respond(sealMismatch('RfcSolicitante'));
  const packageId = peticion.getAttribute('IdPaquete') ?? '';
  if (!packageId) return respond(malformed());

  const found = ctx.requests.findPackage(packageId);
  if (!found || found.request.requesterRfc !== rfc) return respond(notFound('información'));
  const { request, pkg } = found;
  const now = ctx.clock.now();
  if (call.fault?.kind === 'stolen') pkg.stolen = true;
  if (pkg.stolen || now >= expiresAt(request, ctx.timing) || stateOf(request, now, ctx.timing) !== 3) {
    return respond(CODES.packageGone);
  }
  if (pkg.downloads >= 2) return respond(CODES.maxDownloads);
  pkg.downloads += 1;

  const { head, tail } = descargaEnvelopeParts(CODES.accepted);
  const zip = request.universe.packageZip(pkg.plan) as AsyncIterable<Buffer>;
  return { status: 200, contentType: 'text/xml; charset=utf-8', head, base64: base64Chunks(zip), tail };
}
