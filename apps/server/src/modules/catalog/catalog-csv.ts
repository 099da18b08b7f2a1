import { type CatalogImportRejection, type CatalogKind, catalogEntryCreateBody } from '@boveda/contracts';

/** More lines than a chart of accounts has; past it the file is refused whole. */
export const MAX_IMPORT_LINES = 5000;

export interface CatalogCsvLine {
  line: number;
  kind: CatalogKind;
  code: string;
  name: string;
  /** Undefined when the file has no such column: an update leaves the stored value alone. */
  parentCode?: string | null;
  satCode?: string | null;
  active?: boolean;
}

export type CatalogCsvResult =
  | { ok: true; lines: CatalogCsvLine[]; rejected: CatalogImportRejection[] }
  | { ok: false; reason: string };

const fold = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[\s-]+/g, '_')
    .trim();

// Spanish and English headers: the files come from spreadsheets contadores keep.
const COLUMNS: Record<string, keyof Omit<CatalogCsvLine, 'line'>> = {
  kind: 'kind',
  tipo: 'kind',
  code: 'code',
  clave: 'code',
  codigo: 'code',
  name: 'name',
  nombre: 'name',
  descripcion: 'name',
  parent: 'parentCode',
  parent_code: 'parentCode',
  padre: 'parentCode',
  cuenta_padre: 'parentCode',
  sat_code: 'satCode',
  sat: 'satCode',
  codigo_agrupador: 'satCode',
  active: 'active',
  activo: 'active',
  activa: 'active',
};
const KINDS: Record<string, CatalogKind> = {
  category: 'category',
  categoria: 'category',
  account: 'account',
  cuenta: 'account',
  cuenta_contable: 'account',
};
const YES = new Set(['', 'si', 'true', '1', 'yes', 'activo', 'activa']);
const NO = new Set(['no', 'false', '0', 'inactivo', 'inactiva']);

/** The delimiter of the header line: the one of `,` and `;` found more often outside quotes. */
function delimiterOf(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas++;
    else if (!quoted && c === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

/** RFC 4180 records (quotes, doubled quotes, line breaks inside quotes), with their first line number. */
export function csvRecords(text: string, delimiter: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let start = 1;
  const end = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]!.trim() !== '') records.push({ line: start, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        if (c === '\n') line++;
        cell += c;
      }
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      cells.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      end();
      line++;
      start = line;
    } else cell += c;
  }
  if (cell !== '' || cells.length > 0) end();
  return records;
}

/**
 * Reads an uploaded catalogue: UTF-8 with or without BOM, `,` or `;`, a header naming at least
 * the kind, code and name columns (Spanish or English). Each bad line is reported with its number
 * and a reason; good lines go on. Null-safe: a file that is not UTF-8 text or has no usable header
 * is refused whole.
 */
export function parseCatalogCsv(bytes: Buffer): CatalogCsvResult {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return { ok: false, reason: 'The file is not UTF-8 text.' };
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const records = csvRecords(text, delimiterOf(text));
  const header = records.shift();
  if (!header) return { ok: false, reason: 'The file is empty.' };
  if (records.length > MAX_IMPORT_LINES)
    return { ok: false, reason: `At most ${MAX_IMPORT_LINES} lines per import.` };
  const columns = header.cells.map((h) => COLUMNS[fold(h)]);
  for (const needed of ['kind', 'code', 'name'] as const)
    if (!columns.includes(needed))
      return { ok: false, reason: `The header has no ${needed} column (tipo, clave, nombre).` };

  const lines: CatalogCsvLine[] = [];
  const rejected: CatalogImportRejection[] = [];
  const seen = new Set<string>();
  const reject = (line: number, code: CatalogImportRejection['code'], message: string) =>
    rejected.push({ line, code, message });
  for (const { line, cells } of records) {
    if (cells.length > header.cells.length && cells.slice(header.cells.length).some((c) => c.trim())) {
      reject(
        line,
        'TOO_MANY_COLUMNS',
        `The line has ${cells.length} columns; the header has ${header.cells.length}.`,
      );
      continue;
    }
    const raw: Partial<Record<keyof Omit<CatalogCsvLine, 'line'>, string>> = {};
    columns.forEach((col, i) => {
      if (col) raw[col] = (cells[i] ?? '').trim();
    });
    if (!raw.kind || !raw.code || !raw.name) {
      reject(line, 'MISSING_COLUMN_VALUE', 'The kind, code and name are required.');
      continue;
    }
    const kind = KINDS[fold(raw.kind)];
    if (!kind) {
      reject(line, 'INVALID_KIND', `Unknown kind "${raw.kind.slice(0, 40)}": categoria or cuenta.`);
      continue;
    }
    const parsed = catalogEntryCreateBody.safeParse({
      kind,
      code: raw.code,
      name: raw.name,
      ...(raw.parentCode ? { parentCode: raw.parentCode } : {}),
      ...(raw.satCode ? { satCode: raw.satCode } : {}),
    });
    if (!parsed.success) {
      const path = String(parsed.error.issues[0]?.path[0] ?? '');
      const code =
        path === 'name' ? 'INVALID_NAME' : path === 'satCode' ? 'INVALID_SAT_CODE' : 'INVALID_CODE';
      reject(line, code, `${path}: ${parsed.error.issues[0]?.message ?? 'invalid'}`);
      continue;
    }
    let active: boolean | undefined;
    if (raw.active !== undefined) {
      const v = fold(raw.active);
      if (YES.has(v)) active = true;
      else if (NO.has(v)) active = false;
      else {
        reject(line, 'INVALID_ACTIVE', `Unknown active value "${raw.active.slice(0, 20)}": sí or no.`);
        continue;
      }
    }
    const key = `${kind}\u0000${parsed.data.code}`;
    if (seen.has(key)) {
      reject(line, 'DUPLICATE_IN_FILE', `The ${kind} ${parsed.data.code} is on an earlier line.`);
      continue;
    }
    seen.add(key);
    lines.push({
      line,
      kind,
      code: parsed.data.code,
      name: parsed.data.name,
      ...(columns.includes('parentCode') ? { parentCode: parsed.data.parentCode ?? null } : {}),
      ...(columns.includes('satCode') ? { satCode: parsed.data.satCode ?? null } : {}),
      ...(active !== undefined ? { active } : {}),
    });
  }
  return { ok: true, lines, rejected };
}
