import type pg from 'pg';

export const BENCH_TENANT = '00000000-0000-4000-8000-00000000000b';
export const RFC_COUNT = 50;
export const FIRST_DAY = '2020-01-01';
export const YEARS = 6;

/** The k-th bench RFC (0 ≤ k < 50): valid persona moral shape, e.g. EAB800101AB1. */
export const benchRfc = (k: number) =>
  `E${String.fromCharCode(65 + Math.floor(k / 26))}${String.fromCharCode(65 + (k % 26))}800101AB1`;

const RFC_SQL = (k: string) => `'E' || chr(65 + (${k}) / 26) || chr(65 + (${k}) % 26) || '800101AB1'`;

/**
 * One batch of synthetic CFDI with realistic skew: a few RFCs issue most documents (k = 50·u²),
 * each trades with a few dozen others, 10% go to the generic public RFC, 80% are ingresos,
 * totals are log-uniform from 1 to ~22,000 MXN, 3% are cancelled. Everything is computed inside
 * PostgreSQL (generate_series), so a million rows take a minute, not an hour of round trips.
 */
export async function seedBatch(pool: pg.Pool, from: number, count: number): Promise<void> {
  await pool.query(
    `INSERT INTO cfdi_documents (tenant_id, uuid, kind, version, tipo, serie, folio, issued_at, certified_at,
       rfc_pac, emisor_rfc, emisor_nombre, emisor_regimen, receptor_rfc, receptor_nombre, receptor_uso_cfdi,
       moneda, subtotal, total, traslados_iva, metodo_pago, forma_pago, complementos, status, document)
     SELECT $1::uuid, gen_random_uuid(), 'cfdi', '4.0', g.tipo, 'A', g.i::text, g.issued, g.issued + interval '3 minutes',
       'SAT970701NN3', ${RFC_SQL('g.e')}, 'Empresa ' || g.e || ' SA de CV', '601',
       CASE WHEN g.r < 0 THEN 'XAXX010101000' ELSE ${RFC_SQL('g.r')} END,
       CASE WHEN g.r < 0 THEN 'PUBLICO EN GENERAL' ELSE 'Empresa ' || g.r || ' SA de CV' END, 'G03',
       'MXN', round(g.total / 1.16, 2), g.total, g.total - round(g.total / 1.16, 2), 'PUE', '03',
       CASE WHEN g.tipo = 'P' THEN ARRAY['timbrefiscaldigital11', 'pagos20'] ELSE ARRAY['timbrefiscaldigital11'] END,
       CASE WHEN g.s < 0.03 THEN 'cancelado' WHEN g.s < 0.05 THEN 'unknown' ELSE 'vigente' END,
       jsonb_build_object('cfdi:Comprobante', jsonb_build_object('@Version', '4.0', '@Total', g.total::text,
         '@Folio', g.i::text, '@TipoDeComprobante', g.tipo))
     FROM (
       SELECT i, e,
         CASE WHEN random() < 0.1 THEN -1 ELSE (e + 1 + floor(49 * random() ^ 1.5)::int) % ${RFC_COUNT} END AS r,
         date_trunc('second', $4::timestamp + random() * interval '${YEARS} years') AS issued,
         (ARRAY['I','I','I','I','I','I','I','I','I','I','I','I','I','I','I','I','E','E','P','N'])[1 + floor(random() * 20)::int] AS tipo,
         round(exp(random() * 10)::numeric, 2) AS total,
         random() AS s
       FROM (SELECT i, floor(${RFC_COUNT} * random() ^ 2)::int AS e FROM generate_series($2::int, $3::int) AS i) AS base
     ) AS g`,
    [BENCH_TENANT, from, from + count - 1, FIRST_DAY],
  );
}
