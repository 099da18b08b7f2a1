import { type ErrorCode, errorCatalogue } from '@boveda/contracts';

/** Every error code's text in one language, typed by code (so lookups by code need no cast). */
export function errorTexts(locale: 'es' | 'en'): Record<ErrorCode, string> {
  return Object.fromEntries(
    Object.entries(errorCatalogue).map(([code, entry]) => [code, entry.text[locale]]),
  ) as Record<ErrorCode, string>;
}
