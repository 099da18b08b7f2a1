import { RECONCILIATION_MAX_MONTHS, type ReconciliationCounts } from '@boveda/contracts';
import { appError } from '../../platform/errors/app-error.js';
import type { ObjectStore } from '../../platform/storage/index.js';
import { csvChunks, xlsxStream } from '../../platform/tabular/index.js';
import type { Actor, AuditRecorder } from '../audit/index.js';
import { readOriginalXml } from './cfdi.original-xml.js';
import { decodeCursor, encodeCursor } from './cfdi.search.cursor.js';
import { cfdiSearchErrors } from './cfdi.search.errors.js';
import type { CfdiSearchRepository, PageRequest, RawPage } from './cfdi.search.repository.js';
import type { CfdiFilters, MetadataFilters, SortSpec } from './cfdi.search.sql.js';
import type { CfdiSummaryRepository } from './cfdi.summary.repository.js';
import { CFDI_COLUMNS, METADATA_COLUMNS } from './export/columns.js';

export const MAX_PAGE_SIZE = 500;
/** Rows per keyset query while exporting: big enough to amortize a round trip, small in memory. */
const EXPORT_BATCH = 2_000;

export interface PageOptions {
  sort: SortSpec;
  limit: number;
  cursor?: string | undefined;
}

export type ExportFormat = 'csv' | 'xlsx';

/** The side of a CFDI that is one of the organization's taxpayers; a self-invoice counts as issued. */
export function taxpayerSide(
  own: Set<string>,
  emisorRfc: string | null,
  receptorRfc: string | null,
): { rfc: string; direction: 'issued' | 'received' } | null {
  if (emisorRfc && own.has(emisorRfc)) return { rfc: emisorRfc, direction: 'issued' };
  if (receptorRfc && own.has(receptorRfc)) return { rfc: receptorRfc, direction: 'received' };
  return null;
}

const zeroCounts = (): ReconciliationCounts => ({ metadata: 0, cancelled: 0, stored: 0, missing: 0 });

/**
 * `[from, to)` as whole months: a year, or the months holding `from` and `to` (one alone means the
 * rest of its year). `from` after `to` is a validation error; more than RECONCILIATION_MAX_MONTHS
 * is refused, since every month is a row of the answer.
 */
export function reconciliationRange(
  period: { year?: number | undefined; from?: string | undefined; to?: string | undefined },
  currentYear: number,
): { from: string; to: string } {
  if (!period.from && !period.to) {
    const year = period.year ?? currentYear;
    return { from: `${year}-01-01`, to: `${year + 1}-01-01` };
  }
  const first = period.from ?? `${period.to!.slice(0, 4)}-01-01`;
  const last = period.to ?? `${first.slice(0, 4)}-12-31`;
  if (first > last)
    throw appError('VALIDATION_FAILED', '`from` is after `to`.', {
      errors: [
        { path: 'querystring.from', code: 'after_field', params: { field: 'to' }, message: 'after to' },
      ],
    });
  const start = new Date(Date.UTC(Number(first.slice(0, 4)), Number(first.slice(5, 7)) - 1, 1));
  const end = new Date(Date.UTC(Number(last.slice(0, 4)), Number(last.slice(5, 7)), 1));
  const months =
    (end.getUTCFullYear() - start.getUTCFullYear()) * 12 + end.getUTCMonth() - start.getUTCMonth();
  if (months > RECONCILIATION_MAX_MONTHS)
    throw cfdiSearchErrors(
      'RECONCILIATION_PERIOD_TOO_LONG',
      `${months} months asked; at most ${RECONCILIATION_MAX_MONTHS}.`,
    );
  const day = (d: Date) => d.toISOString().slice(0, 10);
  return { from: day(start), to: day(end) };
}

const mexicoCityYear = (at: Date) =>
  Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'America/Mexico_City', year: 'numeric' }).format(at));

