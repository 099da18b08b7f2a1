import type {
  CfdiTotals,
  MetadataReconciliation,
  MetadataTotals,
  MonthSummary,
  NetSummary,
  ReconciliationCounts,
  SummaryGroup,
} from '@boveda/contracts';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { money } from './cfdi.search.repository.js';
import {
  and,
  type CfdiFilters,
  cfdiConditions,
  type MetadataFilters,
  metadataConditions,
  missingXmlCondition,
  missingXmlOf,
  storedCfdiCondition,
} from './cfdi.search.sql.js';

export type { MonthSummary, NetSummary, SummaryGroup };

const rfcColumn = (direction: 'issued' | 'received') =>
  sql.raw(direction === 'issued' ? 'emisor_rfc' : 'receptor_rfc');

/** Per RFC, what the start page counts in the vault. */
export interface VaultCounts {
  issued: number;
  received: number;
  missingXml: number;
}

const zeroNet = (): NetSummary => ({
  income: { base: '0.00', iva: '0.00' },
  expenses: { base: '0.00', iva: '0.00' },
  creditNotes: { issued: { base: '0.00', iva: '0.00' }, received: { base: '0.00', iva: '0.00' } },
});

const SUMS = sql.raw(
  [
    'subtotal',
    'descuento',
    'total',
    'traslados_isr',
    'traslados_iva',
    'traslados_ieps',
    'retenciones_isr',
    'retenciones_iva',
    'retenciones_ieps',
  ]
    .map((c) => `COALESCE(sum(${c}) FILTER (WHERE status <> 'cancelado'), 0)::text AS ${c}`)
    .join(', '),
);

type Row = Record<string, string | number | null>;
const amount = (r: Row, k: string) => money(String(r[k] ?? '0')) ?? '0.00';

