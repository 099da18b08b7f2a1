import { SatStatusError } from './sat-status.errors.js';

/** What identifies a CFDI to the SAT's status service: the fields of the printed QR code. */
export interface SatStatusQuery {
  /** `TimbreFiscalDigital@UUID`, any case. */
  uuid: string;
  /** `Emisor@Rfc`. */
  rfcEmisor: string;
  /** `Receptor@Rfc`. */
  rfcReceptor: string;
  /** `Comprobante@Total`: a decimal string as written in the XML (preferred) or a number. */
  total: string | number;
  /** The last 8 characters of `Comprobante@Sello` (a whole seal is cut to its last 8), when known. */
  sealTail?: string;
}

const VERIFY_URL = 'https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const RFC = /^[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{2}[0-9A]$/;
const BASE64 = /^[A-Za-z0-9+/=]*$/;

const invalid = (message: string) => new SatStatusError('SAT_STATUS_INVALID_EXPRESSION', message);

/**
 * Anexo 20 `tt`: "máximo 25 posiciones (18 enteros, '.', 6 decimales), se deben omitir los ceros no
 * significativos" — and phpcfdi/nodecfdi keep one decimal, as the SAT's examples do: `1.0`, `0.0`,
 * `2010.01`, `1160.0`. Strings are formatted digit by digit (no float rounding).
 */
export function formatExpressionTotal(total: string | number): string {
  let text: string;
  if (typeof total === 'number') {
    if (!Number.isFinite(total) || total < 0) throw invalid('total must be a non-negative amount');
    text = total.toFixed(6);
  } else {
    text = total.trim();
  }
  const match = /^([0-9]+)(?:\.([0-9]*))?$/.exec(text);
  if (!match) throw invalid('total must be a decimal amount');
  const integer = match[1]!.replace(/^0+(?=[0-9])/, '');
  const decimals = (match[2] ?? '').replace(/0+$/, '');
  if (integer.length > 18 || decimals.length > 6) {
    throw invalid('total exceeds 18 integer digits or 6 decimals');
  }
  return `${integer}.${decimals || '0'}`;
}

/** Upper-case, and `&` written as `&amp;` inside the expression (phpcfdi/nodecfdi `FormatRfcXml`). */
function formatRfc(rfc: string, field: string): string {
  const value = rfc.trim().toUpperCase();
  if (!RFC.test(value)) throw invalid(`${field} is not an RFC`);
  return value.replace(/&/g, '&amp;');
}

/**
 * The `expresionImpresa` of a CFDI 3.3 / 4.0, as Anexo 20 prints it in the QR:
 * `https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?id=…&re=…&rr=…&tt=…&fe=…`.
 * Without a known seal `fe` is left empty, as nodecfdi/phpcfdi do.
 */
export function buildStatusExpression(query: SatStatusQuery): string {
  const uuid = query.uuid.trim();
  if (!UUID.test(uuid)) throw invalid('uuid is not a UUID');
  const seal = (query.sealTail ?? '').trim();
  if (!BASE64.test(seal)) throw invalid('sealTail is not base64');
  return (
    `${VERIFY_URL}?id=${uuid.toUpperCase()}` +
    `&re=${formatRfc(query.rfcEmisor, 'rfcEmisor')}` +
    `&rr=${formatRfc(query.rfcReceptor, 'rfcReceptor')}` +
    `&tt=${formatExpressionTotal(query.total)}` +
    `&fe=${seal.slice(-8)}`
  );
}
