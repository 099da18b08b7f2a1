export {
  type DomainEvent,
  defineEvent,
  type EventActor,
  type EventDefinition,
} from '@boveda/contracts';
export {
  type BatchEventConsumer,
  createEvents,
  type EventConsumer,
  type Events,
  type PublishMeta,
  serializeEvent,
} from './events.js';
export { domainEvents, eventDeliveries } from './events.schema.js';
export { registerLiveRoute } from './live-route.js';
