import { pageQuery } from '@boveda/contracts';
import { z } from 'zod';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { type Guard, identityOf } from '../../platform/http/identity.js';
import type { AuditService } from './audit.service.js';

const auditEvent = z.object({
  id: z.string(),
  action: z.string(),
  actorType: z.string(),
  actorId: z.string().nullable(),
  actorLabel: z.string().nullable(),
  targetType: z.string().nullable(),
  targetId: z.string().nullable(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  metadata: z.record(z.string(), z.unknown()).nullable(),
  createdAt: z.string(),
});

export function registerAuditRoutes(app: HttpServer, deps: { audit: AuditService; guard: Guard }) {
  app.get(
    '/api/v1/audit-events',
    {
      schema: {
        operationId: 'listAuditEvents',
        tags: ['audit'],
        summary: "The organization's audit trail, newest first",
        querystring: pageQuery(),
        response: { 200: z.object({ items: z.array(auditEvent), nextCursor: z.string().nullable() }) },
        errors: ['INVALID_CURSOR'],
      },
      preHandler: deps.guard('admin'),
    },
    async (req) => {
      const page = await deps.audit.list(identityOf(req).tenantId, req.query.limit, req.query.cursor);
      return {
        nextCursor: page.nextCursor,
        items: page.items.map((e) => ({
          ...e,
          id: String(e.id),
          metadata: e.metadata ?? null,
          createdAt: e.createdAt.toISOString(),
        })),
      };
    },
  );
}
