// CSV and XLSX written as streams (any list a module exports: the vault's CFDI, the inbox).
export { columnWidth, dateTimeColumn, type ExportColumn, moneyColumn, textColumn } from './columns.js';
export { CSV_BOM, csvCell, csvChunks, csvLine } from './csv.js';
export { escapeXml, XLSX_MAX_ROWS, xlsxStream } from './xlsx.js';
