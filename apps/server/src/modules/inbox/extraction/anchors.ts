import type { InvoiceConcepto, InvoiceFieldName, InvoiceTax } from '@boveda/contracts';
import { normalizeDecimal } from './decimal.js';
import { correctRfc, findRfcs, findUuids } from './identifiers.js';

/**
 * Label-anchored extraction from a page's text (text layer now, OCR text later): each field is read
 * next to its printed label, never as "the first match in the page" (§2.4 of
 * docs/inbox-extraction.md). Returns only what a label vouched for; the merge step decides.
 */
export type AnchoredFields = Partial<Record<InvoiceFieldName, string>>;

export interface AnchorResult {
  fields: AnchoredFields;
  taxes: InvoiceTax[];
  conceptos: InvoiceConcepto[];
}

// An amount as printed: "$1,160.00", "1 160.00", "1160", "MXN 1,160.00", "-$5.00".
const AMOUNT = String.raw`[+*]?\s*(?:MXN|USD|\$)?\s*(-?\s*\$?\s*(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,6})?|\d{1,3}(?: \d{3})+\.\d{1,6}|\d+(?:\.\d{1,6})?))(?![\d,])`;

/** "$1,160.00" → "1160.00"; null when it is not an amount. */
export function parseAmount(printed: string): string | null {
  const cleaned = printed.replace(/[$\s]|MXN|USD/g, '').replace(/,(?=\d{3}(?:\D|$))/g, '');
  return normalizeDecimal(cleaned);
}

/**
 * Drops what must never feed an anchor: the seals' base64 blocks and the "cadena original del
 * complemento", which hold the PAC's RfcProvCertif and look like RFC/UUID-bearing text.
 */
export function stripNoise(text: string): string {
  return text
    .split('\n')
    .filter((line) => !/^\s*(?:SELLO|CADENA\s+ORIGINAL)/i.test(line))
    .filter((line) => !line.includes('||'))
    .map((line) => line.replace(/[A-Za-z0-9+/]{40,}={0,2}/g, ' '))
    .join('\n');
}

// Headings of a payment's paid-documents table: the UUIDs right after them are other documents'.
const OTHER_DOCUMENTS = /INFORMACI[OÓ]N\s+DE(?:L)?\s+PAGO|DOCUMENTOS?\s+RELACIONADOS/i;
// Where a payment CFDI's complement starts (its FECHA/MONEDA/MONTO are the payment's).
const PAYMENT_COMPLEMENT =
  /INFORMACI[OÓ]N\s+DE(?:L)?\s+PAGO|COMPLEMENTO\s+DE\s+PAGO|DOCUMENTOS?\s+RELACIONADOS/i;
// Matched on the word alone: OCR garbles the "CFDIS" before it ("CEDI> RELACIONADOS").
const RELATED_CFDI = /\bRELACIONAD[OA]S?\b|TIPO\s+(?:DE\s+)?RELACI[OÓ]N/i;

function firstMatch(text: string, pattern: RegExp, accept: (value: string) => string | null): string | null {
  const global = new RegExp(
    pattern.source,
    pattern.flags.includes('g') ? pattern.flags : `${pattern.flags}g`,
  );
  for (const m of text.matchAll(global)) {
    const value = accept((m[1] ?? '').trim());
    if (value !== null) return value;
  }
  return null;
}

const amountAfter = (label: string) => new RegExp(`${label}\\s*:?\\s*${AMOUNT}`, 'i');

function sectionBetween(text: string, start: RegExp, end: RegExp): string {
  const s = text.search(start);
  if (s === -1) return '';
  const rest = text.slice(s);
  const e = rest.slice(1).search(end);
  return e === -1 ? rest.slice(0, 600) : rest.slice(0, e + 1);
}

const FOLIO_FISCAL = /FOLIO\s+FISCAL\s*(?:\(?UUID\)?)?\s*:?\s*([0-9A-Z][0-9A-Z\s-]{34,44})/gi;
const UUID_LABEL = /\bUUID\s*:?\s*([0-9A-Z][0-9A-Z\s|\]-]{34,44})/gi;

/**
 * The document's own UUID by vote: a printed CFDI shows it two or three times (folio fiscal, footer,
 * cadena original), so one OCR slip in one place is outvoted. The "FOLIO FISCAL" label weighs most;
 * sightings inside related-CFDI or paid-document sections never count, and an unlabelled UUID needs
 * a second sighting.
 */
