import { mayActOnRole, type Role } from '@boveda/contracts';
import { appError } from '../../platform/errors/app-error.js';
import type { Actor, AuditRecorder } from '../audit/index.js';
import { hashPassword } from './password.js';
import { assertStrongPassword } from './password-rules.js';
import { tenantErrors } from './tenants.errors.js';
import type { InvitationRow, TenantsRepository } from './tenants.repository.js';

// A week and a week: long enough to span a holiday, short enough that a forgotten invitation
// (and the initial password of a new account) does not stay usable indefinitely.
const INVITATION_TTL_MS = 14 * 24 * 3600_000;

/** What the inviting organization sees: the same fields whether or not the email had an account. */
export interface InvitationView {
  id: string;
  email: string;
  role: Role;
  status: 'pending' | 'expired';
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
}

/** What the invited person sees. */
export interface ReceivedInvitation {
  id: string;
  organization: { id: string; slug: string; name: string };
  role: Role;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
}

export interface Inviter {
  role: Role;
  userId: string | null;
  /** How the invitation names who sent it (a person's email or an API key's name). */
  label: string;
}

export function createInvitations(deps: { repo: TenantsRepository; audit: AuditRecorder; now: () => Date }) {
  const { repo, audit, now } = deps;
  const expired = (row: InvitationRow) => row.expiresAt.getTime() <= now().getTime();

  const toView = (row: InvitationRow, email: string): InvitationView => ({
    id: row.id,
    email,
    role: row.role,
    status: expired(row) ? 'expired' : 'pending',
    invitedBy: row.invitedByLabel,
    createdAt: row.createdAt,
    expiresAt: row.expiresAt,
  });

  async function openInvitationOf(userId: string, id: string): Promise<InvitationRow & { tenantId: string }> {
    const found = (await repo.pendingInvitationsOfUser(userId)).find((r) => r.invitation.id === id);
    if (!found) throw tenantErrors('INVITATION_NOT_FOUND');
    if (expired(found.invitation)) throw tenantErrors('INVITATION_EXPIRED');
    return found.invitation;
  }

  return {
    /**
     * Invites a person to the organization. Nobody joins without consenting: an existing account
     * sees the invitation after signing in and accepts or declines it; a new email gets an account
     * with the password the inviter set, and its first sign-in with that password accepts. The
     * answer, and the work done before it (the password is always hashed), are the same whether or
     * not the email had an account, so an inviter cannot use this to learn who uses Bóveda.
     */
    async inviteUser(
      tenantId: string,
      input: { email: string; name?: string | null; password: string; role: Role },
      inviter: Inviter,
      actor: Actor,
    ): Promise<InvitationView> {
      if (!mayActOnRole(inviter.role, input.role)) {
        throw appError('ROLE_ABOVE_OWN', `You cannot invite someone as ${input.role}.`);
      }
      assertStrongPassword(input.password);
      const email = input.email.trim().toLowerCase();
      const passwordHash = await hashPassword(input.password);
      let user = await repo.findUserByEmail(email);
      if (user && (await repo.anyMembership(tenantId, user.id))) throw tenantErrors('USER_ALREADY_MEMBER');
      let createdAccount = false;
      if (!user) {
        user = await repo.insertUserIfNew(email, input.name?.trim() || null, passwordHash);
        createdAccount = user !== undefined;
        user ??= await repo.findUserByEmail(email);
      }
      const invitation = await repo.upsertPendingInvitation({
        tenantId,
        userId: user!.id,
        role: input.role,
        createdAccount,
        invitedByUserId: inviter.userId,
        invitedByLabel: inviter.label,
        expiresAt: new Date(now().getTime() + INVITATION_TTL_MS),
      });
      await audit.record({
        tenantId,
        actor,
        action: 'user.invited',
        target: { type: 'invitation', id: invitation.id },
        metadata: { email, role: input.role },
      });
      return toView(invitation, email);
    },

    /** The organization's open invitations (expired ones included, marked so), newest first. */
    async listInvitations(tenantId: string): Promise<InvitationView[]> {
      return (await repo.pendingInvitationsOfTenant(tenantId)).map((r) => toView(r.invitation, r.email));
    },

    async revokeInvitation(tenantId: string, id: string, actorRole: Role, actor: Actor): Promise<void> {
      const row = await repo.pendingInvitationOfTenant(tenantId, id);
      if (!row) throw tenantErrors('INVITATION_NOT_FOUND');
      if (!mayActOnRole(actorRole, row.role)) {
        throw appError('ROLE_ABOVE_OWN', `Only an ${row.role} can revoke an invitation as ${row.role}.`);
      }
      if (await repo.closeInvitation(id, 'revoked', now())) {
        await audit.record({
          tenantId,
          actor,
          action: 'invitation.revoked',
          target: { type: 'invitation', id },
        });
      }
    },

    /** Invitations waiting for this person's answer (expired ones are left out). */
    async invitationsFor(userId: string): Promise<ReceivedInvitation[]> {
      return (await repo.pendingInvitationsOfUser(userId))
        .filter((r) => !expired(r.invitation))
        .map(({ invitation, tenant }) => ({
          id: invitation.id,
          organization: { id: tenant.id, slug: tenant.slug, name: tenant.name },
          role: invitation.role,
          invitedBy: invitation.invitedByLabel,
          createdAt: invitation.createdAt,
          expiresAt: invitation.expiresAt,
        }));
    },

    /** The person joins with the invited role. */
    async acceptInvitation(userId: string, id: string, actor: Actor) {
      const invitation = await openInvitationOf(userId, id);
      if (!(await repo.acceptInvitation(id, now()))) throw tenantErrors('INVITATION_NOT_FOUND');
      await audit.record({
        tenantId: invitation.tenantId,
        actor,
        action: 'invitation.accepted',
        target: { type: 'invitation', id },
        metadata: { role: invitation.role },
      });
      const tenant = await repo.findTenantById(invitation.tenantId);
      return {
        organization: { id: tenant!.id, slug: tenant!.slug, name: tenant!.name },
        role: invitation.role,
      };
    },

    async declineInvitation(userId: string, id: string, actor: Actor): Promise<void> {
      const invitation = await openInvitationOf(userId, id);
      if (!(await repo.closeInvitation(id, 'declined', now()))) throw tenantErrors('INVITATION_NOT_FOUND');
      await audit.record({
        tenantId: invitation.tenantId,
        actor,
        action: 'invitation.declined',
        target: { type: 'invitation', id },
      });
    },

    /**
     * At sign-in with the right password: the invitations that created this account are accepted,
     * since the person proved they received the password the inviter chose for them.
     */
    async acceptAccountInvitations(userId: string, actor: Actor): Promise<void> {
      for (const { invitation } of await repo.pendingInvitationsOfUser(userId)) {
        if (!invitation.createdAccount || expired(invitation)) continue;
        if (await repo.acceptInvitation(invitation.id, now())) {
          await audit.record({
            tenantId: invitation.tenantId,
            actor,
            action: 'invitation.accepted',
            target: { type: 'invitation', id: invitation.id },
            metadata: { role: invitation.role, firstSignIn: true },
          });
        }
      }
    },
  };
}
