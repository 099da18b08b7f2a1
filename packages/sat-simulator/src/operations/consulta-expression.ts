/**
 * The `expresionImpresa` of the SAT's ConsultaCFDIService: the text of the printed CFDI's QR code.
 *
 * - CFDI 3.3 / 4.0 (Anexo 20): `https://verificacfdi.facturaelectronica.sat.gob.mx/default.aspx?id=…&re=…&rr=…&tt=…&fe=…`
 *   with `tt` without insignificant zeros (`1.0`, `2010.01`) and `fe` the last 8 characters of the seal.
 * - CFDI 3.2: `?re=…&rr=…&tt=0000001234.567800&id=…` (total 10.6 zero-padded, no `fe`).
 *
 * An RFC with `&` is written `&amp;` inside the expression (phpcfdi/nodecfdi `FormatRfcXml`), so a
 * separator is an `&` that does not start `amp;`.
 */
export interface ConsultaExpression {
  /** Upper-case UUID. */
  uuid: string;
  rfcEmisor: string;
  rfcReceptor: string;
  /** The total as a decimal string, as given. */
  total: string;
  /** Up to 8 characters of the issuer's seal, when given. */
  sealTail?: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// SAT t_RFC; lower case accepted as the service upper-cases what it compares.
const RFC = /^[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{2}[0-9A]$/i;
// Anexo 20: up to 18 integer digits and 6 decimals.
const TOTAL = /^[0-9]{1,18}(\.[0-9]{1,6})?$/;

/** The expression's fields, or undefined when the SAT would answer 601 (expression not valid). */
export function parseConsultaExpression(text: string): ConsultaExpression | undefined {
  const source = text.trim();
  const question = source.indexOf('?');
  if (question < 0) return undefined;
  const values = new Map<string, string>();
  for (const pair of source.slice(question + 1).split(/&(?!amp;)/)) {
    const eq = pair.indexOf('=');
    if (eq <= 0) return undefined;
    const key = pair.slice(0, eq).toLowerCase();
    if (values.has(key)) return undefined;
    values.set(key, pair.slice(eq + 1).replace(/&amp;/g, '&'));
  }
  const uuid = values.get('id') ?? '';
  const rfcEmisor = values.get('re') ?? '';
  const rfcReceptor = values.get('rr') ?? '';
  const total = values.get('tt') ?? '';
  const fe = values.get('fe');
  if (!UUID.test(uuid) || !RFC.test(rfcEmisor) || !RFC.test(rfcReceptor) || !TOTAL.test(total)) {
    return undefined;
  }
  if (fe !== undefined && fe.length > 8) return undefined;
  return {
    uuid: uuid.toUpperCase(),
    rfcEmisor: rfcEmisor.toUpperCase(),
    rfcReceptor: rfcReceptor.toUpperCase(),
    total,
    ...(fe ? { sealTail: fe } : {}),
  };
}

/** `0000001234.567800`, `1234.5678` and `1234.567800` are the same amount: compare in millionths. */
export function sameTotal(a: string, b: string): boolean {
  const x = micros(a);
  return x !== undefined && x === micros(b);
}

function micros(value: string): bigint | undefined {
  const match = /^([0-9]+)(?:\.([0-9]{1,6}))?$/.exec(value.trim());
  if (!match) return undefined;
  return BigInt(match[1]!) * 1_000_000n + BigInt((match[2] ?? '').padEnd(6, '0'));
}
