import {
  ComplementoCfdi,
  type ComplementoCfdiTypes,
  DateTime,
  DateTimePeriod,
  DocumentStatus,
  DocumentType,
  type DocumentTypeTypes,
  DownloadType,
  QueryParameters,
  RequestType,
  RfcMatches,
  RfcOnBehalf,
  Uuid,
} from '@nodecfdi/sat-ws-descarga-masiva';
import type { SatRequestFilters } from '../sat-download.schema.js';

/** What a request asks the SAT for: a period query or a single folio. */
export type SatQuery =
  | {
      kind: 'cfdi' | 'metadata';
      direction: 'issued' | 'received';
      periodStart: string;
      periodEnd: string;
      filters: SatRequestFilters;
    }
  | { folio: string };

const DOCUMENT_TYPES: Record<NonNullable<SatRequestFilters['documentType']>, DocumentTypeTypes> = {
  I: 'ingreso',
  E: 'egreso',
  T: 'traslado',
  N: 'nomina',
  P: 'pago',
};

const STATUS: Record<NonNullable<SatRequestFilters['status']>, 'undefined' | 'active' | 'cancelled'> = {
  Todos: 'undefined',
  Vigente: 'active',
  Cancelado: 'cancelled',
};

/** SAT catalogue code (e.g. `nomina12`) → nodecfdi's enum id (e.g. `nomina12`, `recepcionPagos20`). */
const COMPLEMENTOS: Map<string, ComplementoCfdiTypes> = new Map(
  Object.entries(ComplementoCfdi.undefined().Map as Record<string, { satCode: string }>)
    .filter(([, v]) => v.satCode !== '')
    .map(([id, v]) => [v.satCode, id as ComplementoCfdiTypes]),
);

export const knownComplementos = (): string[] => [...COMPLEMENTOS.keys()];

/**
 * Naive SAT timestamps are interpreted in UTC on purpose: nodecfdi formats them back in the same
 * zone, so the wire carries exactly the text we stored (no DST gaps, no shifts).
 */
const naive = (value: string) => new DateTime(value.replace('T', ' '), 'UTC');

export function toQueryParameters(query: SatQuery): QueryParameters {
  if ('folio' in query) return QueryParameters.create().withUuid(Uuid.create(query.folio));
  const period = DateTimePeriod.create(naive(query.periodStart), naive(query.periodEnd));
  let params = QueryParameters.create(
    period,
    new DownloadType(query.direction),
    new RequestType(query.kind === 'cfdi' ? 'xml' : 'metadata'),
  );
  const f = query.filters;
  if (f.documentType) params = params.withDocumentType(new DocumentType(DOCUMENT_TYPES[f.documentType]));
  params = params.withDocumentStatus(new DocumentStatus(STATUS[f.status ?? 'Todos']));
  if (f.counterparts?.length) params = params.withRfcMatches(RfcMatches.createFromValues(...f.counterparts));
  if (f.onBehalfRfc) params = params.withRfcOnBehalf(RfcOnBehalf.create(f.onBehalfRfc));
  if (f.complemento) {
    const id = COMPLEMENTOS.get(f.complemento);
    if (id) params = params.withComplement(ComplementoCfdi.create(id));
  }
  return params;
}