export function createCfdiSearchService(deps: {
  repo: CfdiSearchRepository;
  summaries: CfdiSummaryRepository;
  storage: ObjectStore;
  audit: AuditRecorder;
  /** The organization's own RFCs (its taxpayers), to tell which side of a CFDI is theirs. */
  ownRfcs?: (tenantId: string) => Promise<Set<string>>;
}) {
  const { repo, summaries, storage, audit } = deps;

  // Bulk copies of fiscal data leave the vault: who took what is worth keeping.
  const recordExport = (
    tenantId: string,
    actor: Actor,
    what: 'cfdi' | 'metadata',
    format: ExportFormat,
    filters: object,
    sort: SortSpec,
  ) =>
    audit.record({
      tenantId,
      actor,
      action: `${what}.exported`,
      target: { type: `${what}_export`, id: format },
      metadata: { format, filters, sort: `${sort.field}.${sort.order}` },
    });

  const request = (opts: PageOptions): PageRequest => ({
    sort: opts.sort,
    limit: Math.min(Math.max(opts.limit, 1), MAX_PAGE_SIZE),
    ...(opts.cursor ? { after: decodeCursor(opts.cursor, opts.sort) } : {}),
  });
  const toPage = <T>(sort: SortSpec, page: RawPage<T>) => ({
    items: page.items,
    nextCursor: page.next ? encodeCursor(sort, page.next) : null,
  });

  /** Every row of a search, batch by batch with keyset queries (no long-lived transaction). */
  async function* allRows<T>(fetch: (req: PageRequest) => Promise<RawPage<T>>, sort: SortSpec) {
    let req: PageRequest = { sort, limit: EXPORT_BATCH };
    for (;;) {
      const page = await fetch(req);
      if (page.items.length > 0) yield page.items;
      if (!page.next) return;
      req = { sort, limit: EXPORT_BATCH, after: page.next };
    }
  }

  function encode<T>(
    format: ExportFormat,
    sheet: string,
    columns: Parameters<typeof csvChunks<T>>[0],
    rows: AsyncIterable<T[]>,
  ): AsyncIterable<string | Buffer> {
    return format === 'csv' ? csvChunks(columns, rows) : xlsxStream(sheet, columns, rows);
  }

  return {
    async searchCfdi(tenantId: string, filters: CfdiFilters, opts: PageOptions) {
      return toPage(opts.sort, await repo.searchCfdi(tenantId, filters, request(opts)));
    },

    /** The search's count and sums (MXN), for the explorer's header. */
    searchTotals: (tenantId: string, filters: CfdiFilters) => summaries.searchTotals(tenantId, filters),

    async searchMetadata(tenantId: string, filters: MetadataFilters, opts: PageOptions) {
      return toPage(opts.sort, await repo.searchMetadata(tenantId, filters, request(opts)));
    },

    /** A metadata search's counts (cancelled and missing XML apart) and `monto` by efecto. */
    metadataTotals: (tenantId: string, filters: MetadataFilters) =>
      summaries.metadataTotals(tenantId, filters),

    /**
     * Metadata rows of a search without their CFDI (not cancelled): the first `limit` UUIDs, oldest
     * first, and how many in all. The sat-download module files folio requests for them.
     */
    missingXml: (tenantId: string, filters: MetadataFilters, limit: number) =>
      repo.missingXml(tenantId, filters, limit),

    /**
     * A taxpayer's metadata against the vault per month and direction, for a year (default: the
     * current Mexico City year) or the whole months from `from` to `to`.
     */
    async reconciliation(
      tenantId: string,
      rfcInput: string,
      period: { year?: number | undefined; from?: string | undefined; to?: string | undefined },
    ) {
      const rfc = rfcInput.trim().toUpperCase();
      const range = reconciliationRange(period, mexicoCityYear(new Date()));
      const months = await summaries.reconciliation(tenantId, rfc, range);
      const totals = { issued: zeroCounts(), received: zeroCounts() };
      for (const m of months)
        for (const side of ['issued', 'received'] as const)
          for (const k of Object.keys(totals[side]) as (keyof ReconciliationCounts)[])
            totals[side][k] += m[side][k];
      const last = new Date(Date.parse(`${range.to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      return { rfc, from: range.from, to: last, months, totals };
    },

    async getCfdi(tenantId: string, uuid: string) {
      const found = await repo.getCfdi(tenantId, uuid.toLowerCase());
      if (!found) throw cfdiSearchErrors('CFDI_NOT_FOUND');
      const own = deps.ownRfcs ? await deps.ownRfcs(tenantId) : new Set<string>();
      return { ...found, taxpayer: taxpayerSide(own, found.emisorRfc, found.receptorRfc) };
    },

    /** The original XML bytes exactly as the SAT (or the uploader) delivered them. */
    async originalXml(tenantId: string, uuid: string) {
      const source = await repo.getCfdiSource(tenantId, uuid.toLowerCase());
      if (!source) throw cfdiSearchErrors('CFDI_NOT_FOUND');
      return readOriginalXml(storage, source);
    },

    /**
     * A taxpayer's year: the groups per month, the chart's netted base and IVA, and the years with
     * data. Without a year, the newest year with data (the current Mexico City year when none).
     */
    async yearSummary(tenantId: string, rfcInput: string, requested?: number) {
      const rfc = rfcInput.trim().toUpperCase();
      const yearsWithData = await summaries.yearsWithData(tenantId, rfc);
      const year = requested ?? yearsWithData[0] ?? mexicoCityYear(new Date());
      const [months, net] = await Promise.all([
        summaries.yearSummary(tenantId, rfc, year),
        summaries.yearNet(tenantId, rfc, year),
      ]);
      return { rfc, year, yearsWithData, months, net: net.months, netTotals: net.totals };
    },

    /** Per RFC: this period's CFDI counts and metadata rows without their XML (the start page). */
    vaultCounts: (tenantId: string, rfcs: string[], range: { from: string; to: string }) =>
      summaries.vaultCounts(tenantId, rfcs, range),

    async exportCfdi(
      tenantId: string,
      actor: Actor,
      filters: CfdiFilters,
      sort: SortSpec,
      format: ExportFormat,
    ) {
      await recordExport(tenantId, actor, 'cfdi', format, filters, sort);
      const rows = allRows((req) => repo.searchCfdi(tenantId, filters, req), sort);
      return encode(format, 'CFDI', CFDI_COLUMNS, rows);
    },

    async exportMetadata(
      tenantId: string,
      actor: Actor,
      filters: MetadataFilters,
      sort: SortSpec,
      format: ExportFormat,
    ) {
      await recordExport(tenantId, actor, 'metadata', format, filters, sort);
      const rows = allRows((req) => repo.searchMetadata(tenantId, filters, req), sort);
      return encode(format, 'Metadata', METADATA_COLUMNS, rows);
    },
  };
}

export type CfdiSearchService = ReturnType<typeof createCfdiSearchService>;
