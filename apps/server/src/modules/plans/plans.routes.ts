import {
  operatorOrganization,
  operatorOrganizationList,
  operatorOrganizationParams,
  planAssignBody,
  planCreateBody,
  planItem,
  planList,
  planParams,
  planUpdateBody,
  planUsage,
  type SystemActorLabel,
} from '@boveda/contracts';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { type Guard, identityOf } from '../../platform/http/identity.js';
import { noContent } from '../../platform/http/openapi.js';
import { createOperatorGuard } from './operator-guard.js';
import type { PlansService } from './plans.service.js';
import type { Quotas } from './quotas.js';

// The operator's token names no person: the audit trail says "the service operator" and the IP.
const operatorActor = { type: 'system' as const, label: 'operator' satisfies SystemActorLabel };

export function registerPlansRoutes(
  app: HttpServer,
  deps: { plans: PlansService; quotas: Quotas; guard: Guard; operatorToken: string | undefined },
) {
  const { plans, quotas, guard } = deps;
  const operator = createOperatorGuard(deps.operatorToken);
  const tags = ['operator'];
  const security = [{ operatorToken: [] }];

  // The organization's own view: its plan and this month's usage (the page *Plan y uso*).
  app.get(
    '/api/v1/plan',
    {
      schema: {
        operationId: 'getPlanUsage',
        tags: ['plan'],
        summary: "The organization's plan and its usage this month against each limit (null: unlimited)",
        response: { 200: planUsage },
      },
      preHandler: guard('admin'),
    },
    async (req) => quotas.usage(identityOf(req).tenantId),
  );

  app.get(
    '/api/v1/operator/plans',
    {
      schema: {
        operationId: 'listPlans',
        tags,
        security,
        summary: 'Every plan',
        response: { 200: planList },
      },
      preHandler: operator,
    },
    async () => ({ items: await plans.list(), nextCursor: null }),
  );

  app.post(
    '/api/v1/operator/plans',
    {
      schema: {
        operationId: 'createPlan',
        tags,
        security,
        summary: 'Define a plan (limits left out are unlimited)',
        body: planCreateBody,
        response: { 201: planItem },
        errors: ['PLAN_CODE_TAKEN'],
      },
      preHandler: operator,
    },
    async (req, reply) => reply.status(201).send(await plans.create(req.body)),
  );

  app.get(
    '/api/v1/operator/plans/:code',
    {
      schema: {
        operationId: 'getPlan',
        tags,
        security,
        summary: 'One plan',
        params: planParams,
        response: { 200: planItem },
        errors: ['PLAN_NOT_FOUND'],
      },
      preHandler: operator,
    },
    async (req) => plans.get(req.params.code),
  );

  app.patch(
    '/api/v1/operator/plans/:code',
    {
      schema: {
        operationId: 'updatePlan',
        tags,
        security,
        summary: 'Rename a plan or change limits (null: unlimited); applies to its organizations at once',
        params: planParams,
        body: planUpdateBody,
        response: { 200: planItem },
        errors: ['PLAN_NOT_FOUND'],
      },
      preHandler: operator,
    },
    async (req) => plans.update(req.params.code, req.body),
  );

  app.delete(
    '/api/v1/operator/plans/:code',
    {
      schema: {
        operationId: 'deletePlan',
        tags,
        security,
        summary: 'Delete a plan no organization is on',
        params: planParams,
        response: { 204: noContent('Deleted') },
        errors: ['PLAN_NOT_FOUND', 'PLAN_IN_USE'],
      },
      preHandler: operator,
    },
    async (req, reply) => {
      await plans.remove(req.params.code);
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/operator/organizations',
    {
      schema: {
        operationId: 'listOperatorOrganizations',
        tags,
        security,
        summary: 'Every organization with its plan and usage this month',
        response: { 200: operatorOrganizationList },
      },
      preHandler: operator,
    },
    async () => ({ items: await plans.organizations(), nextCursor: null }),
  );

  app.get(
    '/api/v1/operator/organizations/:organization',
    {
      schema: {
        operationId: 'getOperatorOrganization',
        tags,
        security,
        summary: 'One organization (slug or id) with its plan and usage',
        params: operatorOrganizationParams,
        response: { 200: operatorOrganization },
        errors: ['TENANT_NOT_FOUND'],
      },
      preHandler: operator,
    },
    async (req) => plans.organization(req.params.organization),
  );

  app.put(
    '/api/v1/operator/organizations/:organization/plan',
    {
      schema: {
        operationId: 'assignPlan',
        tags,
        security,
        summary: 'Put an organization on a plan',
        params: operatorOrganizationParams,
        body: planAssignBody,
        response: { 200: operatorOrganization },
        errors: ['TENANT_NOT_FOUND', 'PLAN_NOT_FOUND'],
      },
      preHandler: operator,
    },
    async (req) => plans.assign(req.params.organization, req.body.plan, { ...operatorActor, ip: req.ip }),
  );

  app.delete(
    '/api/v1/operator/organizations/:organization/plan',
    {
      schema: {
        operationId: 'unassignPlan',
        tags,
        security,
        summary: 'Take an organization off its plan (no limits)',
        params: operatorOrganizationParams,
        response: { 200: operatorOrganization },
        errors: ['TENANT_NOT_FOUND'],
      },
      preHandler: operator,
    },
    async (req) => plans.unassign(req.params.organization, { ...operatorActor, ip: req.ip }),
  );
}
