import type { Role } from '@boveda/contracts';
import { and, asc, desc, eq, gt, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { invitations, memberships, passwordResets, tenants, users } from './tenants.schema.js';

export type TenantRow = typeof tenants.$inferSelect;
export type UserRow = typeof users.$inferSelect;
export type InvitationRow = typeof invitations.$inferSelect;

export function createTenantsRepository(db: Db) {
  return {
    async insertTenant(name: string, slug: string): Promise<TenantRow | undefined> {
      const [row] = await db.insert(tenants).values({ name, slug }).onConflictDoNothing().returning();
      return row;
    },
    async findTenantBySlug(slug: string) {
      const [row] = await db.select().from(tenants).where(eq(tenants.slug, slug));
      return row;
    },
    /** Every organization, by name (the operator's list). */
    async listTenants() {
      return db.select().from(tenants).orderBy(asc(tenants.name), asc(tenants.slug));
    },
    async findTenantById(id: string) {
      const [row] = await db.select().from(tenants).where(eq(tenants.id, id));
      return row;
    },
    async updateTenantSettings(id: string, patch: { requireSignedRequests?: boolean }) {
      const [row] = await db.update(tenants).set(patch).where(eq(tenants.id, id)).returning();
      return row;
    },
    async findUserByEmail(email: string) {
      const [row] = await db.select().from(users).where(sql`lower(${users.email}) = lower(${email})`);
      return row;
    },
    async findUserById(id: string) {
      const [row] = await db.select().from(users).where(eq(users.id, id));
      return row;
    },
    async findUsersByIds(ids: string[]) {
      if (ids.length === 0) return [];
      return db.select({ id: users.id, email: users.email }).from(users).where(inArray(users.id, ids));
    },
    async insertUser(email: string, name: string | null, passwordHash: string) {
      const [row] = await db.insert(users).values({ email, name, passwordHash }).returning();
      return row!;
    },
    /** The new user, or undefined when the email was taken meanwhile (another request created it). */
    async insertUserIfNew(email: string, name: string | null, passwordHash: string) {
      const [row] = await db
        .insert(users)
        .values({ email, name, passwordHash })
        .onConflictDoNothing()
        .returning();
      return row;
    },
    async insertMembership(tenantId: string, userId: string, role: Role) {
      const rows = await db
        .insert(memberships)
        .values({ tenantId, userId, role })
        .onConflictDoNothing()
        .returning();
      return rows.length > 0;
    },
    /** The user's active organizations, oldest membership first (the default on sign-in). */
    async membershipsOfUser(userId: string) {
      return db
        .select({ tenant: tenants, role: memberships.role })
        .from(memberships)
        .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
        .where(and(eq(memberships.userId, userId), isNull(memberships.deactivatedAt)))
        .orderBy(asc(memberships.createdAt));
    },
    /** An active membership: a deactivated one grants nothing, so every guard reads it as none. */
    async membership(tenantId: string, userId: string) {
      const [row] = await db
        .select({ role: memberships.role })
        .from(memberships)
        .where(
          and(
            eq(memberships.tenantId, tenantId),
            eq(memberships.userId, userId),
            isNull(memberships.deactivatedAt),
          ),
        );
      return row;
    },
    /** The membership whether active or deactivated, locked for the change that follows. */
    async membershipForUpdate(tenantId: string, userId: string) {
      const [row] = await db
        .select({ role: memberships.role, deactivatedAt: memberships.deactivatedAt })
        .from(memberships)
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)))
        .for('update');
      return row;
    },
    /** Any membership, active or not (an invitation to a deactivated member is refused too). */
    async anyMembership(tenantId: string, userId: string) {
      const [row] = await db
        .select({ role: memberships.role, deactivatedAt: memberships.deactivatedAt })
        .from(memberships)
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
      return row;
    },
    /**
     * The organization's active owners, their rows locked: two admins demoting the last two owners
     * at once are serialized here, so one of them sees a single owner and is refused.
     */
    async lockActiveOwners(tenantId: string) {
      const rows = await db
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(
          and(
            eq(memberships.tenantId, tenantId),
            eq(memberships.role, 'owner'),
            isNull(memberships.deactivatedAt),
          ),
        )
        .for('update');
      return rows.map((r) => r.userId);
    },
    async setRole(tenantId: string, userId: string, role: Role) {
      await db
        .update(memberships)
        .set({ role })
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
    },
    async setDeactivated(tenantId: string, userId: string, at: Date | null) {
      await db
        .update(memberships)
        .set({ deactivatedAt: at })
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
    },
    async deleteMembership(tenantId: string, userId: string) {
      await db
        .delete(memberships)
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
    },
    async setPasswordHash(userId: string, passwordHash: string) {
      await db.update(users).set({ passwordHash }).where(eq(users.id, userId));
    },

    /** Closes every open reset link of the person (a newer link, a reset or a change supersedes them). */
    async closeOpenResets(userId: string, at: Date) {
      await db
        .update(passwordResets)
        .set({ usedAt: at })
        .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)));
    },
    async latestOpenReset(userId: string) {
      const [row] = await db
        .select({ createdAt: passwordResets.createdAt })
        .from(passwordResets)
        .where(and(eq(passwordResets.userId, userId), isNull(passwordResets.usedAt)))
        .orderBy(desc(passwordResets.createdAt))
        .limit(1);
      return row;
    },
    async insertReset(row: { userId: string; tokenHash: string; requestedBy: string; expiresAt: Date }) {
      const [saved] = await db.insert(passwordResets).values(row).returning();
      return saved!;
    },
    /**
     * Uses a reset token: one statement marks it used only if it is open and unexpired, so two
     * requests with the same link cannot both succeed. The person's id, or undefined.
     */
    async consumeReset(tokenHash: string, at: Date) {
      const [row] = await db
        .update(passwordResets)
        .set({ usedAt: at })
        .where(
          and(
            eq(passwordResets.tokenHash, tokenHash),
            isNull(passwordResets.usedAt),
            gt(passwordResets.expiresAt, at),
          ),
        )
        .returning({ id: passwordResets.id, userId: passwordResets.userId });
      return row;
    },
    /**
     * Opens an invitation, or refreshes the open one of that person (role, inviter, expiry). An
     * invitation that created the account keeps saying so.
     */
    async upsertPendingInvitation(row: {
      tenantId: string;
      userId: string;
      role: Role;
      createdAccount: boolean;
      invitedByUserId: string | null;
      invitedByLabel: string;
      expiresAt: Date;
    }): Promise<InvitationRow> {
      const [saved] = await db
        .insert(invitations)
        .values(row)
        .onConflictDoUpdate({
          target: [invitations.tenantId, invitations.userId],
          targetWhere: sql`${invitations.status} = 'pending'`,
          set: {
            role: row.role,
            invitedByUserId: row.invitedByUserId,
            invitedByLabel: row.invitedByLabel,
            expiresAt: row.expiresAt,
            createdAt: sql`now()`,
          },
        })
        .returning();
      return saved!;
    },
    async pendingInvitationsOfTenant(tenantId: string) {
      return db
        .select({ invitation: invitations, email: users.email })
        .from(invitations)
        .innerJoin(users, eq(users.id, invitations.userId))
        .where(and(eq(invitations.tenantId, tenantId), eq(invitations.status, 'pending')))
        .orderBy(desc(invitations.createdAt), desc(invitations.id));
    },
    async pendingInvitationOfTenant(tenantId: string, id: string) {
      const [row] = await db
        .select()
        .from(invitations)
        .where(
          and(eq(invitations.tenantId, tenantId), eq(invitations.id, id), eq(invitations.status, 'pending')),
        );
      return row;
    },
    async pendingInvitationsOfUser(userId: string) {
      return db
        .select({ invitation: invitations, tenant: tenants })
        .from(invitations)
        .innerJoin(tenants, eq(tenants.id, invitations.tenantId))
        .where(and(eq(invitations.userId, userId), eq(invitations.status, 'pending')))
        .orderBy(desc(invitations.createdAt), desc(invitations.id));
    },
    /** Closes a pending invitation; false when it was not pending any more (answered meanwhile). */
    async closeInvitation(id: string, status: 'accepted' | 'declined' | 'revoked', at: Date) {
      const rows = await db
        .update(invitations)
        .set({ status, respondedAt: at })
        .where(and(eq(invitations.id, id), eq(invitations.status, 'pending')))
        .returning({ id: invitations.id });
      return rows.length > 0;
    },
    /**
     * Accepting is one statement: the invitation closes and the membership appears together, or
     * neither does (a concurrent answer finds nothing pending).
     */
    async acceptInvitation(id: string, at: Date): Promise<boolean> {
      const { rows } = await db.execute<{ closed: number }>(sql`
        WITH closed AS (
          UPDATE ${invitations} SET status = 'accepted', responded_at = ${at}
          WHERE id = ${id} AND status = 'pending'
          RETURNING tenant_id, user_id, role
        ), joined AS (
          INSERT INTO ${memberships} (tenant_id, user_id, role)
          SELECT tenant_id, user_id, role FROM closed
          ON CONFLICT (tenant_id, user_id) DO NOTHING
          RETURNING 1
        )
        SELECT (SELECT count(*) FROM closed)::int AS closed`);
      return rows[0]!.closed > 0;
    },
    async listMembers(tenantId: string) {
      return db
        .select({
          id: users.id,
          email: users.email,
          name: users.name,
          role: memberships.role,
          createdAt: memberships.createdAt,
          deactivatedAt: memberships.deactivatedAt,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.tenantId, tenantId))
        .orderBy(asc(memberships.createdAt));
    },
  };
}

export type TenantsRepository = ReturnType<typeof createTenantsRepository>;
