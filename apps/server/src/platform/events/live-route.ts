import type { ServerResponse } from 'node:http';
import { liveEventId, liveEventQuery } from '@boveda/contracts';
import type { HttpServer } from '../http/create-http-server.js';
import { type Guard, identityOf } from '../http/identity.js';
import { fileResponse } from '../http/openapi.js';
import { type Events, serializeEvent } from './events.js';
import type { DomainEvent } from './index.js';

// Proxies close a silent connection after 30–60 s; a comment line every 20 s keeps it open.
const HEARTBEAT_MS = 20_000;
// What a reconnecting client may catch up on in one go; beyond it the client is told to reload.
const CATCH_UP_LIMIT = 1000;

/**
 * `GET /api/v1/events`: the organization's domain events as Server-Sent Events, live, from every
 * process (the pub/sub carries them: Redis when several processes run). A client that reconnects
 * with `Last-Event-ID` (browsers send it by themselves) or `?after=<id>` first receives what it
 * missed, in order, then live events; a gap over 1,000 events sends one `reset` event instead (the
 * client reloads its data).
 */
export function registerLiveRoute(app: HttpServer, deps: { events: Events; guard: Guard }) {
  const open = new Set<ServerResponse>();
  // A stream never ends by itself: close them all before the server waits for its connections.
  app.addHook('preClose', async () => {
    for (const res of open) res.end();
  });

  app.get(
    '/api/v1/events',
    {
      schema: {
        operationId: 'streamEvents',
        tags: ['events'],
        summary: "The organization's events as they happen (Server-Sent Events)",
        description:
          'Each message: `id` (growing), `event` (the type, e.g. `sat.request.state_changed`) and `data` ' +
          '(JSON: `{ id, type, version, tenantId, aggregate, payload, occurredAt, actor, requestId }`). ' +
          'Reconnect with `Last-Event-ID` or `?after=` to receive what was missed first. The catalogue of ' +
          'types and payloads is in `@boveda/contracts` (`packages/contracts/src/events`).',
        querystring: liveEventQuery,
        response: {
          200: fileResponse('text/event-stream', 'A stream of events, until the client disconnects'),
        },
      },
      preHandler: deps.guard('viewer'),
    },
    async (req, reply) => {
      const { tenantId } = identityOf(req);
      const header = liveEventId.safeParse(req.headers['last-event-id']);
      const resumeFrom = (header.success ? header.data : undefined) ?? req.query.after;

      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        'x-accel-buffering': 'no',
        connection: 'keep-alive',
        'x-request-id': req.id,
      });
      res.write('retry: 2000\n\n');
      open.add(res);

      let lastSent = resumeFrom ? BigInt(resumeFrom) : 0n;
      let catchingUp = true;
      const waiting: DomainEvent[] = [];
      const send = (event: DomainEvent) => {
        const id = BigInt(event.id);
        if (id <= lastSent) return;
        lastSent = id;
        res.write(
          `id: ${event.id}\nevent: ${event.type}\ndata: ${JSON.stringify(serializeEvent(event))}\n\n`,
        );
      };
      // Subscribe before reading the backlog, so nothing falls between the two.
      const stop = await deps.events.listen(tenantId, (event) =>
        catchingUp ? waiting.push(event) : send(event),
      );
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const close = () => {
        clearInterval(heartbeat);
        open.delete(res);
        void stop();
      };
      req.raw.on('close', close);
      res.on('close', close);

      if (resumeFrom) {
        const missed = await deps.events.since(tenantId, resumeFrom, CATCH_UP_LIMIT + 1);
        if (missed.length > CATCH_UP_LIMIT) {
          res.write(`event: reset\ndata: {"reason":"too many events missed; reload"}\n\n`);
          lastSent = BigInt(missed.at(-1)!.id);
        } else for (const event of missed) send(event);
      }
      catchingUp = false;
      for (const event of waiting.splice(0)) send(event);
    },
  );
}
