import type { CfdiDetail, CfdiItem, MetadataItem } from '@boveda/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import {
  and,
  CFDI_TABLE,
  type CfdiFilters,
  cfdiConditions,
  type Keyset,
  METADATA_TABLE,
  type MetadataFilters,
  metadataConditions,
  pageSql,
  type SortSpec,
  storedCfdiCondition,
  type TableShape,
} from './cfdi.search.sql.js';
import { nominaDetailOf, normalizeDecimal, type Payment } from './parsing/index.js';

// Lower-case, as the parser normalizes every UUID it extracts.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** NUMERIC(24,6) comes back as '1160.000000'; clients get the document's form '1160.00'. */
export const money = (v: string | null): string | null => (v === null ? null : normalizeDecimal(v));
const rate = (v: string | null): string | null => (v === null ? null : normalizeDecimal(v, 0));

// Local Mexican time as written in the document, ISO without zone.
const localIso = (column: string) => sql.raw(`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS')`);

// A payment's own amounts are in its Pago nodes (the CFDI says 0 XXX): summed per row from the
// parsed `payments`, only for rows that have them.
const PAID_COLUMNS = sql`CASE WHEN payments IS NOT NULL THEN
    (SELECT sum((p->>'monto')::numeric)::text FROM jsonb_array_elements(payments) p) END AS paid_total,
  CASE WHEN payments IS NOT NULL THEN
    (SELECT CASE WHEN count(DISTINCT p->>'moneda') = 1 THEN min(p->>'moneda') END
       FROM jsonb_array_elements(payments) p) END AS paid_moneda`;

const CFDI_LIST_COLUMNS = sql`uuid::text AS uuid, kind, version, tipo, serie, folio,
  ${localIso('issued_at')} AS issued_at, ${localIso('certified_at')} AS certified_at,
  emisor_rfc, emisor_nombre, receptor_rfc, receptor_nombre, moneda, tipo_cambio::text AS tipo_cambio,
  subtotal::text AS subtotal, descuento::text AS descuento, total::text AS total,
  traslados_isr::text AS traslados_isr, traslados_iva::text AS traslados_iva,
  traslados_ieps::text AS traslados_ieps, retenciones_isr::text AS retenciones_isr,
  retenciones_iva::text AS retenciones_iva, retenciones_ieps::text AS retenciones_ieps,
  metodo_pago, forma_pago, complementos, status, ${localIso('cancelled_at')} AS cancelled_at,
  ${PAID_COLUMNS}`;

type Row = Record<string, unknown>;
const str = (r: Row, k: string) => (r[k] ?? null) as string | null;

export function toCfdiItem(r: Row): CfdiItem {
  return {
    uuid: r.uuid as string,
    kind: r.kind as string,
    version: r.version as string,
    tipo: str(r, 'tipo'),
    serie: str(r, 'serie'),
    folio: str(r, 'folio'),
    issuedAt: str(r, 'issued_at'),
    certifiedAt: str(r, 'certified_at'),
    emisorRfc: str(r, 'emisor_rfc'),
    emisorNombre: str(r, 'emisor_nombre'),
    receptorRfc: str(r, 'receptor_rfc'),
    receptorNombre: str(r, 'receptor_nombre'),
    moneda: str(r, 'moneda'),
    tipoCambio: rate(str(r, 'tipo_cambio')),
    subtotal: money(str(r, 'subtotal')),
    descuento: money(str(r, 'descuento')),
    total: money(str(r, 'total')),
    traslados: {
      isr: money(str(r, 'traslados_isr')),
      iva: money(str(r, 'traslados_iva')),
      ieps: money(str(r, 'traslados_ieps')),
    },
    retenciones: {
      isr: money(str(r, 'retenciones_isr')),
      iva: money(str(r, 'retenciones_iva')),
      ieps: money(str(r, 'retenciones_ieps')),
    },
    metodoPago: str(r, 'metodo_pago'),
    formaPago: str(r, 'forma_pago'),
    complementos: (r.complementos as string[] | null) ?? [],
    status: r.status as string,
    cancelledAt: str(r, 'cancelled_at'),
    paid:
      r.paid_total === null || r.paid_total === undefined
        ? null
        : { total: money(str(r, 'paid_total')), moneda: str(r, 'paid_moneda') },
  };
}
export type { CfdiDetail, CfdiItem, MetadataItem };

