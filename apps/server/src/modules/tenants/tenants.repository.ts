import type { Role } from '@boveda/contracts';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../platform/db/client.js';
import { memberships, tenants, users } from './tenants.schema.js';

export type TenantRow = typeof tenants.$inferSelect;
export type UserRow = typeof users.$inferSelect;

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
    async findTenantById(id: string) {
      const [row] = await db.select().from(tenants).where(eq(tenants.id, id));
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
    async insertMembership(tenantId: string, userId: string, role: Role) {
      const rows = await db
        .insert(memberships)
        .values({ tenantId, userId, role })
        .onConflictDoNothing()
        .returning();
      return rows.length > 0;
    },
    /** The user's organizations, oldest membership first (the default on sign-in). */
    async membershipsOfUser(userId: string) {
      return db
        .select({ tenant: tenants, role: memberships.role })
        .from(memberships)
        .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
        .where(eq(memberships.userId, userId))
        .orderBy(asc(memberships.createdAt));
    },
    async membership(tenantId: string, userId: string) {
      const [row] = await db
        .select({ role: memberships.role })
        .from(memberships)
        .where(and(eq(memberships.tenantId, tenantId), eq(memberships.userId, userId)));
      return row;
    },
    async listMembers(tenantId: string) {
      return db
        .select({
          id: users.id,
          email: users.email,
          name: users.name,
          role: memberships.role,
          createdAt: memberships.createdAt,
        })
        .from(memberships)
        .innerJoin(users, eq(users.id, memberships.userId))
        .where(eq(memberships.tenantId, tenantId))
        .orderBy(asc(memberships.createdAt));
    },
  };
}

export type TenantsRepository = ReturnType<typeof createTenantsRepository>;
