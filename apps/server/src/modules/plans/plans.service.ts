import { isUuid, type PlanItem, type PlanLimits } from '@boveda/contracts';
import type { Db } from '../../platform/db/client.js';
import type { Actor, AuditRecorder } from '../audit/index.js';
import type { TenantsService } from '../tenants/index.js';
import { planErrors } from './plans.errors.js';
import { createPlansRepository, limitsOf } from './plans.repository.js';
import type { PlanRow } from './plans.schema.js';
import type { Quotas } from './quotas.js';

const toItem = (row: PlanRow, organizations: number): PlanItem => ({
  code: row.code,
  name: row.name,
  limits: limitsOf(row),
  organizations,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});

/**
 * The operator's side: plans and who is on which (`boveda plan …` and `/api/v1/operator/…`).
 * Assignments are audited in the organization's trail, so its admins see when their plan changed.
 */
export function createPlansService(deps: {
  db: Db;
  quotas: Quotas;
  audit: AuditRecorder;
  tenants: Pick<TenantsService, 'tenantBySlug' | 'tenantById' | 'listTenants'>;
}) {
  const repo = createPlansRepository(deps.db);

  async function planByCode(code: string) {
    const row = await repo.byCode(code);
    if (!row) throw planErrors('PLAN_NOT_FOUND', `No plan "${code}".`);
    return row;
  }

  async function organization(ref: string) {
    const tenant = isUuid(ref) ? await deps.tenants.tenantById(ref) : null;
    if (tenant) return tenant;
    try {
      return await deps.tenants.tenantBySlug(ref);
    } catch {
      throw planErrors('TENANT_NOT_FOUND', `No organization "${ref}".`);
    }
  }

  const service = {
    async list(): Promise<PlanItem[]> {
      return (await repo.list()).map((r) => toItem(r, r.organizations));
    },

    async get(code: string): Promise<PlanItem> {
      const row = await planByCode(code);
      return toItem(row, await repo.organizationsOn(row.id));
    },

    async create(input: { code: string; name: string; limits: Partial<PlanLimits> }): Promise<PlanItem> {
      const row = await repo.insert(input.code, input.name, input.limits);
      if (!row) throw planErrors('PLAN_CODE_TAKEN', `A plan "${input.code}" exists.`);
      return toItem(row, 0);
    },

    async update(code: string, patch: { name?: string; limits?: Partial<PlanLimits> }): Promise<PlanItem> {
      const row = await planByCode(code);
      const updated = await repo.update(row.id, {
        ...(patch.name !== undefined ? { name: patch.name } : {}),
        ...patch.limits,
      });
      deps.quotas.forgetRates();
      return toItem(updated, await repo.organizationsOn(row.id));
    },

    async remove(code: string): Promise<void> {
      const row = await planByCode(code);
      const on = await repo.organizationsOn(row.id);
      if (on > 0) throw planErrors('PLAN_IN_USE', `${on} organizations are on "${code}".`);
      await repo.delete(row.id);
    },

    /** Puts an organization (slug or id) on a plan; answers its usage against it. */
    async assign(organizationRef: string, code: string, actor: Actor) {
      const [tenant, plan] = await Promise.all([organization(organizationRef), planByCode(code)]);
      const before = await repo.planOfTenant(tenant.id);
      await repo.assign(tenant.id, plan.id);
      deps.quotas.forgetRates();
      await deps.audit.record({
        tenantId: tenant.id,
        actor,
        action: 'plan.assigned',
        target: { type: 'plan', id: plan.code },
        metadata: { plan: plan.code, previous: before?.code ?? null },
      });
      return service.organizationView(tenant);
    },

    /** Takes an organization off its plan: no limits from then on. */
    async unassign(organizationRef: string, actor: Actor) {
      const tenant = await organization(organizationRef);
      const before = await repo.planOfTenant(tenant.id);
      if (await repo.unassign(tenant.id)) {
        deps.quotas.forgetRates();
        await deps.audit.record({
          tenantId: tenant.id,
          actor,
          action: 'plan.unassigned',
          target: { type: 'plan', id: before?.code ?? '' },
          metadata: { previous: before?.code ?? null },
        });
      }
      return service.organizationView(tenant);
    },

    async organizationView(tenant: { id: string; slug: string; name: string }) {
      return {
        id: tenant.id,
        slug: tenant.slug,
        name: tenant.name,
        usage: await deps.quotas.usage(tenant.id),
      };
    },

    async organization(ref: string) {
      return service.organizationView(await organization(ref));
    },

    async organizations() {
      const tenants = await deps.tenants.listTenants();
      return Promise.all(tenants.map((t) => service.organizationView(t)));
    },
  };
  return service;
}

export type PlansService = ReturnType<typeof createPlansService>;
