import type { StatusAnswer } from '../soap/envelopes.js';

/** SAT code catalogue (doc §1.9). Wording from SAT15 unless noted. */
export const CODES = {
  accepted: { code: 5000, message: 'Solicitud Aceptada' },
  invalidUser: { code: 300, message: 'Usuario No Válido' },
  badSeal: { code: 302, message: 'Sello Mal Formado' },
  revokedCertificate: { code: 304, message: 'Certificado Revocado o Caduco' },
  invalidCertificate: { code: 305, message: 'Certificado Inválido' },
  lifetimeExhausted: { code: 5002, message: 'Se han agotado las solicitudes de por vida' },
  overLimit: { code: 5003, message: 'Tope máximo de elementos de la consulta' },
  duplicate: { code: 5005, message: 'Ya se tiene una solicitud registrada' },
  packageGone: { code: 5007, message: 'No existe el paquete solicitado' },
  // Production wording observed in phpcfdi/sat-ws-descarga-masiva#78 (Sept 2025).
  maxDownloads: { code: 5008, message: 'Maximo de descargas permitidas.' },
  folioDailyLimit: { code: 5011, message: 'Límite de descargas por folio por día' },
  folioCancelled: { code: 5012, message: 'No se permite la descarga de xml que se encuentren cancelados' },
} as const satisfies Record<string, StatusAnswer>;

export function malformed(detail?: string): StatusAnswer {
  return { code: 301, message: detail ? `XML Mal Formado:${detail}` : 'XML Mal Formado' };
}

export function sealMismatch(field: 'RfcEmisor' | 'RfcReceptor' | 'RfcSolicitante'): StatusAnswer {
  return { code: 303, message: `Sello no corresponde con ${field}` };
}

export function notFound(what: 'información' | 'solicitud'): StatusAnswer {
  return { code: 5004, message: `No se encontró la ${what}` };
}

/** The exact production answer to Recibidos + CFDI without `Vigente` (satcfdi #43). */
export const RECEIVED_CFDI_NOT_VIGENTE = malformed(
  'La solicitud de descarga no es válida. No se permite la descarga de xml que se encuentren cancelados.',
);