function uuidOf(raw: string, text: string): string | null {
  const votes = new Map<string, { score: number; labelled: boolean }>();
  const vote = (uuid: string, score: number, labelled: boolean) => {
    const v = votes.get(uuid) ?? { score: 0, labelled: false };
    votes.set(uuid, { score: v.score + score, labelled: v.labelled || labelled });
  };
  for (const m of text.matchAll(FOLIO_FISCAL)) {
    const uuid = findUuids(m[1]!)[0]?.uuid;
    // On top of the sighting counted below: the label breaks a tie between two readings.
    if (uuid) vote(uuid, 0.5, true);
  }
  const related = relatedRanges(raw);
  const outside = (index: number) => !related.some(([a, b]) => index >= a && index < b);
  for (const m of raw.matchAll(UUID_LABEL)) {
    const uuid = findUuids(m[1]!.replace(/[|\]]/g, ''))[0]?.uuid;
    if (uuid && outside(m.index)) vote(uuid, 0, true);
  }
  // Every sighting, the cadena original included ("||1.1|<UUID>|"): OCR reads each one anew.
  for (const { uuid, index } of findUuids(raw.replace(/[|\]]/g, ' '))) {
    if (outside(index)) vote(uuid, 1, false);
  }
  let best: string | null = null;
  let bestScore = 0;
  for (const [uuid, v] of votes) {
    if (!v.labelled && v.score < 2) continue;
    if (v.score > bestScore) {
      best = uuid;
      bestScore = v.score;
    }
  }
  return best;
}

/** Character ranges of related-CFDI and paid-document sections (their UUIDs are traps). */
function relatedRanges(text: string): Array<[number, number]> {
  const ranges: Array<[number, number]> = [];
  for (const pattern of [RELATED_CFDI, OTHER_DOCUMENTS]) {
    for (const m of text.matchAll(new RegExp(pattern.source, 'gi'))) {
      // A related-CFDI block is a heading and one or a few UUIDs (42 characters each).
      ranges.push([m.index, m.index + 250]);
    }
  }
  return ranges;
}

const TIPOS: Record<string, string> = {
  INGRESO: 'I',
  EGRESO: 'E',
  TRASLADO: 'T',
  NOMINA: 'N',
  NÓMINA: 'N',
  PAGO: 'P',
};

function tipoOf(text: string): string | null {
  // "I - Ingreso", "Ingreso", "I"; OCR reads the I as "|", "1" or "l", so the name decides first.
  return firstMatch(text, /(?:TIPO\s+DE\s+)?COMPROBANTE\s*:?[ \t]*([^\n]{1,24})/i, (v) => {
    const name = /(INGRESO|EGRESO|TRASLADO|N[OÓ]MINA|PAGO)/i.exec(v)?.[1]?.toUpperCase();
    if (name) return TIPOS[name] ?? null;
    return /^([IETNP])\b/.exec(v)?.[1] ?? null;
  });
}

function rfcIn(section: string): string | null {
  const labelled = firstMatch(
    section,
    /\bR\.?F\.?C\.?\s*:?\s*([A-ZÑ&0-9]{3,4}[\s-]?[0-9A-Z]{6}[\s-]?[A-Z0-9]{3})/i,
    correctRfc,
  );
  return labelled ?? findRfcs(section)[0] ?? null;
}

function nameIn(section: string): string | null {
  return firstMatch(
    section,
    /(?:NOMBRE|RAZ[OÓ]N\s+SOCIAL)\s*(?:O\s+RAZ[OÓ]N\s+SOCIAL)?\s*:?[ \t]*([^\n]+?)(?=\s{3}|\s+R\.?F\.?C\b|\n|$)/i,
    (v) => (v.length >= 2 ? v : null),
  );
}

function partyFields(text: string, fields: AnchoredFields): void {
  // Layouts label either by section ("EMISOR" … "RFC:") or inline ("RFC emisor: …").
  const emisorInline = firstMatch(text, /R\.?F\.?C\.?\s+(?:DEL\s+)?EMISOR\s*:?\s*(\S{12,15})/i, correctRfc);
  const receptorInline = firstMatch(
    text,
    /R\.?F\.?C\.?\s+(?:DEL\s+)?RECEPTOR\s*:?\s*(\S{12,15})/i,
    correctRfc,
  );
  const emisor = sectionBetween(
    text,
    /^\s*(?:DATOS\s+DEL\s+)?EMISOR\b/im,
    /^\s*(?:DATOS\s+DEL\s+)?RECEPTOR\b/im,
  );
  const receptor = sectionBetween(
    text,
    /^\s*(?:DATOS\s+DEL\s+)?RECEPTOR\b/im,
    /^\s*(?:DATOS\s+GENERALES|CONCEPTOS|ClaveProdServ|CANTIDAD)/im,
  );
  const emisorRfc = emisorInline ?? (emisor ? rfcIn(emisor) : null);
  const receptorRfc = receptorInline ?? (receptor ? rfcIn(receptor) : null);
  if (emisorRfc) fields.emisorRfc = emisorRfc;
  if (receptorRfc && receptorRfc !== emisorRfc) fields.receptorRfc = receptorRfc;
  const emisorNombre = emisor ? nameIn(emisor) : null;
  const receptorNombre = receptor ? nameIn(receptor) : null;
  if (emisorNombre) fields.emisorNombre = emisorNombre;
  if (receptorNombre) fields.receptorNombre = receptorNombre;
}

