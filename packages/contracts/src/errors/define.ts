/**
 * One error code: its HTTP status, the English `title` the API sends, what a person reads in the
 * web app (`text`, Spanish first), and one line saying when it happens (for the docs and the
 * people who write the code that throws it).
 */
export interface ErrorEntry {
  status: number;
  title: string;
  text: { es: string; en: string };
  when: string;
}

export const defineErrorCatalogue = <const T extends Record<string, ErrorEntry>>(catalogue: T): T =>
  catalogue;
