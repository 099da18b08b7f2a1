import type { GeneratedCfdi } from './types.js';

/** The exact header of the SAT's metadata file. */
export const METADATA_HEADER =
  'Uuid~RfcEmisor~NombreEmisor~RfcReceptor~NombreReceptor~RfcPac~FechaEmision~FechaCertificacionSat~Monto~EfectoComprobante~Estatus~FechaCancelacion';
export const THIRD_PARTY_HEADER = 'Uuid~RfcACuentaTerceros~NombreACuentaTerceros';
export const CRLF = '\r\n';

const spaced = (naive: string) => naive.replace('T', ' ');

/**
 * One row, as the SAT writes it: no quoting, names verbatim (so a name may contain a bare LF, the
 * quirk clients must repair), `YYYY-MM-DD HH:mm:ss`, Estatus 1/0, empty FechaCancelacion for vigentes.
 */
export function metadataRow(cfdi: GeneratedCfdi): string {
  return [
    cfdi.uuid,
    cfdi.issuerRfc,
    cfdi.issuerName,
    cfdi.receiverRfc,
    cfdi.receiverName,
    cfdi.pacRfc,
    spaced(cfdi.issuedAt),
    spaced(cfdi.certifiedAt),
    cfdi.total,
    cfdi.documentType,
    cfdi.status === 'vigente' ? '1' : '0',
    cfdi.cancelledAt ? spaced(cfdi.cancelledAt) : '',
  ].join('~');
}

export function thirdPartyRow(cfdi: GeneratedCfdi): string | undefined {
  return cfdi.thirdParty ? `${cfdi.uuid}~${cfdi.thirdParty.rfc}~${cfdi.thirdParty.name}` : undefined;
}

/** `<IdSolicitud>_01` → `<IdSolicitud>`: the SAT names the third-party file after the request. */
export function requestIdOf(packageId: string): string {
  return packageId.replace(/_\d+$/, '');
}
