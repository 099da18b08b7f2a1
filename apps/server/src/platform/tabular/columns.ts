/** One column of a CSV/XLSX export: `money` cells are numbers in XLSX (the exact decimal text is what the file holds). */
export interface ExportColumn<T> {
  header: string;
  kind: 'text' | 'money';
  value: (row: T) => string | null;
}

export const textColumn = <T>(header: string, value: (row: T) => string | null): ExportColumn<T> => ({
  header,
  kind: 'text',
  value,
});
export const moneyColumn = <T>(header: string, value: (row: T) => string | null): ExportColumn<T> => ({
  header,
  kind: 'money',
  value,
});
