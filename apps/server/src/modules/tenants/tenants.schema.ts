import { sql } from 'drizzle-orm';
import {
  boolean,
  index,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

export const roleEnum = pgEnum('role', ['owner', 'admin', 'member', 'viewer']);

export const tenants = pgTable('tenants', {
  id: uuid('id').primaryKey().defaultRandom(),
  slug: text('slug').notNull().unique(),
  name: text('name').notNull(),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  /** Every request by one of its API keys must be signed (modules/auth, docs/signed-requests.md). */
  requireSignedRequests: boolean('require_signed_requests').notNull().default(false),
});

/** People. One person may belong to several organizations (an accounting firm's staff). */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    email: text('email').notNull(),
    name: text('name'),
    /** scrypt, self-describing: `scrypt$N$r$p$salt$hash`. */
    passwordHash: text('password_hash').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    disabledAt: timestamp('disabled_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('users_email_lower_idx').on(sql`lower(${t.email})`)],
);

export const memberships = pgTable(
  'memberships',
  {
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    /**
     * Set while an admin has deactivated the person in this organization (not their account: they
     * may work for other organizations). A deactivated membership grants nothing.
     */
    deactivatedAt: timestamp('deactivated_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.userId] })],
);

/**
 * Password reset links ("¿Olvidaste tu contraseña?" or sent by an admin). Only the SHA-256 of the
 * 256-bit token is stored; a token is used once (`used_at`), expires (`expires_at`), and a newer
 * link, a reset or a password change closes the older ones.
 */
export const passwordResets = pgTable(
  'password_resets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    /** Who asked: `self` (the public form), an admin's or API key's label, or the CLI's. */
    requestedBy: text('requested_by').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
  },
  (t) => [index('password_resets_user_open_idx').on(t.userId).where(sql`${t.usedAt} IS NULL`)],
);

export const invitationStatusEnum = pgEnum('invitation_status', [
  'pending',
  'accepted',
  'declined',
  'revoked',
]);

/**
 * A person asked to join an organization. Nobody joins an organization without consenting:
 * a person who already has an account accepts or declines after signing in. A person whose
 * account the invitation created (a new email, with the password the admin set) accepts by
 * signing in with it for the first time (`created_account`, never shown to the inviter, so the
 * inviter cannot tell a new email from an existing one).
 */
export const invitations = pgTable(
  'invitations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    tenantId: uuid('tenant_id')
      .notNull()
      .references(() => tenants.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: roleEnum('role').notNull(),
    status: invitationStatusEnum('status').notNull().default('pending'),
    createdAccount: boolean('created_account').notNull().default(false),
    invitedByUserId: uuid('invited_by_user_id').references(() => users.id, { onDelete: 'set null' }),
    /** Who invited, as the audit trail names them (a person's email or an API key's name). */
    invitedByLabel: text('invited_by_label').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    respondedAt: timestamp('responded_at', { withTimezone: true }),
  },
  (t) => [
    // At most one open invitation per person and organization; a new one replaces it.
    uniqueIndex('invitations_one_pending_idx').on(t.tenantId, t.userId).where(sql`${t.status} = 'pending'`),
    index('invitations_user_pending_idx').on(t.userId).where(sql`${t.status} = 'pending'`),
  ],
);
