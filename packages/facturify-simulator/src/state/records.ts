import { randomUUID } from 'node:crypto';
import type { Tipo } from '../cfdi/catalogs.js';
import type { Decimal } from '../decimal.js';

/** An issuer account (`/api/v1/empresa`, doc §1.7). `series` and `webhook_url` are the simulator's. */
export interface Empresa {
  id: number;
  uuid: string;
  rfc: string;
  razon_social: string;
  regimen: string;
  email: string;
  cp: string;
  calle: string | null;
  num_ext: string | null;
  num_int: string | null;
  colonia: string | null;
  delegacion_municipio: string | null;
  ciudad: string | null;
  estado: string | null;
  curp: string | null;
  factura_por_cuenta_de_terceros: boolean;
  /** Series that exist for this issuer; another `factura.serie` → 422 code 34 (doc §1.3). */
  series: string[];
  /** Where this account's webhooks go (unless the request names one). */
  webhook_url: string | null;
  certificate: { serial_number: string; valid_from: string; valid_to: string };
  created_at: string;
  updated_at: string;
}

export type EmpresaSeed = Pick<Empresa, 'rfc' | 'razon_social' | 'regimen' | 'cp'> & Partial<Empresa>;

/** A customer (`/api/v1/cliente`, doc §1.7). `regimen_fiscal` and `codigo_postal` are guessed names (§1.9 q5). */
export interface Cliente {
  id: number;
  uuid: string;
  razon_social: string;
  rfc: string;
  email: string;
  uso_cfdi: string;
  metodo_de_pago: string | null;
  forma_de_pago: string;
  tarjeta_ultimos_4digitos: string | null;
  regimen_fiscal: string | null;
  codigo_postal: string | null;
  organizacion_uuid: string;
  empresa_uuid: string;
  activo: boolean;
  created_at: string;
  updated_at: string;
}

export interface Tax {
  base: Decimal;
  impuesto: string;
  tipoFactor: 'Tasa' | 'Cuota' | 'Exento';
  tasaOCuota?: Decimal;
  importe?: Decimal;
}

export interface Concepto {
  clave_producto_servicio: string;
  clave_unidad_de_medida: string;
  unidad?: string;
  no_identificacion?: string;
  cantidad: Decimal;
  descripcion: string;
  valor_unitario: Decimal;
  importe: Decimal;
  descuento?: Decimal;
  objeto_imp: string;
  traslados: Tax[];
  retenciones: Tax[];
}

export interface Receptor {
  uuid: string | null;
  rfc: string;
  razon_social: string;
  domicilio_fiscal: string;
  regimen_fiscal: string;
  uso_cfdi: string;
  email: string | null;
}

/** A validated invoice request, ready to stamp. */
export interface Draft {
  emisor: Empresa;
  receptor: Receptor;
  fecha: string;
  tipo: Tipo;
  serie: string;
  moneda: string;
  tipo_de_cambio?: Decimal;
  forma_de_pago?: string;
  metodo_de_pago?: string;
  exportacion: string;
  subtotal: Decimal;
  descuento?: Decimal;
  traslados: Decimal;
  retenciones: Decimal;
  impuesto_federal: Decimal;
  total: Decimal;
  conceptos: Concepto[];
  relacionados: { tipo_relacion: string; uuids: string[] } | null;
  /** Explicit `webhook_url`/`callback_url` of the request. */
  callback_url: string | null;
  simulacion_error: number;
}

export type CancellationStatus = 'none' | 'pending' | 'accepted' | 'rejected' | 'expired';

export interface Factura {
  job_id: string;
  /** null until stamped (asynchronous stamping). */
  cfdi_uuid: string | null;
  /** queued: code 70, not stamped yet; error: async stamping failed; valid/canceled: stamped. */
  status: 'queued' | 'error' | 'valid' | 'canceled';
  cancellation_status: CancellationStatus;
  cancellation: {
    motivo: string;
    folio_sustitucion: string | null;
    requested_at: string;
    resolved_at: string | null;
  } | null;
  draft: Draft;
  folio: number | null;
  created_at: string;
  stamped_at: Date | null;
  xml: string | null;
  pdf: Buffer | null;
  error: { code: string; message: string } | null;
}

export function newUuid(): string {
  return randomUUID();
}
