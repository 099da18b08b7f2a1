/**
 * One column of a CSV/XLSX export. `money` cells are numbers in XLSX (the exact decimal text is
 * what the file holds); `datetime` cells (`YYYY-MM-DDTHH:MM:SS`, local time as written) are real
 * dates in XLSX, so a spreadsheet sorts and filters them as dates. CSV keeps the text as is.
 * `width` is the XLSX column width in characters; a default comes from the kind and the header.
 */
export interface ExportColumn<T> {
  header: string;
  kind: 'text' | 'money' | 'datetime';
  value: (row: T) => string | null;
  width?: number;
}

type Options = { width?: number };

export const textColumn = <T>(
  header: string,
  value: (row: T) => string | null,
  options: Options = {},
): ExportColumn<T> => ({ header, kind: 'text', value, ...options });
export const moneyColumn = <T>(
  header: string,
  value: (row: T) => string | null,
  options: Options = {},
): ExportColumn<T> => ({ header, kind: 'money', value, ...options });
export const dateTimeColumn = <T>(
  header: string,
  value: (row: T) => string | null,
  options: Options = {},
): ExportColumn<T> => ({ header, kind: 'datetime', value, ...options });

const DEFAULT_WIDTH = { text: 18, money: 15, datetime: 19 } as const;

/** The XLSX width of a column: its own, else wide enough for its header and typical values. */
export const columnWidth = (c: ExportColumn<unknown>) =>
  c.width ?? Math.max(DEFAULT_WIDTH[c.kind], Math.min(c.header.length + 4, 40));
