export { classifyAddress, type RangeKind } from './ip-ranges.js';
export {
  OutboundBlockedError,
  OutboundConnectionError,
  OutboundError,
  OutboundInvalidUrlError,
  OutboundTimeoutError,
  OutboundTooLargeError,
} from './outbound.errors.js';
export {
  createOutboundClient,
  type OutboundClient,
  type OutboundClientOptions,
  type OutboundRequest,
  type OutboundResponse,
} from './outbound-client.js';
export { checkUserUrl, type UserUrlProblem } from './user-url.js';
