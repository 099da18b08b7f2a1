import { resolveSatEndpointBase } from '../../../platform/config/sat-endpoints.js';
import { scanXml } from '../parsing/xml-scanner.js';
import { buildStatusExpression, type SatStatusQuery } from './expression.js';
import { SatStatusError } from './sat-status.errors.js';

export const SAT_STATUS_PRODUCTION_URL =
  'https://consultaqr.facturaelectronica.sat.gob.mx/ConsultaCFDIService.svc';
const SOAP_ACTION = 'http://tempuri.org/IConsultaCFDIService/Consulta';
// The answer is a few hundred bytes; anything this big is not the service.
const MAX_RESPONSE_CHARS = 64 * 1024;

export type SatCfdiEstado = 'vigente' | 'cancelado' | 'no_encontrado';
export type SatCancelable = 'sin_aceptacion' | 'con_aceptacion' | 'no_cancelable';
export type SatCancellationStatus =
  | 'en_proceso'
  | 'plazo_vencido'
  | 'cancelado_con_aceptacion'
  | 'cancelado_sin_aceptacion'
  | 'solicitud_rechazada';

/** The five children of `ConsultaResult`, as the SAT wrote them ('' when empty or absent). */
export interface SatStatusRaw {
  codigoEstatus: string;
  estado: string;
  esCancelable: string;
  estatusCancelacion: string;
  validacionEfos: string;
}

export interface SatStatusResult {
  /** `CodigoEstatus` starts with `S - `. */
  found: boolean;
  estado: SatCfdiEstado;
  /** null when not found, or a value outside the documented ones (see `raw`). */
  cancelable: SatCancelable | null;
  /** null when no cancellation was requested, when not found, or for an undocumented value. */
  cancellationStatus: SatCancellationStatus | null;
  /**
   * The issuer (or a third party) in the art. 69-B list ("EFOS"): `ValidacionEFOS` other than 200/201
   * (phpcfdi/nodecfdi `EfosStatus`). `code` is null when the SAT sent none (e.g. not found).
   */
  efos: { listed: boolean; code: string | null };
  raw: SatStatusRaw;
  checkedAt: Date;
}

export type SatStatusEndpointConfig =
  /** The full service URL. */
  | { endpoint: string }
  /** `SAT_ENDPOINTS` (`production` | `simulator` | a base URL) and the bundled simulator's URL, if any. */
  | { satEndpoints: string; simulatorUrl?: string };

export type SatStatusClientOptions = SatStatusEndpointConfig & {
  /** Whole exchange, connect to last byte. */
  timeoutMs: number;
  fetch?: typeof globalThis.fetch;
  now?: () => Date;
};

export interface SatStatusClient {
  /** The status of one CFDI; the expression is built per Anexo 20 from the query. */
  check(query: SatStatusQuery): Promise<SatStatusResult>;
  /** The status for an expression as printed (a decoded QR code), sent as is. */
  checkExpression(expression: string): Promise<SatStatusResult>;
}

/**
 * The status service URL for `SAT_ENDPOINTS`: the real host for `production`, else the base URL (or
 * the bundled simulator's) + `/ConsultaCFDIService.svc`; null for `simulator` without a simulator.
 */
export function resolveSatStatusEndpoint(satEndpoints: string, simulatorUrl?: string): string | null {
  const base = resolveSatEndpointBase(satEndpoints, simulatorUrl);
  if (!base) return null;
  return base.production ? SAT_STATUS_PRODUCTION_URL : `${base.baseUrl}/ConsultaCFDIService.svc`;
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The request as phpcfdi/nodecfdi send it; the expression's `&` become `&amp;` (a bare `&` is a SOAP fault). */
export function consultaRequestBody(expression: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body>' +
    '<c:Consulta xmlns:c="http://tempuri.org/">' +
    `<c:expresionImpresa>${escapeXml(expression)}</c:expresionImpresa>` +
    '</c:Consulta></s:Body></s:Envelope>'
  );
}

type Tree = { [key: string]: unknown };
const localName = (key: string) => key.slice(key.indexOf(':') + 1);
/** A child element by local name (namespaces are not compared: the SAT's prefixes are not a contract). */
function child(node: unknown, name: string): unknown {
  if (!node || typeof node !== 'object') return undefined;
  for (const [key, value] of Object.entries(node as Tree)) {
    if (!key.startsWith('@') && key !== '#text' && localName(key) === name) return value;
  }
  return undefined;
}
const text = (value: unknown): string =>
  typeof value === 'string'
    ? value.trim()
    : value && typeof value === 'object' && typeof (value as Tree)['#text'] === 'string'
      ? ((value as Tree)['#text'] as string).trim()
      : '';

function parseEnvelope(body: string): { raw?: SatStatusRaw; faultCode?: string; faultString?: string } {
  let tree: unknown;
  try {
    tree = scanXml(body.trim());
  } catch {
    return {};
  }
  const soapBody = child(child(tree, 'Envelope'), 'Body');
  const fault = child(soapBody, 'Fault');
  if (fault)
    return { faultCode: text(child(fault, 'faultcode')), faultString: text(child(fault, 'faultstring')) };
  const result = child(child(soapBody, 'ConsultaResponse'), 'ConsultaResult');
  if (!result || typeof result !== 'object') return {};
  return {
    raw: {
      codigoEstatus: text(child(result, 'CodigoEstatus')),
      estado: text(child(result, 'Estado')),
      esCancelable: text(child(result, 'EsCancelable')),
      estatusCancelacion: text(child(result, 'EstatusCancelacion')),
      validacionEfos: text(child(result, 'ValidacionEFOS')),
    },
  };
}