const METADATA_COLUMNS = sql`uuid::text AS uuid, emisor_rfc, emisor_nombre, receptor_rfc, receptor_nombre,
  rfc_pac, ${localIso('issued_at')} AS issued_at, ${localIso('certified_at')} AS certified_at,
  monto::text AS monto, efecto, status, ${localIso('cancelled_at')} AS cancelled_at,
  tercero_rfc, tercero_nombre,
  ${storedCfdiCondition} AS has_cfdi`;

export function toMetadataItem(r: Row): MetadataItem {
  return {
    uuid: r.uuid as string,
    emisorRfc: str(r, 'emisor_rfc'),
    emisorNombre: str(r, 'emisor_nombre'),
    receptorRfc: str(r, 'receptor_rfc'),
    receptorNombre: str(r, 'receptor_nombre'),
    rfcPac: str(r, 'rfc_pac'),
    issuedAt: str(r, 'issued_at'),
    certifiedAt: str(r, 'certified_at'),
    monto: money(str(r, 'monto')),
    efecto: str(r, 'efecto'),
    status: r.status as string,
    cancelledAt: str(r, 'cancelled_at'),
    terceroRfc: str(r, 'tercero_rfc'),
    terceroNombre: str(r, 'tercero_nombre'),
    /** The CFDI of this row is stored too (same UUID): its detail and XML are available. */
    hasCfdi: r.has_cfdi === true,
  };
}

export interface PageRequest {
  sort: SortSpec;
  limit: number;
  after?: Keyset;
}

export interface RawPage<T> {
  items: T[];
  /** Where the next page starts; null on the last page. */
  next: Keyset | null;
}