/** "2025-01-24T10:10:41", "2025-01-24 10:10:41", "24/01/2025 10:10:41" → ISO local date-time. */
export function parseDateTime(printed: string): string | null {
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T\s]+(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(printed);
  const dmy = /^(\d{2})\/(\d{2})\/(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?/.exec(printed);
  const parts = iso
    ? [iso[1], iso[2], iso[3], iso[4], iso[5], iso[6]]
    : dmy
      ? [dmy[3], dmy[2], dmy[1], dmy[4], dmy[5], dmy[6]]
      : null;
  if (!parts) return null;
  const [y, mo, d, h = '00', mi = '00', s = '00'] = parts as string[];
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 59) {
    return null;
  }
  return `${y}-${mo}-${d}T${h}:${mi}:${s}`;
}

const USO_CFDI = /^(?:G0[1-3]|I0[1-8]|D(?:0[1-9]|10)|S01|CP01|CN01|P01)$/;
const DIGIT_LOOKALIKE: Record<string, string> = { O: '0', Q: '0', I: '1', L: '1' };

/** c_UsoCFDI: letters then two digits, so OCR's "CNo1"/"GO3" are fixed by position, then listed. */
function usoCfdiCode(raw: string): string | null {
  const token = raw.toUpperCase();
  const letters = token.length - 2;
  const digits = [...token.slice(letters)].map((c) => DIGIT_LOOKALIKE[c] ?? c).join('');
  const code = `${token.slice(0, letters)}${digits}`;
  return USO_CFDI.test(code) ? code : null;
}

function headerFields(header: string, fields: AnchoredFields): void {
  const set = (name: InvoiceFieldName, value: string | null) => {
    if (value !== null) fields[name] = value;
  };
  // "NUMERO SERIE CERTIFICADO" and "Serie / Folio" table headings are not the serie.
  set(
    'serie',
    firstMatch(
      header,
      /(?<!N[UÚ]MERO\s(?:DE\s)?)\bSERIE\b(?!\s*(?:DEL?\s+)?CERTIFICADO)\s*:?[ \t]*([A-Z0-9-]{1,25})\b/i,
      (v) => (/[A-Z0-9]/i.test(v) ? v : null),
    ),
  );
  set(
    'folio',
    firstMatch(header, /\bFOLIO\b(?!\s*FISCAL)\s*:?[ \t]*([A-Z0-9-]{1,40})\b/i, (v) =>
      /\d/.test(v) ? v : null,
    ),
  );
  set(
    'fecha',
    firstMatch(
      header,
      /FECHA\s*(?:Y\s+HORA\s+)?(?:DE\s+)?(?:EMISI[OÓ]N|EXPEDICI[OÓ]N)?\s*:?\s*(\d{4}-\d{2}-\d{2}[T\s]\d{2}:\d{2}(?::\d{2})?|\d{2}\/\d{2}\/\d{4}(?:\s+\d{2}:\d{2}(?::\d{2})?)?)/i,
      parseDateTime,
    ),
  );
  set('tipoDeComprobante', tipoOf(header));
  set(
    'usoCfdi',
    firstMatch(header, /USO\s*(?:DE(?:L)?\s*)?CFDI\s*[:;.\-–—]*\s*([A-Z0-9]{3,4})\b/i, usoCfdiCode),
  );
  set(
    'moneda',
    firstMatch(header, /\bMONEDA\s*:?\s*([A-Z]{3})\b/i, (v) => v.toUpperCase()),
  );
  set(
    'tipoCambio',
    firstMatch(header, /TIPO\s*(?:DE\s*)?CAMBIO\s*:?\s*\$?\s*(\d+(?:\.\d+)?)/i, (v) =>
      normalizeDecimal(v, 0),
    ),
  );
  set(
    'metodoPago',
    firstMatch(header, /M[EÉ]TODO\s*(?:DE\s*)?PAGO\s*:?\s*(PUE|PPD)\b/i, (v) => v.toUpperCase()),
  );
  set(
    'formaPago',
    firstMatch(header, /FORMA\s*(?:DE\s*)?PAGO\s*:?\s*(\d{2})\b/i, (v) => v),
  );
}