/** Compared without accents or case: the strings carry `ó`, and not every client keeps it. */
const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

const CANCELABLE: Record<string, SatCancelable> = {
  'cancelable sin aceptacion': 'sin_aceptacion',
  'cancelable con aceptacion': 'con_aceptacion',
  'no cancelable': 'no_cancelable',
};
const CANCELLATION: Record<string, SatCancellationStatus> = {
  'en proceso': 'en_proceso',
  'plazo vencido': 'plazo_vencido',
  'cancelado con aceptacion': 'cancelado_con_aceptacion',
  'cancelado sin aceptacion': 'cancelado_sin_aceptacion',
  'solicitud rechazada': 'solicitud_rechazada',
};
// phpcfdi/nodecfdi EfosStatus: 200 = issuer not listed, 201 = issuer and third parties not listed.
const EFOS_CLEAR = new Set(['200', '201']);

/** Turns the SAT's strings into the result; throws on 601 and on answers outside the contract. */
export function interpretConsulta(raw: SatStatusRaw, checkedAt: Date): SatStatusResult {
  const code = raw.codigoEstatus;
  if (/^N\s*-\s*601\b/.test(code)) {
    throw new SatStatusError('SAT_STATUS_INVALID_EXPRESSION', `the SAT rejected the expression: ${code}`);
  }
  const efosCode = raw.validacionEfos || null;
  if (code.startsWith('N')) {
    // 602 (and any other N code): the SAT does not know a CFDI with these id, RFCs and total.
    return {
      found: false,
      estado: 'no_encontrado',
      cancelable: null,
      cancellationStatus: null,
      efos: { listed: false, code: efosCode },
      raw,
      checkedAt,
    };
  }
  if (!code.startsWith('S')) {
    throw new SatStatusError('SAT_STATUS_BAD_RESPONSE', `unexpected CodigoEstatus: ${code || '(empty)'}`);
  }
  const estado = fold(raw.estado);
  if (estado !== 'vigente' && estado !== 'cancelado') {
    throw new SatStatusError(
      'SAT_STATUS_BAD_RESPONSE',
      `unexpected Estado for a found CFDI: ${raw.estado || '(empty)'}`,
    );
  }
  return {
    found: true,
    estado,
    cancelable: CANCELABLE[fold(raw.esCancelable)] ?? null,
    cancellationStatus: CANCELLATION[fold(raw.estatusCancelacion)] ?? null,
    efos: { listed: efosCode !== null && !EFOS_CLEAR.has(efosCode), code: efosCode },
    raw,
    checkedAt,
  };
}

/**
 * A client of the SAT's CFDI status service (ConsultaCFDIService). Plain `fetch`, one attempt per
 * call, bounded by `timeoutMs`: the caller (a job) owns retries, and `SatStatusError.retryable` says
 * when one can help. Nothing here logs; the expression carries RFCs, so callers should not log it either.
 */
export function createSatStatusClient(options: SatStatusClientOptions): SatStatusClient {
  const endpoint =
    'endpoint' in options
      ? options.endpoint
      : resolveSatStatusEndpoint(options.satEndpoints, options.simulatorUrl);
  const doFetch = options.fetch ?? globalThis.fetch;
  const now = options.now ?? (() => new Date());

  async function exchange(expression: string): Promise<{ status: number; body: string }> {
    if (!endpoint) {
      throw new SatStatusError(
        'SAT_STATUS_UNAVAILABLE',
        'SAT_ENDPOINTS=simulator works only in the process that runs the bundled simulator; give the simulator URL instead',
        { retryable: false },
      );
    }
    try {
      const response = await doFetch(endpoint, {
        method: 'POST',
        headers: { 'Content-Type': 'text/xml; charset=utf-8', SOAPAction: SOAP_ACTION },
        body: consultaRequestBody(expression),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const body = await response.text();
      return { status: response.status, body: body.length > MAX_RESPONSE_CHARS ? '' : body };
    } catch (error) {
      const timedOut =
        error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
      throw new SatStatusError(
        'SAT_STATUS_UNAVAILABLE',
        timedOut ? `no answer within ${options.timeoutMs} ms` : `network error: ${describe(error)}`,
        { cause: error },
      );
    }
  }

  async function checkExpression(expression: string): Promise<SatStatusResult> {
    const { status, body } = await exchange(expression);
    const parsed = parseEnvelope(body);
    if (parsed.faultCode !== undefined) {
      // WCF's formatter could not read our parameter: the same request will fail again.
      if (/DeserializationFailed$/.test(parsed.faultCode)) {
        throw new SatStatusError('SAT_STATUS_INVALID_EXPRESSION', `SOAP fault ${parsed.faultCode}`, {
          httpStatus: status,
        });
      }
      throw new SatStatusError(
        'SAT_STATUS_UNAVAILABLE',
        `SOAP fault ${parsed.faultCode}: ${parsed.faultString ?? ''}`,
        {
          httpStatus: status,
        },
      );
    }
    if (status >= 500 || status === 408 || status === 429) {
      throw new SatStatusError('SAT_STATUS_UNAVAILABLE', `HTTP ${status}`, { httpStatus: status });
    }
    if (status !== 200 || !parsed.raw) {
      throw new SatStatusError(
        'SAT_STATUS_BAD_RESPONSE',
        status !== 200 ? `HTTP ${status}` : 'the answer is not a ConsultaResponse envelope',
        { httpStatus: status },
      );
    }
    return interpretConsulta(parsed.raw, now());
  }

  return {
    check: async (query) => checkExpression(buildStatusExpression(query)),
    checkExpression,
  };
}

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : '';
  return `${error.message}${cause}`;
}
