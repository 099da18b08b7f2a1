export { buildStatusExpression, formatExpressionTotal, type SatStatusQuery } from './expression.js';
export {
  consultaRequestBody,
  createSatStatusClient,
  interpretConsulta,
  resolveSatStatusEndpoint,
  SAT_STATUS_PRODUCTION_URL,
  type SatCancelable,
  type SatCancellationStatus,
  type SatCfdiEstado,
  type SatStatusClient,
  type SatStatusClientOptions,
  type SatStatusEndpointConfig,
  type SatStatusRaw,
  type SatStatusResult,
} from './sat-status.client.js';
export { isSatStatusError, SatStatusError, type SatStatusErrorCode } from './sat-status.errors.js';
