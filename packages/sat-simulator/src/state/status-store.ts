/** The exact strings of the SAT's ConsultaCFDIService answer (Servicio de Consulta de CFDI v1.4). */
export const ESTADOS = ['Vigente', 'Cancelado', 'No Encontrado'] as const;
export const ES_CANCELABLE = [
  'Cancelable sin aceptación',
  'Cancelable con aceptación',
  'No cancelable',
] as const;
export const ESTATUS_CANCELACION = [
  '',
  'En proceso',
  'Plazo vencido',
  'Cancelado con aceptación',
  'Cancelado sin aceptación',
  'Solicitud rechazada',
] as const;

export type Estado = (typeof ESTADOS)[number];

/**
 * What the status service says about one UUID, set through `POST /__admin/cfdi-status`. It wins over
 * the universe; for a UUID the universe never produced it makes the CFDI exist. The RFCs and total,
 * when given, must match the expression as they must for a universe CFDI; when absent any are accepted.
 */
export interface StatusOverride {
  uuid: string;
  estado: Estado;
  esCancelable: string;
  estatusCancelacion: string;
  validacionEfos: string;
  rfcEmisor?: string;
  rfcReceptor?: string;
  total?: string;
}

export class StatusStore {
  private readonly overrides = new Map<string, StatusOverride>();

  set(override: StatusOverride): StatusOverride {
    const value = { ...override, uuid: override.uuid.toUpperCase() };
    this.overrides.set(value.uuid, value);
    return { ...value };
  }

  get(uuid: string): StatusOverride | undefined {
    const value = this.overrides.get(uuid.toUpperCase());
    return value && { ...value };
  }

  list(): StatusOverride[] {
    return [...this.overrides.values()].map((o) => ({ ...o }));
  }

  delete(uuid: string): boolean {
    return this.overrides.delete(uuid.toUpperCase());
  }

  clear(): void {
    this.overrides.clear();
  }
}
