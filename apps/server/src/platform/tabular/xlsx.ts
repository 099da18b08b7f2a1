import type { ExportColumn } from './columns.js';
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
// Style 1: bold header; style 2: #,##0.00 for amounts.
const STYLES =
  `${XML_DECL}<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>' +
  '<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
  '</styleSheet>';

const workbook = (sheetName: string) =>
  `${XML_DECL}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><sheets>` +
  `<sheet name="${escapeXml(sheetName)}" sheetId="1" r:id="rId1"/></sheets></workbook>`;

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

function cell(value: string | null, kind: 'text' | 'money'): string {
  if (value === null) return '<c/>';
  return kind === 'money' ? `<c s="2"><v>${value}</v></c>` : textCell(value);
}

async function* sheetChunks<T>(columns: ExportColumn<T>[], rows: AsyncIterable<T[]>): AsyncGenerator<string> {
  yield `${XML_DECL}<worksheet xmlns="${MAIN_NS}"><sheetData>` +
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
  yield '</sheetData></worksheet>';
}

/** An .xlsx (one sheet, inline strings) streamed as its rows arrive. */
export function xlsxStream<T>(
  sheetName: string,
  columns: ExportColumn<T>[],
  rows: AsyncIterable<T[]>,
): AsyncGenerator<Buffer> {
  async function* parts() {
    yield { name: '[Content_Types].xml', chunks: [CONTENT_TYPES] };
    yield { name: '_rels/.rels', chunks: [ROOT_RELS] };
    yield { name: 'xl/workbook.xml', chunks: [workbook(sheetName)] };
    yield { name: 'xl/_rels/workbook.xml.rels', chunks: [WORKBOOK_RELS] };
    yield { name: 'xl/styles.xml', chunks: [STYLES] };
    yield { name: 'xl/worksheets/sheet1.xml', chunks: sheetChunks(columns, rows) };
  }
  return zipStream(parts());
}
