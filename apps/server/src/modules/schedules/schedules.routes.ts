import { scheduleItem, scheduleList, scheduleParams, scheduleRunResult } from '@boveda/contracts';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { actorOf, type Guard, identityOf } from '../../platform/http/identity.js';
import type { SchedulesService } from './schedules.service.js';

const tags = ['schedules'];

export function registerSchedulesRoutes(
  app: HttpServer,
  deps: { schedules: SchedulesService; guard: Guard },
) {
  const { schedules, guard } = deps;

  app.get(
    '/api/v1/schedules',
    {
      schema: {
        operationId: 'listSchedules',
        tags,
        summary:
          "Every piece of the organization's recurring work (SAT syncs, connector runs, webhook retries) " +
          'with its schedule, last run, next run and pause',
        response: { 200: scheduleList },
      },
      preHandler: guard('viewer'),
    },
    async (req) => ({ items: await schedules.list(identityOf(req).tenantId), nextCursor: null }),
  );

  app.get(
    '/api/v1/schedules/:kind/:key',
    {
      schema: {
        operationId: 'getSchedule',
        tags,
        summary: 'One piece of recurring work',
        params: scheduleParams,
        response: { 200: scheduleItem },
        errors: ['SCHEDULE_NOT_FOUND'],
      },
      preHandler: guard('viewer'),
    },
    async (req) => schedules.get(identityOf(req).tenantId, req.params.kind, req.params.key),
  );

  // Member, like "Sincronizar ahora" and a connector's push or pull: it only queues work.
  app.post(
    '/api/v1/schedules/:kind/:key/run',
    {
      schema: {
        operationId: 'runScheduleNow',
        tags,
        summary: 'Queue a run now (202: the job id, or null when one is already waiting)',
        params: scheduleParams,
        response: { 202: scheduleRunResult },
        errors: ['SCHEDULE_NOT_FOUND', 'SCHEDULE_NOT_RUNNABLE'],
      },
      preHandler: guard('member'),
    },
    async (req, reply) => {
      const result = await schedules.runNow(
        identityOf(req).tenantId,
        actorOf(req),
        req.params.kind,
        req.params.key,
      );
      return reply.status(202).send(result);
    },
  );

  app.post(
    '/api/v1/schedules/:kind/:key/pause',
    {
      schema: {
        operationId: 'pauseSchedule',
        tags,
        summary: 'Stop its runs on its own until resumed (kept across restarts)',
        params: scheduleParams,
        response: { 200: scheduleItem },
        errors: ['SCHEDULE_NOT_FOUND', 'SCHEDULE_NOT_PAUSABLE'],
      },
      preHandler: guard('admin'),
    },
    async (req) => schedules.pause(identityOf(req).tenantId, actorOf(req), req.params.kind, req.params.key),
  );

  app.post(
    '/api/v1/schedules/:kind/:key/resume',
    {
      schema: {
        operationId: 'resumeSchedule',
        tags,
        summary: 'Run on its own again, from its next occurrence',
        params: scheduleParams,
        response: { 200: scheduleItem },
        errors: ['SCHEDULE_NOT_FOUND', 'SCHEDULE_NOT_PAUSABLE'],
      },
      preHandler: guard('admin'),
    },
    async (req) => schedules.resume(identityOf(req).tenantId, actorOf(req), req.params.kind, req.params.key),
  );
}
