import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import type { ParsedCfdi } from './parsing/index.js';

/** A cfdi_documents row for tests: only what the test cares about; the rest stays null. */
export interface SeedDocument {
  uuid?: string;
  tipo?: string | null;
  serie?: string | null;
  folio?: string | null;
  issuedAt?: string | null;
  emisorRfc?: string | null;
  emisorNombre?: string | null;
  receptorRfc?: string | null;
  receptorNombre?: string | null;
  moneda?: string | null;
  tipoCambio?: string | null;
  subtotal?: string | null;
  descuento?: string | null;
  total?: string | null;
  trasladosIva?: string | null;
  trasladosIeps?: string | null;
  retencionesIsr?: string | null;
  retencionesIva?: string | null;
  status?: string;
  complementos?: string[];
  document?: unknown;
  sourceObjectKey?: string | null;
  sourceEntry?: string | null;
}

/** Inserts rows the way ingestion stores them (columns of cfdi.schema.ts); returns their uuids. */
export async function seedDocuments(
  pool: pg.Pool,
  tenantId: string,
  docs: SeedDocument[],
): Promise<string[]> {
  const uuids: string[] = [];
  for (const d of docs) {
    const uuid = d.uuid ?? randomUUID();
    uuids.push(uuid);
    await pool.query(
      `INSERT INTO cfdi_documents (tenant_id, uuid, kind, version, tipo, issued_at, emisor_rfc, emisor_nombre,
         receptor_rfc, receptor_nombre, moneda, tipo_cambio, subtotal, descuento, total, traslados_iva,
         traslados_ieps, retenciones_isr, retenciones_iva, status, complementos, document, source_object_key,
         source_entry, serie, folio)
       VALUES ($1, $2, 'cfdi', '4.0', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
         $19, $20, $21, $22, $23, $24)`,
      [
        tenantId,
        uuid,
        d.tipo === undefined ? 'I' : d.tipo,
        d.issuedAt ?? null,
        d.emisorRfc ?? null,
        d.emisorNombre ?? null,
        d.receptorRfc ?? null,
        d.receptorNombre ?? null,
        d.moneda === undefined ? 'MXN' : d.moneda,
        d.tipoCambio ?? null,
        d.subtotal ?? null,
        d.descuento ?? null,
        d.total ?? null,
        d.trasladosIva ?? null,
        d.trasladosIeps ?? null,
        d.retencionesIsr ?? null,
        d.retencionesIva ?? null,
        d.status ?? 'vigente',
        d.complementos ?? [],
        JSON.stringify(d.document ?? {}),
        d.sourceObjectKey ?? null,
        d.sourceEntry ?? null,
        d.serie ?? null,
        d.folio ?? null,
      ],
    );
  }
  return uuids;
}

/** A parsed real CFDI as a row (what ingestion will write for it). */
export function seedFromParsed(
  cfdi: ParsedCfdi,
  source: { sourceObjectKey: string; sourceEntry: string | null },
): SeedDocument {
  return {
    uuid: cfdi.uuid!,
    tipo: cfdi.tipo,
    serie: cfdi.serie,
    folio: cfdi.folio,
    issuedAt: cfdi.fecha,
    emisorRfc: cfdi.emisor.rfc,
    emisorNombre: cfdi.emisor.nombre,
    receptorRfc: cfdi.receptor.rfc,
    receptorNombre: cfdi.receptor.nombre,
    moneda: cfdi.moneda,
    tipoCambio: cfdi.tipoCambio,
    subtotal: cfdi.subtotal,
    descuento: cfdi.descuento,
    total: cfdi.total,
    trasladosIva: cfdi.taxes.traslados.iva,
    trasladosIeps: cfdi.taxes.traslados.ieps,
    retencionesIsr: cfdi.taxes.retenciones.isr,
    retencionesIva: cfdi.taxes.retenciones.iva,
    complementos: cfdi.complementos,
    document: cfdi.document,
    ...source,
  };
}
