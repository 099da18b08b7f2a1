import { createHash, randomBytes } from 'node:crypto';
import { mayActOnRole, type Role } from '@boveda/contracts';
import type { Tx, UnitOfWork } from '../../platform/db/transaction.js';
import { type Email, layout, renderEmail } from '../../platform/email/index.js';
import { appError } from '../../platform/errors/app-error.js';
import type { Actor, AuditRecorder } from '../audit/index.js';
import type { AccessEnder } from './access.js';
import { hashPassword, verifyPassword } from './password.js';
import { assertStrongPassword } from './password-rules.js';
import { passwordResetEmail } from './tenants.emails.js';
import { tenantErrors } from './tenants.errors.js';
import { createTenantsRepository, type TenantsRepository } from './tenants.repository.js';

/** Who manages a membership: their role, and their person (null for an API key or OAuth app). */
export interface Manager {
  role: Role;
  userId: string | null;
}

const sha256 = (value: string) => createHash('sha256').update(value).digest('hex');

// One "¿Olvidaste tu contraseña?" mail per person per minute, whatever the IPs asking: the public
// form cannot be used to flood someone's inbox (the per-IP limit alone would not stop that).
const RESET_MAIL_EVERY_MS = 60_000;

export function createPeople(deps: {
  repo: TenantsRepository;
  audit: AuditRecorder;
  transaction: UnitOfWork;
  email: Email;
  /** Filled by the composition root with the modules built after this one (auth, oauth). */
  access: readonly AccessEnder[];
  /** Where the reset page lives: `${appUrl}/restablecer?token=…`. Never taken from a request's Host. */
  appUrl: string;
  resetTtlMinutes: number;
  now: () => Date;
}) {
  const { repo, audit, now } = deps;

  async function endAccess(
    run: (e: AccessEnder) => Promise<Record<string, number>> | undefined,
  ): Promise<Record<string, number>> {
    const ended: Record<string, number> = {};
    for (const e of deps.access) Object.assign(ended, await run(e));
    return ended;
  }

  /** Person-level events (their password) go to every organization they are active in, so its admins see them. */
  async function recordForPerson(
    userId: string,
    event: { actor: Actor; action: string; metadata?: Record<string, unknown> },
  ) {
    const orgs = await repo.membershipsOfUser(userId);
    const tenantIds = orgs.length > 0 ? orgs.map((m) => m.tenant.id) : [null];
    for (const tenantId of tenantIds)
      await audit.record({ tenantId, target: { type: 'user', id: userId }, ...event });
  }

  /**
   * One change to a membership, in one transaction under the owners' and the member's row locks:
   * nobody changes their own membership, nobody acts on a role above their own (as for invitations
   * and API keys), and the organization always keeps an active owner.
   */
  async function changeMembership<T>(
    tenantId: string,
    userId: string,
    manager: Manager,
    change: (
      tx: Tx,
      r: TenantsRepository,
      current: { role: Role; deactivatedAt: Date | null },
      lastOwner: boolean,
    ) => Promise<T>,
  ): Promise<T> {
    if (manager.userId === userId)
      throw tenantErrors('CANNOT_CHANGE_SELF', 'Ask another owner or admin to change your membership.');
    return deps.transaction(async (tx) => {
      const r = createTenantsRepository(tx.db);
      const owners = await r.lockActiveOwners(tenantId);
      const current = await r.membershipForUpdate(tenantId, userId);
      if (!current) throw tenantErrors('MEMBER_NOT_FOUND');
      if (!mayActOnRole(manager.role, current.role))
        throw appError('ROLE_ABOVE_OWN', `Only an ${current.role} can change an ${current.role}.`);
      const lastOwner = owners.length === 1 && owners[0] === userId;
      return change(tx, r, current, lastOwner);
    });
  }

  const resetLink = (token: string) => `${deps.appUrl.replace(/\/$/, '')}/restablecer?token=${token}`;

  /** Opens a reset link for the person (closing older ones) and, unless `mail` is false, mails it. */
  async function issueReset(
    user: { id: string; email: string },
    requestedBy: string,
    reason: string,
    mail = true,
  ) {
    const token = randomBytes(32).toString('base64url');
    const link = resetLink(token);
    await deps.transaction(async (tx) => {
      const r = createTenantsRepository(tx.db);
      await r.closeOpenResets(user.id, now());
      await r.insertReset({
        userId: user.id,
        tokenHash: sha256(token),
        requestedBy,
        expiresAt: new Date(now().getTime() + deps.resetTtlMinutes * 60_000),
      });
      if (mail)
        await deps.email.enqueue(
          {
            to: user.email,
            ...layout(renderEmail(passwordResetEmail, { link, minutes: deps.resetTtlMinutes, reason })),
          },
          { tx },
        );
    });
    return link;
  }

  return {
    async changeRole(tenantId: string, userId: string, role: Role, manager: Manager, actor: Actor) {
      if (!mayActOnRole(manager.role, role))
        throw appError('ROLE_ABOVE_OWN', `You cannot make someone ${role}.`);
      const before = await changeMembership(tenantId, userId, manager, async (_tx, r, current, lastOwner) => {
        if (current.role === role) return current.role;
        if (lastOwner) throw tenantErrors('LAST_OWNER');
        await r.setRole(tenantId, userId, role);
        return current.role;
      });
      if (before !== role)
        await audit.record({
          tenantId,
          actor,
          action: 'user.role_changed',
          target: { type: 'user', id: userId },
          metadata: { changes: { role: { before, after: role } } },
        });
    },

    /** Suspends the person here: their sessions, the keys they created and their OAuth tokens end now. */
    async deactivate(tenantId: string, userId: string, manager: Manager, actor: Actor) {
      const ended = await changeMembership(tenantId, userId, manager, async (tx, r, current, lastOwner) => {
        if (current.deactivatedAt) return null;
        if (lastOwner) throw tenantErrors('LAST_OWNER');
        await r.setDeactivated(tenantId, userId, now());
        return endAccess((e) => e.endMembership?.(tx, tenantId, userId));
      });
      if (ended)
        await audit.record({
          tenantId,
          actor,
          action: 'user.deactivated',
          target: { type: 'user', id: userId },
          metadata: { ended },
        });
    },

    /** Gives the membership back; nothing ended by the deactivation comes back (they sign in again). */
    async reactivate(tenantId: string, userId: string, manager: Manager, actor: Actor) {
      const changed = await changeMembership(tenantId, userId, manager, async (_tx, r, current) => {
        if (!current.deactivatedAt) return false;
        await r.setDeactivated(tenantId, userId, null);
        return true;
      });
      if (changed)
        await audit.record({
          tenantId,
          actor,
          action: 'user.reactivated',
          target: { type: 'user', id: userId },
        });
    },

    /** Removes the membership; the account stays (the person may belong to other organizations). */
    async remove(tenantId: string, userId: string, manager: Manager, actor: Actor) {
      const { role, ended } = await changeMembership(
        tenantId,
        userId,
        manager,
        async (tx, r, current, lastOwner) => {
          if (lastOwner) throw tenantErrors('LAST_OWNER');
          await r.deleteMembership(tenantId, userId);
          return {
            role: current.role,
            ended: await endAccess((e) => e.endMembership?.(tx, tenantId, userId)),
          };
        },
      );
      await audit.record({
        tenantId,
        actor,
        action: 'user.removed',
        target: { type: 'user', id: userId },
        metadata: { role, ended },
      });
    },

    /** The signed-in person's own password: their other sessions end, this one stays. */
    async changeOwnPassword(
      person: { userId: string; sessionId: string | null },
      input: { currentPassword: string; newPassword: string },
      actor: Actor,
    ) {
      const user = await repo.findUserById(person.userId);
      if (!user) throw tenantErrors('MEMBER_NOT_FOUND');
      if (!(await verifyPassword(input.currentPassword, user.passwordHash)))
        throw tenantErrors('CURRENT_PASSWORD_WRONG');
      assertStrongPassword(input.newPassword);
      const passwordHash = await hashPassword(input.newPassword);
      const ended = await deps.transaction(async (tx) => {
        const r = createTenantsRepository(tx.db);
        await r.setPasswordHash(user.id, passwordHash);
        await r.closeOpenResets(user.id, now());
        return endAccess((e) => e.endSessions?.(tx, user.id, person.sessionId));
      });
      await recordForPerson(user.id, { actor, action: 'user.password_changed', metadata: { ended } });
    },

    /** An admin mails a member a reset link (Bóveda never sets or shows their password). */
    async sendResetLink(
      tenantId: string,
      userId: string,
      manager: Manager & { label: string },
      actor: Actor,
    ) {
      const membership = await repo.anyMembership(tenantId, userId);
      if (!membership) throw tenantErrors('MEMBER_NOT_FOUND');
      if (!mayActOnRole(manager.role, membership.role))
        throw appError(
          'ROLE_ABOVE_OWN',
          `Only an ${membership.role} can reset an ${membership.role}'s password.`,
        );
      if (membership.deactivatedAt) throw tenantErrors('MEMBER_DEACTIVATED');
      const user = (await repo.findUserById(userId))!;
      const tenant = await repo.findTenantById(tenantId);
      await issueReset(
        user,
        manager.label,
        `${manager.label}, de ${tenant!.name}, te envió un enlace para restablecer tu contraseña de Bóveda.`,
      );
      await audit.record({
        tenantId,
        actor,
        action: 'user.password_reset_requested',
        target: { type: 'user', id: userId },
        metadata: { by: 'admin' },
      });
    },

    /**
     * "¿Olvidaste tu contraseña?": mails a link when the email has an account, and does nothing
     * otherwise; the caller answers 202 either way.
     */
    async requestReset(email: string, client: { ip: string; userAgent?: string }) {
      const user = await repo.findUserByEmail(email.trim().toLowerCase());
      if (!user || user.disabledAt) return;
      const latest = await repo.latestOpenReset(user.id);
      if (latest && now().getTime() - latest.createdAt.getTime() < RESET_MAIL_EVERY_MS) return;
      await issueReset(
        user,
        'self',
        'Alguien (probablemente tú) pidió restablecer la contraseña de tu cuenta de Bóveda.',
      );
      await recordForPerson(user.id, {
        actor: { type: 'user', id: user.id, label: user.email, ...client },
        action: 'user.password_reset_requested',
        metadata: { by: 'self' },
      });
    },

    /** The CLI's link for a member: printed, not mailed. */
    async resetLinkFor(tenantId: string, email: string, actor: Actor) {
      const user = await repo.findUserByEmail(email.trim().toLowerCase());
      const membership = user ? await repo.anyMembership(tenantId, user.id) : undefined;
      if (!user || !membership) throw tenantErrors('MEMBER_NOT_FOUND');
      const link = await issueReset(user, actor.label ?? 'cli', '', false);
      await audit.record({
        tenantId,
        actor,
        action: 'user.password_reset_requested',
        target: { type: 'user', id: user.id },
        metadata: { by: 'cli' },
      });
      return { link, expiresInMinutes: deps.resetTtlMinutes };
    },

    /** Uses a link once: the new password is set and every session of the person ends. */
    async confirmReset(token: string, password: string, client: { ip: string; userAgent?: string }) {
      assertStrongPassword(password);
      const passwordHash = await hashPassword(password);
      const { user, ended } = await deps.transaction(async (tx) => {
        const r = createTenantsRepository(tx.db);
        const used = await r.consumeReset(sha256(token), now());
        const user = used ? await r.findUserById(used.userId) : undefined;
        if (!user || user.disabledAt) throw tenantErrors('PASSWORD_RESET_INVALID');
        await r.setPasswordHash(user.id, passwordHash);
        await r.closeOpenResets(user.id, now());
        return { user, ended: await endAccess((e) => e.endSessions?.(tx, user.id, null)) };
      });
      await recordForPerson(user.id, {
        actor: { type: 'user', id: user.id, label: user.email, ...client },
        action: 'user.password_reset',
        metadata: { ended },
      });
    },
  };
}

export type People = ReturnType<typeof createPeople>;
