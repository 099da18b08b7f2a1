import { columnWidth, type ExportColumn } from './columns.js';
import { zipStream } from './zip-stream.js';

const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
/** Excel's sheet size; the header takes one row. */
export const XLSX_MAX_ROWS = 1_048_575;

const CONTENT_TYPES =
  `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
  '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
  '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>' +
  '</Types>';
const ROOT_RELS =
  `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">` +
  `<Relationship Id="rId1" Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK_RELS =
  `${XML_DECL}<Relationships xmlns="${PKG_REL_NS}">` +
  `<Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/>` +
  `<Relationship Id="rId2" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`;
// Style 1: bold header; style 2: #,##0.00 for amounts; style 3: a date and time (custom format 164).
const STYLES =
  `${XML_DECL}<styleSheet xmlns="${MAIN_NS}">` +
  '<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd\\ hh:mm:ss"/></numFmts>' +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>' +
  '<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

/** The workbook, written after the sheet: the header's filter names the rows the sheet ended with. */
const workbook = (sheetName: string, filterRange: string) =>
  `${XML_DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
  `<sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets>` +
  `<definedNames><definedName name="_xlnm._FilterDatabase" localSheetId="0" hidden="1">` +
  `'${escapeXml(sheetName).replace(/'/g, "''")}'!${filterRange}</definedName></definedNames></workbook>`;

// Characters XML 1.0 cannot carry at all (a stray control byte in a name must not corrupt the file).
// biome-ignore lint/suspicious/noControlCharactersInRegex: these are exactly what must be removed
const INVALID_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

export function escapeXml(value: string): string {
  return value
    .replace(INVALID_XML_CHARS, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const textCell = (value: string, style = '') =>
  `<c t="inlineStr"${style}><is><t xml:space="preserve">${escapeXml(value)}</t></is></c>`;

/** Column letters of a 1-based index: 1 → A, 27 → AA. */
export function columnLetters(index: number): string {
  let n = index;
  let out = '';
  while (n > 0) {
    const rest = (n - 1) % 26;
    out = String.fromCharCode(65 + rest) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

const LOCAL_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/;
const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

/**
 * A local date-time as Excel's serial number (days since 1899-12-30, the day's fraction after the
 * point), or null when the text is not one. The time has no zone and keeps none: it is the
 * document's own local time, shown as written.
 */
export function excelSerial(text: string): number | null {
  const m = LOCAL_DATETIME.exec(text);
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0'] = m;
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  if (Number.isNaN(ms)) return null;
  return Math.round(((ms - EXCEL_EPOCH) / 86_400_000) * 1e8) / 1e8;
}

function cell(value: string | null, kind: ExportColumn<unknown>['kind']): string {
  if (value === null) return '<c/>';
  if (kind === 'money') return `<c s="2"><v>${value}</v></c>`;
  if (kind === 'datetime') {
    const serial = excelSerial(value);
    return serial === null ? textCell(value) : `<c s="3"><v>${serial}</v></c>`;
  }
  return textCell(value);
}

// The header stays in view while scrolling (a frozen first row).
const SHEET_VIEWS =
  '<sheetViews><sheetView workbookViewId="0">' +
  '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>' +
  '<selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>';

const colsOf = <T>(columns: ExportColumn<T>[]) =>
  `<cols>${columns
    .map(
      (c, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${columnWidth(c as ExportColumn<unknown>)}" customWidth="1"/>`,
    )
    .join('')}</cols>`;

async function* sheetChunks<T>(
  columns: ExportColumn<T>[],
  rows: AsyncIterable<T[]>,
  done: (lastRow: number) => void,
): AsyncGenerator<string> {
  yield `${XML_DECL}<worksheet xmlns="${MAIN_NS}">${SHEET_VIEWS}${colsOf(columns)}<sheetData>` +
    `<row r="1">${columns.map((c) => textCell(c.header, ' s="1"')).join('')}</row>`;
  let r = 1;
  for await (const batch of rows) {
    let chunk = '';
    for (const row of batch) {
      if (r > XLSX_MAX_ROWS) break;
      r += 1;
      chunk += `<row r="${r}">${columns.map((c) => cell(c.value(row), c.kind)).join('')}</row>`;
    }
    yield chunk;
    if (r > XLSX_MAX_ROWS) break;
  }
  const range = `$A$1:$${columnLetters(columns.length)}$${r}`;
  done(r);
  // A filter button on every header cell.
  yield `</sheetData><autoFilter ref="${range.replaceAll('$', '')}"/></worksheet>`;
}

/**
 * An .xlsx (one sheet, inline strings) streamed as its rows arrive: frozen header with filters,
 * column widths, amounts as numbers and dates as dates.
 */
export function xlsxStream<T>(
  sheetName: string,
  columns: ExportColumn<T>[],
  rows: AsyncIterable<T[]>,
): AsyncGenerator<Buffer> {
  let lastRow = 1;
  async function* parts() {
    yield { name: '[Content_Types].xml', chunks: [CONTENT_TYPES] };
    yield { name: '_rels/.rels', chunks: [ROOT_RELS] };
    yield { name: 'xl/_rels/workbook.xml.rels', chunks: [WORKBOOK_RELS] };
    yield { name: 'xl/styles.xml', chunks: [STYLES] };
    yield {
      name: 'xl/worksheets/sheet1.xml',
      chunks: sheetChunks(columns, rows, (r) => {
        lastRow = r;
      }),
    };
    // Generators run lazily: this part is built once the sheet above has been written.
    yield {
      name: 'xl/workbook.xml',
      chunks: (async function* () {
        yield workbook(sheetName, `$A$1:$${columnLetters(columns.length)}$${lastRow}`);
      })(),
    };
  }
  return zipStream(parts());
}
