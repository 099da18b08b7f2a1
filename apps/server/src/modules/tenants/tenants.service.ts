import type { Role } from '@boveda/contracts';
import type { Actor, AuditRecorder } from '../audit/index.js';
import { createInvitations } from './invitations.service.js';
import { hashPassword } from './password.js';
import { assertStrongPassword } from './password-rules.js';
import { slugify } from './slug.js';
import { tenantErrors } from './tenants.errors.js';
import type { TenantsRepository } from './tenants.repository.js';

export function createTenantsService(deps: {
  repo: TenantsRepository;
  audit: AuditRecorder;
  now?: () => Date;
}) {
  const { repo, audit } = deps;
  return {
    ...createInvitations({ repo, audit, now: deps.now ?? (() => new Date()) }),

    async createTenant(name: string, actor: Actor, slug?: string) {
      const base = slug ?? slugify(name);
      // Suffix -2, -3… rather than fail, unless the caller asked for this exact slug.
      for (let i = 1; i < 100; i++) {
        const candidate = i === 1 ? base : `${base}-${i}`;
        const row = await repo.insertTenant(name.trim(), candidate);
        if (row) {
          await audit.record({
            tenantId: row.id,
            actor,
            action: 'tenant.created',
            target: { type: 'tenant', id: row.id },
          });
          return row;
        }
        if (slug) throw tenantErrors('TENANT_SLUG_TAKEN', `The slug "${slug}" is taken.`);
      }
      throw tenantErrors('TENANT_SLUG_TAKEN');
    },

    async tenantBySlug(slug: string) {
      const tenant = await repo.findTenantBySlug(slug);
      if (!tenant) throw tenantErrors('TENANT_NOT_FOUND', `No organization "${slug}".`);
      return tenant;
    },

    tenantById: (id: string) => repo.findTenantById(id),

    listTenants: () => repo.listTenants(),

    /** The organization's settings (`requireSignedRequests`, read by the auth guard on API key requests). */
    async settings(tenantId: string): Promise<{ requireSignedRequests: boolean }> {
      const tenant = await repo.findTenantById(tenantId);
      if (!tenant) throw tenantErrors('TENANT_NOT_FOUND');
      return { requireSignedRequests: tenant.requireSignedRequests };
    },

    /** Changes settings (the route is admin+); a real change is audited with its before and after. */
    async updateSettings(tenantId: string, patch: { requireSignedRequests?: boolean }, actor: Actor) {
      const before = await repo.findTenantById(tenantId);
      if (!before) throw tenantErrors('TENANT_NOT_FOUND');
      const changes = Object.fromEntries(
        Object.entries(patch).filter(
          ([field, value]) => value !== undefined && before[field as keyof typeof patch] !== value,
        ),
      ) as typeof patch;
      if (Object.keys(changes).length === 0) return { requireSignedRequests: before.requireSignedRequests };
      const after = (await repo.updateTenantSettings(tenantId, changes))!;
      await audit.record({
        tenantId,
        actor,
        action: 'organization.settings.changed',
        target: { type: 'tenant', id: tenantId },
        metadata: {
          changes: Object.fromEntries(
            Object.keys(changes).map((field) => [
              field,
              { from: before[field as keyof typeof patch], to: after[field as keyof typeof patch] },
            ]),
          ),
        },
      });
      return { requireSignedRequests: after.requireSignedRequests };
    },

    /**
     * Adds a person to an organization at once, creating the account when the email is new. For
     * the operator's CLI and the demo only; over HTTP people are invited (`inviteUser`).
     */
    async addUser(
      tenantId: string,
      input: { email: string; name?: string | null; password: string; role: Role },
      actor: Actor,
    ) {
      assertStrongPassword(input.password);
      const email = input.email.trim().toLowerCase();
      let user = await repo.findUserByEmail(email);
      if (!user)
        user = await repo.insertUser(email, input.name?.trim() || null, await hashPassword(input.password));
      const added = await repo.insertMembership(tenantId, user.id, input.role);
      if (!added) throw tenantErrors('USER_ALREADY_MEMBER');
      await audit.record({
        tenantId,
        actor,
        action: 'user.created',
        target: { type: 'user', id: user.id },
        metadata: { email, role: input.role },
      });
      const members = await repo.listMembers(tenantId);
      return members.find((m) => m.id === user.id)!;
    },

    listUsers: (tenantId: string) => repo.listMembers(tenantId),
    findUserByEmail: (email: string) => repo.findUserByEmail(email),
    findUserById: (id: string) => repo.findUserById(id),
    findUsersByIds: (ids: string[]) => repo.findUsersByIds(ids),
    membershipsOfUser: (userId: string) => repo.membershipsOfUser(userId),
    membership: (tenantId: string, userId: string) => repo.membership(tenantId, userId),
  };
}

export type TenantsService = ReturnType<typeof createTenantsService>;
