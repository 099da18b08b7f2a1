import type { ExportColumn } from './columns.js';

/** Excel only reads a CSV as UTF-8 when it starts with a BOM. */
export const CSV_BOM = '\uFEFF';

// A cell starting with these is a formula to Excel; a name like "=HYPERLINK(…)" must stay text.
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: string | null, kind: ExportColumn<unknown>['kind'] = 'text'): string {
  if (value === null) return '';
  const safe = kind === 'text' && FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const csvLine = (cells: string[]) => `${cells.join(',')}\r\n`;

/** RFC 4180 CSV (CRLF, quotes doubled), BOM first, rows as they come. */
export async function* csvChunks<T>(
  columns: ExportColumn<T>[],
  rows: AsyncIterable<T[]>,
): AsyncGenerator<string> {
  yield CSV_BOM + csvLine(columns.map((c) => csvCell(c.header)));
  for await (const batch of rows) {
    let chunk = '';
    for (const row of batch) chunk += csvLine(columns.map((c) => csvCell(c.value(row), c.kind)));
    yield chunk;
  }
}
