import type { CfdiTotals, MonthSummary, SummaryGroup } from '@boveda/contracts';
import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { money } from './cfdi.search.repository.js';
import { and, type CfdiFilters, cfdiConditions } from './cfdi.search.sql.js';

export type { MonthSummary, SummaryGroup };

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
  };
}

export type CfdiSummaryRepository = ReturnType<typeof createCfdiSummaryRepository>;
