import type { SatRequestRow } from './sat-download.repository.js';

/** What the SAT listed in metadata and the vault lacks: the part of the cfdi module this one needs. */
export interface MissingXmlSource {
  /**
   * The first `limit` UUIDs (oldest first) of the metadata rows of `rfc` (as emisor with `issued`,
   * receptor with `received`, else either) that are not cancelled and whose CFDI is not stored,
   * within the days and `uuids` given, and how many there are in all.
   */
  missingXml(
    tenantId: string,
    filters: {
      rfc: string;
      direction?: 'issued' | 'received';
      from?: string;
      to?: string;
      uuids?: string[];
    },
    limit: number,
  ): Promise<{ uuids: string[]; total: number }>;
}

export interface MissingXmlSelection {
  direction?: 'issued' | 'received' | undefined;
  from?: string | undefined;
  to?: string | undefined;
  uuids?: string[] | undefined;
}

export interface MissingXmlOutcome {
  missing: number;
  filed: number;
  skipped: number;
  left: number;
  items: SatRequestRow[];
}

/**
 * Files one folio request per missing UUID, up to `cap`, skipping those an open folio request of
 * the taxpayer already asks for (so pressing twice files nothing twice, and the skipped ones never
 * use up the cap). `file` goes through the duplicate guard: a request that turns out open already
 * (another call at the same moment) counts as skipped.
 */
export async function fileMissingXml(
  deps: {
    source: MissingXmlSource;
    /** The folios (lower-case UUIDs) of the taxpayer's open requests. */
    openFolios: Set<string>;
    file: (uuid: string) => Promise<{ request: SatRequestRow; created: boolean }>;
    cap: number;
  },
  tenantId: string,
  rfc: string,
  selection: MissingXmlSelection,
): Promise<MissingXmlOutcome> {
  const { source, openFolios, cap } = deps;
  const filters = {
    rfc,
    ...(selection.direction ? { direction: selection.direction } : {}),
    ...(selection.from ? { from: selection.from } : {}),
    ...(selection.to ? { to: selection.to } : {}),
    ...(selection.uuids ? { uuids: selection.uuids } : {}),
  };
  // cap + open: even if every open one comes first, `cap` unrequested ones are in the list.
  const { uuids, total } = await source.missingXml(tenantId, filters, cap + openFolios.size);
  const openSelected = selection.uuids ? selection.uuids.filter((u) => openFolios.has(u)) : [...openFolios];
  const alreadyOpen =
    openSelected.length === 0
      ? 0
      : (await source.missingXml(tenantId, { ...filters, uuids: openSelected }, 0)).total;
  let filed = 0;
  let raced = 0;
  const items: SatRequestRow[] = [];
  for (const uuid of uuids) {
    if (filed >= cap) break;
    if (openFolios.has(uuid)) continue;
    const result = await deps.file(uuid);
    if (result.created) {
      filed += 1;
      items.push(result.request);
    } else raced += 1;
  }
  const skipped = alreadyOpen + raced;
  return { missing: total, filed, skipped, left: Math.max(total - filed - skipped, 0), items };
}
