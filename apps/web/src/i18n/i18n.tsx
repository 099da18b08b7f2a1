import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { en } from './en.js';
import { esMX, type Messages } from './es-MX.js';
import { formatDate, formatDateTime, formatLocalDateTime, formatNumber, type Locale } from './format.js';

export type { Locale };

const catalogues: Record<Locale, Messages> = { 'es-MX': esMX, en };
const STORAGE_KEY = 'boveda.locale';

export const defaultLocale: Locale = 'es-MX';
export const locales: { id: Locale; label: string }[] = [
  { id: 'es-MX', label: 'Español' },
  { id: 'en', label: 'English' },
];

interface I18n {
  locale: Locale;
  t: Messages;
  setLocale(locale: Locale): void;
  dateTime(iso: string): string;
  /** A CFDI's local date-time, as written in the document (no time zone shift). */
  localDateTime(local: string, options?: { seconds?: boolean }): string;
  date(iso: string): string;
  number(value: number): string;
}

const I18nContext = createContext<I18n | null>(null);

function storedLocale(): Locale {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return value === 'en' || value === 'es-MX' ? value : defaultLocale;
  } catch {
    // Storage can be blocked (private mode, strict settings); Spanish is the right default anyway.
    return defaultLocale;
  }
}

export function I18nProvider({ children, initialLocale }: { children: ReactNode; initialLocale?: Locale }) {
  const [locale, setLocaleState] = useState<Locale>(() => initialLocale ?? storedLocale());

  const setLocale = useCallback((next: Locale) => {
    setLocaleState(next);
    try {
      globalThis.localStorage?.setItem(STORAGE_KEY, next);
    } catch {
      // Not persisting the choice is acceptable.
    }
  }, []);

  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);

  const value = useMemo<I18n>(
    () => ({
      locale,
      t: catalogues[locale],
      setLocale,
      dateTime: (iso) => formatDateTime(iso, locale),
      localDateTime: (local, options) => formatLocalDateTime(local, locale, options?.seconds),
      date: (iso) => formatDate(iso, locale),
      number: (n) => formatNumber(n, locale),
    }),
    [locale, setLocale],
  );
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const ctx = useContext(I18nContext);
  if (!ctx) throw new Error('useI18n must be used inside <I18nProvider>');
  return ctx;
}