function amountFields(text: string, fields: AnchoredFields, taxes: InvoiceTax[]): void {
  const set = (name: InvoiceFieldName, value: string | null) => {
    if (value !== null) fields[name] = value;
  };
  set('subtotal', firstMatch(text, amountAfter(String.raw`\bSUB\s*-?\s*TOTAL`), parseAmount));
  set('descuento', firstMatch(text, amountAfter(String.raw`\bDESCUENTOS?`), parseAmount));
  // "Total" alone: not "Subtotal", "Total impuestos…", "Monto total" (a payment's amount).
  set(
    'total',
    firstMatch(
      text,
      amountAfter(String.raw`(?<!MONTO\s|IMPORTE\s)\bTOTAL(?!\s*IMP)(?:\s+A\s+PAGAR)?`),
      parseAmount,
    ),
  );
  // "TOTAL IMP. TRASLADADOS: $x", or split over lines as "TOTAL IMP. $x … TRASLADADOS:".
  for (const m of text.matchAll(
    new RegExp(
      String.raw`TOTAL\s+(?:DE\s+)?IMP(?:UESTOS|\.)?\s*(TRASLADADOS|RETENIDOS)?\s*:?\s*${AMOUNT}`,
      'gi',
    ),
  )) {
    const kind =
      m[1] ??
      /TRASLADADOS|RETENIDOS/i.exec(text.slice(m.index + m[0].length, m.index + m[0].length + 120))?.[0];
    const amount = parseAmount(m[2] ?? '');
    if (!kind || amount === null) continue;
    const name = /TRASLADADOS/i.test(kind) ? 'totalTraslados' : 'totalRetenciones';
    if (!(name in fields)) fields[name] = amount;
  }
  // Taxes by impuesto where a layout prints them: "IVA 16%: $160.00", "IVA Retenido: $x", "ISR Retenido".
  for (const m of text.matchAll(
    new RegExp(
      String.raw`\b(IVA|ISR|IEPS)\s*(TRASLADADO|RETENIDO)?\s*(?:\(?(\d{1,2}(?:\.\d+)?)\s*%\)?)?\s*:\s*${AMOUNT}`,
      'gi',
    ),
  )) {
    const impuesto = ({ ISR: '001', IVA: '002', IEPS: '003' } as const)[
      m[1]!.toUpperCase() as 'ISR' | 'IVA' | 'IEPS'
    ];
    const kind = m[2] && /RETENIDO/i.test(m[2]) ? 'retencion' : 'traslado';
    const importe = parseAmount(m[4] ?? '');
    if (importe === null) continue;
    const tasa = m[3] ? normalizeDecimal((Number(m[3]) / 100).toFixed(6), 6) : null;
    taxes.push({ kind, impuesto, tasa, importe });
  }
}

/**
 * Concept rows, best effort: a row starts with an 8-digit ClaveProdServ and carries amounts; the
 * description is the text between the unit key and the first amount. Table layouts vary too much for
 * more: a person validates line items.
 */
function conceptos(text: string): InvoiceConcepto[] {
  const out: InvoiceConcepto[] = [];
  const row =
    /^\s*(\d{8})\s+(\d+(?:\.\d+)?)\s+([A-Z0-9]{2,3})\s+(?:\S+\s+)?(.+?)\s+\$?([\d,]+\.\d{2,6})\s+\$?([\d,]+\.\d{2,6})\s+\$?([\d,]+\.\d{2,6})/gim;
  for (const m of text.matchAll(row)) {
    out.push({
      claveProdServ: m[1]!,
      cantidad: m[2]!,
      claveUnidad: m[3]!,
      descripcion: m[4]!.replace(/^\(Ninguno\)\s+/i, '').trim(),
      valorUnitario: parseAmount(m[5]!),
      descuento: parseAmount(m[6]!),
      importe: parseAmount(m[7]!),
    });
  }
  return out;
}

/** Every anchored field found in the text of a document (all pages joined). */
export function extractAnchored(rawText: string): AnchorResult {
  const text = stripNoise(rawText);
  const fields: AnchoredFields = {};
  const taxes: InvoiceTax[] = [];
  const uuid = uuidOf(rawText, text);
  if (uuid) fields.uuid = uuid;
  // A payment CFDI repeats header labels (fecha, moneda, forma de pago) inside its complement:
  // read them only before it. Other types keep the whole text: an ingreso may list "documentos
  // relacionados" above its totals.
  const isPayment = tipoOf(text) === 'P';
  const complement = isPayment ? text.search(PAYMENT_COMPLEMENT) : -1;
  const header = complement === -1 ? text : text.slice(0, complement);
  partyFields(header, fields);
  headerFields(header, fields);
  amountFields(header, fields, taxes);
  return { fields, taxes, conceptos: conceptos(header) };
}
