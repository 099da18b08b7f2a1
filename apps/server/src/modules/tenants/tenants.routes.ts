import { roleAtLeast, roles } from '@boveda/contracts';
import { z } from 'zod';
import { appError } from '../../platform/errors/app-error.js';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { actorOf, type Guard, identityOf } from '../../platform/http/identity.js';
import type { TenantsService } from './tenants.service.js';

const userItem = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: z.enum(roles),
  createdAt: z.string(),
});

type Member = Awaited<ReturnType<TenantsService['listUsers']>>[number];
const toItem = (m: Member) => ({ ...m, createdAt: m.createdAt.toISOString() });

export function registerTenantRoutes(app: HttpServer, deps: { tenants: TenantsService; guard: Guard }) {
  app.get(
    '/api/v1/users',
    {
      schema: {
        operationId: 'listUsers',
        tags: ['users'],
        summary: 'People in the organization',
        response: { 200: z.object({ items: z.array(userItem) }) },
      },
      preHandler: deps.guard('viewer'),
    },
    async (req) => ({ items: (await deps.tenants.listUsers(identityOf(req).tenantId)).map(toItem) }),
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        operationId: 'addUser',
        tags: ['users'],
        summary: 'Add a person to the organization (creates the account if the email is new)',
        body: z.object({
          email: z.email().max(320),
          name: z.string().trim().max(200).optional(),
          password: z.string().min(1).max(1024),
          role: z.enum(roles),
        }),
        response: { 201: userItem },
        errors: ['WEAK_PASSWORD', 'USER_ALREADY_MEMBER'],
      },
      preHandler: deps.guard('admin'),
    },
    async (req, reply) => {
      const id = identityOf(req);
      if (!roleAtLeast(id.role, req.body.role))
        throw appError('FORBIDDEN', 'You cannot grant a role above your own.');
      const member = await deps.tenants.addUser(id.tenantId, req.body, actorOf(req));
      return reply.status(201).send(toItem(member));
    },
  );
}
