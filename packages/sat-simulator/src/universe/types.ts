/**
 * Contract between the simulated data universe (what CFDI exist) and the SOAP protocol layer
 * (who may ask for them and how they are packaged). The protocol layer only uses these types.
 *
 * Dates are the SAT's naive local timestamps `YYYY-MM-DDTHH:mm:ss` (no zone), compared as strings:
 * the SAT sends and expects them without a zone, and treating them as opaque local time keeps the
 * simulator free of time-zone arithmetic.
 */

export type Direction = 'issued' | 'received';
export type RequestKind = 'cfdi' | 'metadata';
export type DocumentType = 'I' | 'E' | 'T' | 'N' | 'P';
export type StatusFilter = 'Todos' | 'Vigente' | 'Cancelado';

export interface UniverseFilter {
  /** The taxpayer asking (RfcSolicitante): the issuer for `issued`, the receiver for `received`. */
  requesterRfc: string;
  direction: Direction;
  kind: RequestKind;
  /** Inclusive bounds, `YYYY-MM-DDTHH:mm:ss`. */
  from: string;
  to: string;
  /** Absent means `Vigente`, as the SAT defaults. */
  status?: StatusFilter;
  documentType?: DocumentType;
  /** issued: RfcReceptores (≤ 5); received: the single RfcEmisor filter. */
  counterpartRfcs?: string[];
  /** RfcACuentaTerceros filter. */
  thirdPartyRfc?: string;
  /** A value of the SAT complemento catalogue, e.g. `nomina12`, `pagos20`. */
  complemento?: string;
}

export interface GeneratedCfdi {
  /** Upper-case UUID, as the SAT writes it in metadata. */
  uuid: string;
  version: '4.0' | '3.3';
  documentType: DocumentType;
  issuerRfc: string;
  issuerName: string;
  receiverRfc: string;
  receiverName: string;
  pacRfc: string;
  /** `YYYY-MM-DDTHH:mm:ss` */
  issuedAt: string;
  certifiedAt: string;
  /** Decimal string, exactly the Comprobante@Total. */
  total: string;
  status: 'vigente' | 'cancelado';
  /** `YYYY-MM-DDTHH:mm:ss` when cancelled. */
  cancelledAt?: string;
  thirdParty?: { rfc: string; name: string };
  /** Catalogue names of the complementos present (`pagos20`, `nomina12`, ...), TFD excluded. */
  complementos: string[];
  /** Renders the full, internally consistent CFDI XML (UTF-8). */
  xml(): string;
}

export interface PackagePlan {
  /** `<IdSolicitud>_01`, `_02`, ... */
  id: string;
  kind: RequestKind;
  /** The documents this package carries, in order. */
  uuids: string[];
}

export interface Universe {
  readonly seed: string;
  /** Number of documents matching the filter, without rendering XML (used for the 5003 limits). */
  count(filter: UniverseFilter): number;
  /** Matching documents in a deterministic order (issuedAt, then uuid). */
  select(filter: UniverseFilter): Iterable<GeneratedCfdi>;
  /** A document by UUID (any case), for SolicitaDescargaFolio. */
  byUuid(uuid: string): GeneratedCfdi | undefined;
  /** Splits a result into packages the way the simulator ships them. */
  planPackages(requestId: string, filter: UniverseFilter): PackagePlan[];
  /**
   * Streams the zip of one package: `<uuid>.xml` entries for CFDI; `<id>.txt` (CRLF, `~`, header row)
   * plus `<id>_tercero.txt` when any row has a third party, for metadata. Never holds the whole zip.
   */
  packageZip(plan: PackagePlan): NodeJS.ReadableStream;
  /** Ground truth: the UUIDs a complete download of the filter must yield. */
  truth(filter: UniverseFilter): string[];
}

export interface VolumeConfig {
  /** Documents per calendar month issued by the RFC. */
  issuedPerMonth: number;
  /** Documents per calendar month received by the RFC. */
  receivedPerMonth: number;
}

export interface UniverseOptions {
  seed: string;
  /** Default volume for any RFC ("a few dozen CFDI per month and direction"). */
  defaultVolume?: VolumeConfig;
  /** Per-RFC overrides, keyed by upper-case RFC. */
  volumes?: Record<string, VolumeConfig>;
  /** Documents per CFDI package and rows per metadata package. */
  cfdiPerPackage?: number;
  metadataRowsPerPackage?: number;
  /**
   * Optional "now" (`YYYY-MM-DDTHH:mm:ss`): documents issued later do not exist yet and later
   * cancellations have not happened. Absent: every month is fully populated.
   */
  until?: string;
}