export function createCfdiSearchRepository(db: Db) {
  async function page<T>(
    shape: TableShape,
    columns: SQL,
    where: SQL[],
    req: PageRequest,
    map: (r: Row) => T,
  ): Promise<RawPage<T>> {
    const { rows } = await db.execute<Row>(pageSql(shape, columns, where, req.sort, req.limit, req.after));
    const more = rows.length > req.limit;
    const kept = more ? rows.slice(0, req.limit) : rows;
    const last = kept.at(-1);
    return {
      items: kept.map(map),
      next:
        more && last
          ? { value: (last.sort_value as string | null) ?? null, uuid: last.uuid as string }
          : null,
    };
  }

  /** Which of these UUIDs (lower-case; anything that is not a UUID is ignored) are in the tenant's vault. */
  async function existing(tenantId: string, uuids: (string | null)[]): Promise<Set<string>> {
    const wanted = [...new Set(uuids.filter((u): u is string => u !== null && UUID.test(u)))];
    if (wanted.length === 0) return new Set();
    const { rows } = await db.execute<{ uuid: string }>(
      sql`SELECT uuid::text AS uuid FROM cfdi_documents
          WHERE tenant_id = ${tenantId}::uuid AND uuid = ANY(${`{${wanted.join(',')}}`}::uuid[])`,
    );
    return new Set(rows.map((row) => row.uuid));
  }

  return {
    searchCfdi: (tenantId: string, filters: CfdiFilters, req: PageRequest) =>
      page(CFDI_TABLE, CFDI_LIST_COLUMNS, cfdiConditions(tenantId, filters), req, toCfdiItem),

    searchMetadata: (tenantId: string, filters: MetadataFilters, req: PageRequest) =>
      page(METADATA_TABLE, METADATA_COLUMNS, metadataConditions(tenantId, filters), req, toMetadataItem),

    /**
     * One CFDI with what its drawer shows: payments (stored at ingestion), the nómina's lines (read
     * from the stored document JSON, no XML fetched), and which paid or related CFDI are in the vault
     * (one more query). `taxpayer` is left null: the service knows the organization's taxpayers.
     */
    async getCfdi(tenantId: string, uuid: string): Promise<CfdiDetail | null> {
      const { rows } = await db.execute<Row>(
        sql`SELECT ${CFDI_LIST_COLUMNS}, rfc_pac, emisor_regimen, receptor_regimen, receptor_uso_cfdi,
              receptor_domicilio, related, payments, document,
              source_object_key IS NOT NULL AS has_xml, ingested_at
            FROM cfdi_documents WHERE tenant_id = ${tenantId}::uuid AND uuid = ${uuid}::uuid`,
      );
      const r = rows[0];
      if (!r) return null;
      const related = (r.related ?? []) as { tipoRelacion: string | null; uuids: string[] }[];
      const payments = (r.payments ?? []) as Payment[];
      const linked = [
        ...related.flatMap((g) => g.uuids),
        ...payments.flatMap((p) => p.documents.map((d) => d.uuid)),
      ];
      const inVault = await existing(tenantId, linked);
      return {
        ...toCfdiItem(r),
        rfcPac: str(r, 'rfc_pac'),
        emisorRegimen: str(r, 'emisor_regimen'),
        receptorRegimen: str(r, 'receptor_regimen'),
        receptorUsoCfdi: str(r, 'receptor_uso_cfdi'),
        receptorDomicilio: str(r, 'receptor_domicilio'),
        related: related.map((g) => ({ ...g, inVault: g.uuids.filter((u) => inVault.has(u)) })),
        payments: payments.map((p) => ({
          ...p,
          documents: p.documents.map((d) => ({ ...d, inVault: d.uuid !== null && inVault.has(d.uuid) })),
        })),
        nomina: nominaDetailOf(r.document),
        taxpayer: null,
        hasXml: r.has_xml === true,
        ingestedAt: new Date(r.ingested_at as string | Date).toISOString(),
        document: r.document as unknown,
      };
    },

    existing,

    /**
     * The UUIDs of a metadata search's rows whose XML is missing (`missingXmlCondition`), oldest
     * first, at most `limit`, and how many there are in all: what a folio request can fetch.
     */
    async missingXml(tenantId: string, filters: MetadataFilters, limit: number) {
      const where = and(metadataConditions(tenantId, { ...filters, missingXml: true }));
      const [list, count] = await Promise.all([
        db.execute<{ uuid: string }>(
          sql`SELECT m.uuid::text AS uuid FROM cfdi_metadata m WHERE ${where}
              ORDER BY m.issued_at ASC NULLS LAST, m.uuid ASC LIMIT ${limit}`,
        ),
        db.execute<{ n: number }>(sql`SELECT count(*)::int AS n FROM cfdi_metadata m WHERE ${where}`),
      ]);
      return { uuids: list.rows.map((r) => r.uuid), total: count.rows[0]?.n ?? 0 };
    },

    /** How many CFDI a search matches (the ZIP's cap is checked before the first byte). */
    async countCfdi(tenantId: string, filters: CfdiFilters): Promise<number> {
      const { rows } = await db.execute<{ n: number }>(
        sql`SELECT count(*)::int AS n FROM cfdi_documents d WHERE ${and(cfdiConditions(tenantId, filters))}`,
      );
      return rows[0]?.n ?? 0;
    },

    /** Where the original XML of each of these CFDI is stored (one query per export batch). */
    async getCfdiSources(tenantId: string, uuids: string[]) {
      const found = new Map<string, { objectKey: string | null; entry: string | null }>();
      if (uuids.length === 0) return found;
      const { rows } = await db.execute<{
        uuid: string;
        source_object_key: string | null;
        source_entry: string | null;
      }>(
        sql`SELECT uuid::text AS uuid, source_object_key, source_entry FROM cfdi_documents
            WHERE tenant_id = ${tenantId}::uuid AND uuid = ANY(${`{${uuids.join(',')}}`}::uuid[])`,
      );
      for (const r of rows) found.set(r.uuid, { objectKey: r.source_object_key, entry: r.source_entry });
      return found;
    },

    async getCfdiSource(tenantId: string, uuid: string) {
      const { rows } = await db.execute<{
        kind: string;
        source_object_key: string | null;
        source_entry: string | null;
      }>(
        sql`SELECT kind, source_object_key, source_entry FROM cfdi_documents
            WHERE tenant_id = ${tenantId}::uuid AND uuid = ${uuid}::uuid`,
      );
      const r = rows[0];
      return r ? { kind: r.kind, objectKey: r.source_object_key, entry: r.source_entry } : null;
    },
  };
}

export type CfdiSearchRepository = ReturnType<typeof createCfdiSearchRepository>;