export function createCfdiSummaryRepository(db: Db) {
  return {
    /**
     * A search's count and sums in MXN by tipo, in one aggregate over the same conditions as the
     * list (its indexes serve both), so the explorer shows them without loading the rows.
     */
    async searchTotals(tenantId: string, filters: CfdiFilters): Promise<CfdiTotals> {
      const mxn = (c: string) =>
        `COALESCE(sum(${c} * COALESCE(tipo_cambio, 1)) FILTER (WHERE status <> 'cancelado'), 0)::text AS ${c}`;
      const { rows } = await db.execute<Row>(sql`
        SELECT tipo, (count(*) FILTER (WHERE status <> 'cancelado'))::int AS count,
          (count(*) FILTER (WHERE status = 'cancelado'))::int AS cancelled,
          ${sql.raw(['subtotal', 'descuento', 'traslados_iva', 'retenciones_iva', 'total'].map(mxn).join(', '))}
        FROM cfdi_documents
        WHERE ${and(cfdiConditions(tenantId, filters))}
        GROUP BY tipo ORDER BY tipo NULLS LAST`);
      const byTipo = rows.map((r) => ({
        tipo: (r.tipo as string | null) ?? null,
        count: Number(r.count),
        subtotal: amount(r, 'subtotal'),
        descuento: amount(r, 'descuento'),
        ivaTrasladado: amount(r, 'traslados_iva'),
        ivaRetenido: amount(r, 'retenciones_iva'),
        total: amount(r, 'total'),
      }));
      // Income minus credit notes, exact: PostgreSQL numeric over the same rows.
      const { rows: net } = await db.execute<Row>(sql`
        SELECT ${sql.raw(
          [
            ['subtotal', 'subtotal'],
            ['iva', 'COALESCE(traslados_iva, 0) - COALESCE(retenciones_iva, 0)'],
            ['total', 'total'],
          ]
            .map(
              ([name, expr]) =>
                `COALESCE(sum(CASE tipo WHEN 'I' THEN 1 WHEN 'E' THEN -1 ELSE 0 END * (${expr}) * COALESCE(tipo_cambio, 1)) FILTER (WHERE status <> 'cancelado'), 0)::text AS ${name}`,
            )
            .join(', '),
        )}
        FROM cfdi_documents WHERE ${and(cfdiConditions(tenantId, filters))}`);
      return {
        count: byTipo.reduce((n, g) => n + g.count, 0),
        cancelled: rows.reduce((n, r) => n + Number(r.cancelled), 0),
        byTipo: byTipo.filter((g) => g.count > 0),
        net: {
          subtotal: amount(net[0]!, 'subtotal'),
          iva: amount(net[0]!, 'iva'),
          total: amount(net[0]!, 'total'),
        },
      };
    },

    /**
     * A metadata search counted: rows not cancelled by efecto with their `monto` summed, cancelled
     * apart, and how many of the not cancelled lack their CFDI; one aggregate over the list's
     * conditions (its RFC indexes), the vault probed by primary key per row.
     */
    async metadataTotals(tenantId: string, filters: MetadataFilters): Promise<MetadataTotals> {
      const { rows } = await db.execute<Row>(sql`
        SELECT efecto, (count(*) FILTER (WHERE status <> 'cancelado'))::int AS count,
          (count(*) FILTER (WHERE status = 'cancelado'))::int AS cancelled,
          (count(*) FILTER (WHERE ${missingXmlCondition}))::int AS missing,
          COALESCE(sum(monto) FILTER (WHERE status <> 'cancelado'), 0)::text AS monto
        FROM cfdi_metadata m
        WHERE ${and(metadataConditions(tenantId, filters))}
        GROUP BY efecto ORDER BY efecto NULLS LAST`);
      const sum = (k: string) => rows.reduce((n, r) => n + Number(r[k]), 0);
      return {
        count: sum('count'),
        cancelled: sum('cancelled'),
        missingXml: sum('missing'),
        byEfecto: rows
          .filter((r) => Number(r.count) > 0)
          .map((r) => ({
            efecto: (r.efecto as string | null) ?? null,
            count: Number(r.count),
            monto: amount(r, 'monto'),
          })),
      };
    },

    /**
     * A taxpayer's metadata against its vault, per month and direction: rows, cancelled, with their
     * CFDI stored, and missing (not cancelled, not stored). Two index ranges (emisor and receptor
     * RFC indexes over `issued_at`), one GROUP BY; `[from, to)` are whole months.
     */
    async reconciliation(
      tenantId: string,
      rfc: string,
      range: { from: string; to: string },
    ): Promise<MetadataReconciliation['months']> {
      const side = (direction: 'issued' | 'received') => sql`
        SELECT ${direction}::text AS direction, m.issued_at, m.status, ${storedCfdiCondition} AS stored
        FROM cfdi_metadata m
        WHERE m.tenant_id = ${tenantId}::uuid AND ${rfcColumn(direction)} = ${rfc}
          AND m.issued_at >= ${range.from}::date AND m.issued_at < ${range.to}::date`;
      const { rows } = await db.execute<Row>(sql`
        SELECT direction, to_char(date_trunc('month', m.issued_at), 'YYYY-MM') AS month,
          count(*)::int AS metadata,
          (count(*) FILTER (WHERE m.status = 'cancelado'))::int AS cancelled,
          (count(*) FILTER (WHERE m.stored))::int AS stored,
          (count(*) FILTER (WHERE ${missingXmlOf(sql.raw('m.stored'))}))::int AS missing
        FROM (${side('issued')} UNION ALL ${side('received')}) AS m
        GROUP BY 1, 2`);
      const zero = (): ReconciliationCounts => ({ metadata: 0, cancelled: 0, stored: 0, missing: 0 });
      const months: MetadataReconciliation['months'] = [];
      for (let at = new Date(`${range.from}T00:00:00Z`); at < new Date(`${range.to}T00:00:00Z`); ) {
        months.push({ month: at.toISOString().slice(0, 7), issued: zero(), received: zero() });
        at = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth() + 1, 1));
      }
      for (const r of rows) {
        const month = months.find((m) => m.month === r.month);
        if (!month) continue;
        month[r.direction as 'issued' | 'received'] = {
          metadata: Number(r.metadata),
          cancelled: Number(r.cancelled),
          stored: Number(r.stored),
          missing: Number(r.missing),
        };
      }
      return months;
    },

    /**
     * Per month of `year`, per direction, tipo and currency. Issued and received are two index
     * range scans (a self-invoice counts on both sides, as it does in the taxpayer's books).
     */
    async yearSummary(tenantId: string, rfc: string, year: number): Promise<MonthSummary[]> {
      const part = (direction: 'issued' | 'received') => sql`
        SELECT ${direction}::text AS direction, extract(month FROM issued_at)::int AS month, tipo, moneda,
          (count(*) FILTER (WHERE status <> 'cancelado'))::int AS count,
          (count(*) FILTER (WHERE status = 'cancelado'))::int AS cancelled,
          ${SUMS},
          COALESCE(sum(total * COALESCE(tipo_cambio, 1)) FILTER (WHERE status <> 'cancelado'), 0)::text
            AS total_mxn
        FROM cfdi_documents
        WHERE tenant_id = ${tenantId}::uuid
          AND ${sql.raw(direction === 'issued' ? 'emisor_rfc' : 'receptor_rfc')} = ${rfc}
          AND issued_at >= make_date(${year}::int, 1, 1) AND issued_at < make_date(${year}::int + 1, 1, 1)
        GROUP BY 2, 3, 4`;
      const { rows } = await db.execute<Row>(
        sql`${part('issued')} UNION ALL ${part('received')} ORDER BY 2, 1, 3 NULLS LAST, 4 NULLS LAST`,
      );
      const months: MonthSummary[] = Array.from({ length: 12 }, (_, i) => ({
        month: i + 1,
        issued: [],
        received: [],
      }));
      for (const r of rows) {
        const month = months[Number(r.month) - 1]!;
        month[r.direction as 'issued' | 'received'].push({
          tipo: (r.tipo as string | null) ?? null,
          moneda: (r.moneda as string | null) ?? null,
          count: Number(r.count),
          cancelled: Number(r.cancelled),
          subtotal: amount(r, 'subtotal'),
          descuento: amount(r, 'descuento'),
          traslados: {
            isr: amount(r, 'traslados_isr'),
            iva: amount(r, 'traslados_iva'),
            ieps: amount(r, 'traslados_ieps'),
          },
          retenciones: {
            isr: amount(r, 'retenciones_isr'),
            iva: amount(r, 'retenciones_iva'),
            ieps: amount(r, 'retenciones_ieps'),
          },
          total: amount(r, 'total'),
          totalMxn: amount(r, 'total_mxn'),
        });
      }
      return months;
    },

    /**
     * Income and expenses of a year as a chart draws them: per month and for the year (one
     * GROUPING SETS aggregate per direction, the same index ranges as `yearSummary`), base
     * (subtotal − descuento) and IVA trasladado apart, in MXN, credit notes (tipo E) subtracted from
     * their own direction. Cancelled CFDI are left out, as in every sum of the summary.
     */
    async yearNet(
      tenantId: string,
      rfc: string,
      year: number,
    ): Promise<{ months: (NetSummary & { month: number })[]; totals: NetSummary }> {
      const base = 'COALESCE(subtotal, 0) - COALESCE(descuento, 0)';
      const iva = 'COALESCE(traslados_iva, 0)';
      const signed = (expr: string) =>
        `COALESCE(sum(CASE tipo WHEN 'I' THEN 1 ELSE -1 END * (${expr}) * COALESCE(tipo_cambio, 1)), 0)::text`;
      const notes = (expr: string) =>
        `COALESCE(sum((${expr}) * COALESCE(tipo_cambio, 1)) FILTER (WHERE tipo = 'E'), 0)::text`;
      const part = (direction: 'issued' | 'received') => sql`
        SELECT ${direction}::text AS direction, extract(month FROM issued_at)::int AS month,
          ${sql.raw(`${signed(base)} AS base, ${signed(iva)} AS iva, ${notes(base)} AS cn_base, ${notes(iva)} AS cn_iva`)}
        FROM cfdi_documents
        WHERE tenant_id = ${tenantId}::uuid AND ${rfcColumn(direction)} = ${rfc}
          AND issued_at >= make_date(${year}::int, 1, 1) AND issued_at < make_date(${year}::int + 1, 1, 1)
          AND tipo IN ('I', 'E') AND status <> 'cancelado'
        GROUP BY GROUPING SETS ((extract(month FROM issued_at)), ())`;
      const { rows } = await db.execute<Row>(sql`${part('issued')} UNION ALL ${part('received')}`);
      const months = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, ...zeroNet() }));
      const totals = zeroNet();
      for (const r of rows) {
        const target = r.month === null ? totals : months[Number(r.month) - 1]!;
        const side = r.direction === 'issued' ? 'income' : 'expenses';
        target[side] = { base: amount(r, 'base'), iva: amount(r, 'iva') };
        target.creditNotes[r.direction as 'issued' | 'received'] = {
          base: amount(r, 'cn_base'),
          iva: amount(r, 'cn_iva'),
        };
      }
      return { months, totals };
    },

    /**
     * The years in which the RFC issued or received a stored CFDI, newest first. A skip scan (a
     * recursive CTE that asks each RFC index for the newest date before the year it found last), so
     * it costs one index probe per year, not a pass over every document.
     */
    async yearsWithData(tenantId: string, rfc: string): Promise<number[]> {
      const part = (direction: 'issued' | 'received') => {
        const newest = (before: SQL) => sql`(SELECT extract(year FROM issued_at)::int FROM cfdi_documents
          WHERE tenant_id = ${tenantId}::uuid AND ${rfcColumn(direction)} = ${rfc} AND issued_at < ${before}
          ORDER BY issued_at DESC LIMIT 1)`;
        return sql`(WITH RECURSIVE y(year) AS (
            SELECT ${newest(sql`'infinity'::timestamp`)}
            UNION ALL
            SELECT ${newest(sql`make_date(y.year, 1, 1)`)} FROM y WHERE y.year IS NOT NULL
          ) SELECT year FROM y WHERE year IS NOT NULL)`;
      };
      const { rows } = await db.execute<{ year: number }>(
        sql`SELECT DISTINCT year FROM (${part('issued')} UNION ALL ${part('received')}) AS years ORDER BY year DESC`,
      );
      return rows.map((r) => Number(r.year));
    },

    /**
     * For the start page, per RFC: CFDI issued and received with `issued_at` in [from, to) (two
     * index range counts), and SAT metadata rows of the RFC (either side, not cancelled) whose UUID
     * has no CFDI in the vault: an anti-join on the CFDI primary key from the metadata RFC indexes.
     */
    async vaultCounts(
      tenantId: string,
      rfcs: string[],
      range: { from: string; to: string },
    ): Promise<Map<string, VaultCounts>> {
      const out = new Map<string, VaultCounts>();
      if (rfcs.length === 0) return out;
      const inRange = (column: string) => sql`tenant_id = ${tenantId}::uuid AND ${sql.raw(column)} = t.rfc
        AND issued_at >= ${range.from}::timestamp AND issued_at < ${range.to}::timestamp`;
      // Metadata lists a self-invoice once; the OR is two index scans (BitmapOr) on the RFC indexes.
      const { rows } = await db.execute<{
        rfc: string;
        issued: number;
        received: number;
        missing: number;
      }>(sql`
        SELECT t.rfc,
          (SELECT count(*) FROM cfdi_documents WHERE ${inRange('emisor_rfc')})::int AS issued,
          (SELECT count(*) FROM cfdi_documents WHERE ${inRange('receptor_rfc')})::int AS received,
          (SELECT count(*) FROM cfdi_metadata m
            WHERE m.tenant_id = ${tenantId}::uuid AND (m.emisor_rfc = t.rfc OR m.receptor_rfc = t.rfc)
              AND ${missingXmlCondition}
          )::int AS missing
        FROM jsonb_array_elements_text(${JSON.stringify(rfcs)}::jsonb) AS t(rfc)`);
      for (const r of rows)
        out.set(r.rfc, {
          issued: Number(r.issued),
          received: Number(r.received),
          missingXml: Number(r.missing),
        });
      return out;
    },
  };
}

export type CfdiSummaryRepository = ReturnType<typeof createCfdiSummaryRepository>;
