import type { z } from 'zod';

/**
 * The event catalogue is part of the wire: consumers inside the server, the live channel of the
 * web app and (later) webhook subscribers all read these definitions.
 *
 * A fact a module announces: `<module>.<entity>.<past_tense>` (`sat.package.stored`), a version
 * (bumped when the payload changes incompatibly; consumers and webhook subscribers see it) and a
 * zod payload. Events of one aggregate (`aggregateOf`) reach each consumer in the order they were
 * published.
 */
export interface EventDefinition<T> {
  type: string;
  version: number;
  schema: z.ZodType<T>;
  /** The entity the event is about, e.g. `sat_request:<id>`: the unit of ordering. */
  aggregateOf(payload: T): string;
  /** One sentence for the event catalogue (docs, webhooks). */
  description: string;
}

const TYPE = /^[a-z][a-z0-9-]*\.[a-z][a-z0-9_]*\.[a-z][a-z0-9_]*$/;

export function defineEvent<T>(spec: EventDefinition<T>): EventDefinition<T> {
  if (!TYPE.test(spec.type)) throw new Error(`Event type must read module.entity.past_tense: ${spec.type}`);
  if (!Number.isInteger(spec.version) || spec.version < 1)
    throw new Error(`Invalid version for ${spec.type}`);
  return spec;
}

/** Who caused an event, as the audit trail names actors. */
export interface EventActor {
  type: 'user' | 'api_key' | 'oauth_client' | 'system';
  id?: string | null;
  label: string;
}

/** An event as stored and delivered. Ids grow in publication order. */
export interface DomainEvent<T = unknown> {
  id: string;
  type: string;
  version: number;
  tenantId: string | null;
  aggregate: string;
  payload: T;
  occurredAt: Date;
  actor: EventActor | null;
  requestId: string | null;
}
