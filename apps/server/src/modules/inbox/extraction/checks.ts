import type { InvoiceCheck, InvoiceCheckCode, InvoiceFieldName, InvoicePreview } from '@boveda/contracts';
import { combineDecimals, decimalsWithin } from './decimal.js';
import { isValidRfc, isValidUuid } from './identifiers.js';
import type { QrExpression } from './qr-expression.js';

type Values = Partial<Record<InvoiceFieldName, string | null>>;

export interface CheckContext {
  /** "Now" for the date check; injectable so tests do not age. */
  now?: Date;
  qr?: QrExpression | null;
}

// Per-concept rounding makes the printed totals differ by a cent at most (Anexo 20 rounding rules).
const ARITHMETIC_TOLERANCE = '0.01';
// CFD (the pre-CFDI electronic invoice) started in 2004; nothing fiscal is older.
const EARLIEST_FECHA = '2004-01-01T00:00:00';

const check = (
  code: InvoiceCheckCode,
  ok: boolean,
  message: string,
  fields: InvoiceFieldName[],
  params?: NonNullable<InvoiceCheck['params']>,
): InvoiceCheck => ({ code, ok, message, fields, ...(params ? { params } : {}) });

function formatChecks(v: Values): InvoiceCheck[] {
  const out: InvoiceCheck[] = [];
  if (v.uuid) {
    out.push(
      check(
        'UUID_FORMAT',
        isValidUuid(v.uuid),
        `UUID ${v.uuid} ${isValidUuid(v.uuid) ? 'is' : 'is not'} 8-4-4-4-12 hex`,
        ['uuid'],
        { value: v.uuid },
      ),
    );
  }
  for (const field of ['emisorRfc', 'receptorRfc'] as const) {
    const rfc = v[field];
    if (!rfc) continue;
    const ok = isValidRfc(rfc);
    out.push(
      check('RFC_FORMAT', ok, `${field} ${rfc} ${ok ? 'is' : 'is not'} a valid RFC`, [field], { value: rfc }),
    );
  }
  return out;
}

function dateCheck(v: Values, now: Date): InvoiceCheck[] {
  if (!v.fecha) return [];
  const fecha = v.fecha;
  // Local Mexican time vs UTC: allow a day of slack so an invoice issued tonight is not "future".
  const latest = new Date(now.getTime() + 24 * 3600 * 1000).toISOString().slice(0, 19);
  const wellFormed =
    /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}$/.test(fecha) && !Number.isNaN(Date.parse(`${fecha}Z`));
  const ok = wellFormed && fecha >= EARLIEST_FECHA && fecha <= latest;
  return [
    check(
      'FECHA_RANGE',
      ok,
      ok ? `fecha ${fecha} is plausible` : `fecha ${fecha} is malformed, before 2004 or in the future`,
      ['fecha'],
      { value: fecha },
    ),
  ];
}

/** total = subtotal − descuento + traslados − retenciones, exactly, within a cent. */
function arithmeticCheck(v: Values): InvoiceCheck[] {
  if (!v.subtotal || !v.total) return [];
  const expected = combineDecimals([
    ['+', v.subtotal],
    ['-', v.descuento ?? '0'],
    ['+', v.totalTraslados ?? '0'],
    ['-', v.totalRetenciones ?? '0'],
  ]);
  const ok = expected !== null && decimalsWithin(expected, v.total, ARITHMETIC_TOLERANCE);
  const fields: InvoiceFieldName[] = ['subtotal', 'descuento', 'totalTraslados', 'totalRetenciones', 'total'];
  return [
    check(
      'TOTAL_ARITHMETIC',
      ok,
      ok
        ? `subtotal − descuento + traslados − retenciones = ${v.total}`
        : `subtotal − descuento + traslados − retenciones = ${expected ?? '?'}, total says ${v.total}`,
      fields.filter((f) => v[f] !== undefined && v[f] !== null),
      { expected: expected ?? '?', total: v.total },
    ),
  ];
}

/** The QR against what the page says: a mismatch is an OCR error, or an edited PDF. */
export function qrAgreementChecks(text: Values, qr: QrExpression): InvoiceCheck[] {
  const pairs: Array<[InvoiceFieldName, string]> = [
    ['uuid', qr.uuid],
    ['emisorRfc', qr.rfcEmisor],
    ['receptorRfc', qr.rfcReceptor],
    ['total', qr.total],
  ];
  const out: InvoiceCheck[] = [];
  for (const [field, fromQr] of pairs) {
    const printed = text[field];
    if (!printed) continue;
    const ok = field === 'uuid' ? printed.toUpperCase() === fromQr : printed === fromQr;
    out.push(
      check(
        'QR_MATCHES_TEXT',
        ok,
        ok ? `${field} agrees with the QR` : `${field}: page says ${printed}, QR says ${fromQr}`,
        [field],
        { printed, qr: fromQr },
      ),
    );
  }
  return out;
}

/** Format, date and arithmetic checks on a preview's current values. */
export function runChecks(preview: InvoicePreview, context: CheckContext = {}): InvoiceCheck[] {
  const v: Values = Object.fromEntries(Object.entries(preview.fields).map(([k, f]) => [k, f?.value ?? null]));
  return [...formatChecks(v), ...dateCheck(v, context.now ?? new Date()), ...arithmeticCheck(v)];
}
