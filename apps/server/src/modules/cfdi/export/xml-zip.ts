import type { CfdiItem } from '../cfdi.search.repository.js';
import type { CfdiFilters } from '../cfdi.search.sql.js';

// Characters Windows, macOS or a zip tool would refuse or read as a path (`/` in a serie, `:`, …),
// and control characters.
const UNSAFE = /[\\/:*?"<>|]/;
const clean = (s: string) =>
  Array.from(s.trim(), (ch) => {
    const code = ch.charCodeAt(0);
    return code < 0x20 || code === 0x7f || UNSAFE.test(ch) ? '_' : ch;
  }).join('');

/**
 * The name of a CFDI's files inside the ZIP, without extension: `<RFC emisor>_<serie><folio>_<UUID>`
 * (`EKU9003173C9_A123_0f6c…`), or `<RFC emisor>_<UUID>` without serie and folio. Sorted by name the
 * files group by emisor and folio, as a contador looks for them; the UUID keeps each name unique
 * (an emisor may repeat a folio, two emisores certainly do).
 */
export function entryBaseName(doc: Pick<CfdiItem, 'uuid' | 'emisorRfc' | 'serie' | 'folio'>): string {
  const serieFolio = clean(`${doc.serie ?? ''}${doc.folio ?? ''}`).slice(0, 60);
  const emisor = clean(doc.emisorRfc ?? 'SIN_RFC');
  return [emisor, serieFolio, doc.uuid.toUpperCase()].filter(Boolean).join('_');
}

const lastDayOf = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `2025-01` for a whole month, `2025` for a whole year, else `2025-01-05_2025-02-10` (open ends named). */
function periodOf(from?: string, to?: string): string | null {
  if (!from && !to) return null;
  if (from && to) {
    const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number];
    const [ty, tm, td] = to.split('-').map(Number) as [number, number, number];
    if (fy === ty && fm === 1 && fd === 1 && tm === 12 && td === 31) return String(fy);
    if (fy === ty && fm === tm && fd === 1 && td === lastDayOf(ty, tm)) return from.slice(0, 7);
    return `${from}_${to}`;
  }
  return from ? `desde_${from}` : `hasta_${to}`;
}

/**
 * A download's file name from what the search names: `CFDI_EKU9003173C9_emitidos_2025-01.zip`,
 * `Metadatos_EKU9003173C9_2025.xlsx`, `CFDI_seleccion_…` for selected rows, `CFDI_<today>.csv` when
 * nothing narrows it. The same for the ZIP of XML and the CSV/XLSX exports.
 */
export function exportFileName(
  prefix: 'CFDI' | 'Metadatos',
  filters: CfdiFilters & { efecto?: string },
  extension: string,
  today = new Date(),
): string {
  const direction =
    filters.direction === 'issued' ? 'emitidos' : filters.direction === 'received' ? 'recibidos' : null;
  const parts = [
    prefix,
    filters.uuids ? 'seleccion' : null,
    filters.rfc ? clean(filters.rfc.toUpperCase()) : null,
    direction,
    filters.tipo ?? filters.efecto ?? null,
    periodOf(filters.from, filters.to),
  ].filter((p): p is string => Boolean(p));
  if (parts.length === 1) parts.push(today.toISOString().slice(0, 10));
  return `${parts.join('_')}.${extension}`;
}

/** The ZIP of XML's file name (see `exportFileName`). */
export const zipFileName = (filters: CfdiFilters, today = new Date()) =>
  exportFileName('CFDI', filters, 'zip', today);

/** `Content-Disposition` for a name that may hold Ñ or &: an ASCII fallback and the UTF-8 original. */
export function attachment(fileName: string): string {
  const ascii = fileName
    .normalize('NFD')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;
}
