import type { SatAttentionCode, SatEventCode, SatHistoryParams, SatRecoveryCause } from '@boveda/contracts';

/** What a text needs besides the params: the labels of states and SAT operations, in this language. */
export interface SatTextHelpers {
  state(state: string): string;
  operation(operation: string): string;
}

type SatText = (p: SatHistoryParams, h: SatTextHelpers) => string;
/** A reason names no state or operation: it needs only its params. */
export type SatReasonText = (p: SatHistoryParams) => string;

const str = (v: SatHistoryParams[string] | undefined) => (Array.isArray(v) ? v.join(', ') : String(v ?? ''));
// The SAT's own message is Spanish already: it is quoted as it came.
const said = (p: SatHistoryParams) => (p.satMessage ? ` («${str(p.satMessage)}»)` : '');
const sat = (p: SatHistoryParams) => `el SAT respondió ${str(p.satCode)}${said(p)}`;

const causes: Record<SatRecoveryCause, string> = {
  stale: 'siguió aceptada o en proceso en el SAT por más de 4 días',
  expired: 'el SAT dice que venció (los paquetes duran 72 horas)',
  packagesGone:
    'sus paquetes ya no están en el SAT (probablemente se descargaron en otro lugar, p. ej. el portal del SAT, o pasaron el límite de descargas)',
};
const cause = (p: SatHistoryParams) => causes[str(p.cause) as SatRecoveryCause] ?? str(p.cause);

const origins: Record<string, string> = {
  api: 'individual',
  year: 'descarga anual',
  recovery: 'recuperación automática',
  split: 'división de periodo',
  retry: 'reintento',
};

// Typed up front: `replacement_refused` says the reason inside it with this same table.
const attention: Record<SatAttentionCode, SatReasonText> = {
  sat_efirma_refused: (p) =>
    `El SAT no acepta esta e.firma (${sat(p)}), ni con un token nuevo. Revisa que la e.firma esté vigente y registrada ante el SAT y vuelve a presentar la solicitud.`,
  sat_malformed: (p) =>
    `El SAT considera la solicitud mal formada (${sat(p)}). Revisa el periodo y los filtros y preséntala de nuevo.`,
  sat_signature_mismatch: (p) =>
    `El SAT dice que la firma no corresponde al contribuyente (${sat(p)}). Registra de nuevo la e.firma de este contribuyente.`,
  sat_certificate_revoked: (p) =>
    `El certificado está revocado o vencido (${sat(p)}). Registra la e.firma vigente del contribuyente.`,
  sat_certificate_not_efirma: (p) =>
    `El certificado no sirve para este servicio (${sat(p)}): un CSD o un certificado de pruebas no es una e.firma. Registra la e.firma del contribuyente.`,
  sat_period_limit: (p) =>
    `Se agotó el límite del SAT para este periodo exacto (${sat(p)}): un periodo de CFDI solo puede solicitarse dos veces. Solicita un periodo ligeramente distinto o usa la metadata.`,
  sat_duplicate_open: (p) =>
    `El SAT ya tiene abierta una solicitud con estos mismos parámetros (${sat(p)}), quizá presentada fuera de Bóveda. Espera a que termine y vuelve a presentarla.`,
  sat_folio_daily_limit: (p) =>
    `Se alcanzó el límite diario para este folio (${sat(p)}). Preséntala de nuevo mañana.`,
  sat_cfdi_cancelled: (p) => `El CFDI está cancelado y el SAT no entrega su XML (${sat(p)}).`,
  sat_refused: (p) =>
    `La solicitud se detuvo porque ${sat(p)}. Preséntala de nuevo o contacta a soporte con este código.`,
  sat_processing_error: (p) =>
    `El SAT reporta un error al procesar esta solicitud (EstadoSolicitud 4, código ${str(p.satCode)}). Preséntala de nuevo.`,
  not_splittable: (p) =>
    `Supera el límite del SAT (${str(p.satCode)}) y el periodo ya no puede dividirse más.`,
  already_refiled: (p) =>
    `Ya se presentó de nuevo una vez porque ${cause(p)}; Bóveda no reintenta una segunda vez. Preséntala a mano si aún necesitas los datos.`,
  replacement_refused: (p) =>
    `El SAT rechazó la solicitud de reemplazo ${str(p.replacementId)} (SAT ${str(p.satCode)}).` +
    (p.reason && p.reason !== 'replacement_refused'
      ? ` ${attention[p.reason as SatAttentionCode]?.(p) ?? ''}`
      : ''),
  replacement_refused_kept: (p) =>
    `El SAT rechazó la solicitud de reemplazo ${str(p.replacementId)} (SAT ${str(p.satCode)}). El SAT aún tiene abierta esta solicitud; Bóveda la sigue verificando.`,
  efirma_missing: (p) =>
    `La e.firma de ${str(p.rfc)} no está registrada (o se eliminó). Regístrala de nuevo y vuelve a presentar la solicitud.`,
  efirma_unusable: (p) =>
    `La e.firma guardada de ${str(p.rfc)} no puede usarse. Regístrala de nuevo y vuelve a presentar la solicitud.`,
};

export const satHistoryEsMX = {
  attention,
  events: {
    request_created: (p) => `Solicitud creada (${origins[str(p.origin)] ?? str(p.origin)}).`,
    state_changed: (p, h) => `${h.state(str(p.from))} → ${h.state(str(p.to))}`,
    sat_call: (p, h) => `${h.operation(str(p.operation))}: ${sat(p)}.`,
    sat_call_failed: (p, h) =>
      `${h.operation(str(p.operation))}: el SAT no respondió; se reintentará en la siguiente sincronización.`,
    filed: (p) => `Presentada ante el SAT con el id. ${str(p.satRequestId)}.`,
    retired: (p) => `Retirada: la reemplaza la solicitud ${str(p.replacementId)} (${str(p.satRequestId)}).`,
    refiling: (p) => `Se presenta de nuevo porque ${cause(p)}.`,
    replaces: (p) =>
      `Reemplaza a la solicitud ${str(p.requestId)} (${p.satRequestId ? str(p.satRequestId) : 'nunca presentada'}) porque ${cause(p)}.`,
    split: (p) =>
      `Supera el límite del SAT (${str(p.satCode)}): se dividió en ${Array.isArray(p.children) ? p.children.join(' y ') : ''}.`,
    ready: (p) =>
      `Lista: ${str(p.count)} ${p.count === 1 ? 'documento' : 'documentos'} en ${str(p.packages)} ${p.packages === 1 ? 'paquete' : 'paquetes'}.`,
    package_stored: (p) =>
      `Paquete ${str(p.packageId)} guardado (${p.how === 'found_in_storage' ? 'ya estaba en el almacenamiento tras una ejecución interrumpida' : 'descargado'}, ${str(p.size)} bytes).`,
    package_gone: (p) => `El paquete ${str(p.packageId)} ya no está en el SAT: ${sat(p)}.`,
    filed_again_as: (p) => `Una persona la presentó de nuevo como la solicitud ${str(p.requestId)}.`,
    filed_again_replaces: (p) =>
      `Una persona la presentó de nuevo; reemplaza a la solicitud ${str(p.requestId)}.`,
  } satisfies Record<SatEventCode, SatText>,
};

export type SatHistoryMessages = typeof satHistoryEsMX;
