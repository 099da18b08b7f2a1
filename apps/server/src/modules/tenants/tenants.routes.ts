import {
  acceptedInvitation,
  changePasswordBody,
  changeRoleBody,
  type InvitationItem,
  idParams,
  invitationItem,
  invitationPage,
  inviteUserBody,
  organizationSettings,
  passwordResetConfirmBody,
  passwordResetRequestBody,
  type ReceivedInvitationItem,
  receivedInvitationPage,
  type UserItem,
  updateOrganizationSettingsBody,
  userPage,
} from '@boveda/contracts';
import { appError } from '../../platform/errors/app-error.js';
import type { HttpServer } from '../../platform/http/create-http-server.js';
import { actorOf, type Guard, identityOf } from '../../platform/http/identity.js';
import { noContent } from '../../platform/http/openapi.js';
import type { InvitationView, ReceivedInvitation } from './invitations.service.js';
import type { Manager, People } from './people.service.js';
import type { TenantsService } from './tenants.service.js';

type Member = Awaited<ReturnType<TenantsService['listUsers']>>[number];
const toItem = (m: Member): UserItem => ({
  id: m.id,
  email: m.email,
  name: m.name,
  role: m.role,
  status: m.deactivatedAt ? 'deactivated' : 'active',
  createdAt: m.createdAt.toISOString(),
});
const toInvitation = (i: InvitationView): InvitationItem => ({
  id: i.id,
  email: i.email,
  role: i.role,
  status: i.status,
  invitedBy: i.invitedBy,
  createdAt: i.createdAt.toISOString(),
  expiresAt: i.expiresAt.toISOString(),
});
const toReceived = (i: ReceivedInvitation): ReceivedInvitationItem => ({
  id: i.id,
  organization: i.organization,
  role: i.role,
  invitedBy: i.invitedBy,
  createdAt: i.createdAt.toISOString(),
  expiresAt: i.expiresAt.toISOString(),
});
// These lists are whole: the envelope is every list's, with no next page.
const whole = <T>(items: T[]) => ({ items, nextCursor: null });

/** The person behind a web session; API keys have no invitations of their own. */
function personOf(
  req: Parameters<typeof identityOf>[0],
  why = 'Invitations belong to people: sign in instead of using an API key.',
): string {
  const { userId } = identityOf(req);
  if (!userId) throw appError('FORBIDDEN', why);
  return userId;
}

const managerOf = (req: Parameters<typeof identityOf>[0]): Manager & { label: string } => {
  const id = identityOf(req);
  return { role: id.role, userId: id.userId, label: id.actor.label ?? id.actor.type };
};
const clientOf = (req: { ip: string; headers: { 'user-agent'?: string | undefined } }) => ({
  ip: req.ip,
  ...(req.headers['user-agent'] ? { userAgent: req.headers['user-agent'] } : {}),
});

export function registerTenantRoutes(
  app: HttpServer,
  deps: { tenants: TenantsService; people: People; guard: Guard; resetRateLimitPerMinute: number },
) {
  const { tenants, people, guard } = deps;

  app.get(
    '/api/v1/organization/settings',
    {
      schema: {
        operationId: 'getOrganizationSettings',
        tags: ['organization'],
        summary: "The organization's settings (whether API key requests must be signed)",
        response: { 200: organizationSettings },
      },
      preHandler: guard('viewer'),
    },
    async (req) => tenants.settings(identityOf(req).tenantId),
  );

  app.patch(
    '/api/v1/organization/settings',
    {
      schema: {
        operationId: 'updateOrganizationSettings',
        tags: ['organization'],
        summary: "Change the organization's settings (audited as organization.settings.changed)",
        body: updateOrganizationSettingsBody,
        response: { 200: organizationSettings },
      },
      preHandler: guard('admin'),
    },
    async (req) => tenants.updateSettings(identityOf(req).tenantId, req.body, actorOf(req)),
  );

  app.get(
    '/api/v1/users',
    {
      schema: {
        operationId: 'listUsers',
        tags: ['users'],
        summary: 'People in the organization',
        response: { 200: userPage },
      },
      preHandler: guard('viewer'),
    },
    async (req) => whole((await tenants.listUsers(identityOf(req).tenantId)).map(toItem)),
  );

  app.post(
    '/api/v1/users',
    {
      schema: {
        operationId: 'inviteUser',
        tags: ['users'],
        summary: 'Invite a person to the organization',
        description:
          'Answers 202 with the invitation, the same whether or not the email already has an account. ' +
          'A person with an account sees the invitation after signing in and accepts or declines it; until ' +
          'then they cannot sign in to this organization. A new email gets an account with `password`, and ' +
          'its first sign-in accepts. Nobody may invite above their own role (403 ROLE_ABOVE_OWN).',
        body: inviteUserBody,
        response: { 202: invitationItem },
        errors: ['ROLE_ABOVE_OWN', 'WEAK_PASSWORD', 'USER_ALREADY_MEMBER'],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) => {
      const id = identityOf(req);
      const invitation = await tenants.inviteUser(
        id.tenantId,
        req.body,
        { role: id.role, userId: id.userId, label: id.actor.label },
        actorOf(req),
      );
      return reply.status(202).send(toInvitation(invitation));
    },
  );

  app.get(
    '/api/v1/invitations',
    {
      schema: {
        operationId: 'listInvitations',
        tags: ['users'],
        summary: "The organization's open invitations, newest first (expired ones marked)",
        response: { 200: invitationPage },
      },
      preHandler: guard('admin'),
    },
    async (req) => whole((await tenants.listInvitations(identityOf(req).tenantId)).map(toInvitation)),
  );

  app.delete(
    '/api/v1/invitations/:id',
    {
      schema: {
        operationId: 'revokeInvitation',
        tags: ['users'],
        summary: 'Revoke an open invitation',
        params: idParams,
        response: { 204: noContent('Revoked') },
        errors: ['INVITATION_NOT_FOUND', 'ROLE_ABOVE_OWN'],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) => {
      const id = identityOf(req);
      await tenants.revokeInvitation(id.tenantId, req.params.id, id.role, actorOf(req));
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/v1/me/invitations',
    {
      schema: {
        operationId: 'listMyInvitations',
        tags: ['users'],
        summary: 'Invitations waiting for your answer, from any organization',
        response: { 200: receivedInvitationPage },
      },
      preHandler: guard('viewer'),
    },
    async (req) => whole((await tenants.invitationsFor(personOf(req))).map(toReceived)),
  );

  app.post(
    '/api/v1/me/invitations/:id/accept',
    {
      schema: {
        operationId: 'acceptInvitation',
        tags: ['users'],
        summary: 'Accept an invitation: you join that organization with the invited role',
        params: idParams,
        response: { 200: acceptedInvitation },
        errors: ['INVITATION_NOT_FOUND', 'INVITATION_EXPIRED'],
      },
      preHandler: guard('viewer'),
    },
    async (req) => tenants.acceptInvitation(personOf(req), req.params.id, actorOf(req)),
  );

  app.post(
    '/api/v1/me/invitations/:id/decline',
    {
      schema: {
        operationId: 'declineInvitation',
        tags: ['users'],
        summary: 'Decline an invitation',
        params: idParams,
        response: { 204: noContent('Declined') },
        errors: ['INVITATION_NOT_FOUND', 'INVITATION_EXPIRED'],
      },
      preHandler: guard('viewer'),
    },
    async (req, reply) => {
      await tenants.declineInvitation(personOf(req), req.params.id, actorOf(req));
      return reply.status(204).send();
    },
  );

  const membershipErrors = [
    'MEMBER_NOT_FOUND',
    'ROLE_ABOVE_OWN',
    'CANNOT_CHANGE_SELF',
    'LAST_OWNER',
  ] as const;

  app.patch(
    '/api/v1/users/:id',
    {
      schema: {
        operationId: 'changeUserRole',
        tags: ['users'],
        summary: "Change a member's role",
        description:
          'Nobody changes their own role (403 CANNOT_CHANGE_SELF), acts on or grants a role above their own ' +
          '(403 ROLE_ABOVE_OWN: only an owner makes or unmakes owners), or demotes the last active owner (409 LAST_OWNER).',
        params: idParams,
        body: changeRoleBody,
        response: { 204: noContent('Changed (also when the role was already that one)') },
        errors: [...membershipErrors],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) => {
      await people.changeRole(
        identityOf(req).tenantId,
        req.params.id,
        req.body.role,
        managerOf(req),
        actorOf(req),
      );
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/users/:id/deactivate',
    {
      schema: {
        operationId: 'deactivateUser',
        tags: ['users'],
        summary:
          'Deactivate a member: their sessions, the API keys they created and their OAuth tokens end at once',
        description:
          'The membership stays, listed as `deactivated`, and grants nothing until reactivated. Only this ' +
          "organization is affected: the person's account and other organizations are not.",
        params: idParams,
        response: { 204: noContent('Deactivated (also when it already was)') },
        errors: [...membershipErrors],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) => {
      await people.deactivate(identityOf(req).tenantId, req.params.id, managerOf(req), actorOf(req));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/users/:id/reactivate',
    {
      schema: {
        operationId: 'reactivateUser',
        tags: ['users'],
        summary: 'Reactivate a member (they sign in again; revoked sessions and keys stay revoked)',
        params: idParams,
        response: { 204: noContent('Reactivated (also when it was active)') },
        errors: ['MEMBER_NOT_FOUND', 'ROLE_ABOVE_OWN', 'CANNOT_CHANGE_SELF'],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) => {
      await people.reactivate(identityOf(req).tenantId, req.params.id, managerOf(req), actorOf(req));
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/v1/users/:id',
    {
      schema: {
        operationId: 'removeUser',
        tags: ['users'],
        summary:
          'Remove a person from the organization: their sessions, the API keys they created and their OAuth tokens end at once',
        params: idParams,
        response: { 204: noContent('Removed') },
        errors: [...membershipErrors],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) => {
      await people.remove(identityOf(req).tenantId, req.params.id, managerOf(req), actorOf(req));
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/users/:id/password-reset',
    {
      schema: {
        operationId: 'sendPasswordResetLink',
        tags: ['users'],
        summary: 'E-mail a member a link to choose a new password (no password is set or shown)',
        params: idParams,
        response: { 202: noContent('The link is queued for delivery') },
        errors: ['MEMBER_NOT_FOUND', 'ROLE_ABOVE_OWN', 'MEMBER_DEACTIVATED'],
      },
      preHandler: guard('admin'),
    },
    async (req, reply) => {
      await people.sendResetLink(identityOf(req).tenantId, req.params.id, managerOf(req), actorOf(req));
      return reply.status(202).send();
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      schema: {
        operationId: 'changeMyPassword',
        tags: ['users'],
        summary: 'Change your own password (your other sessions end; this one stays)',
        body: changePasswordBody,
        response: { 204: noContent('Changed') },
        errors: ['CURRENT_PASSWORD_WRONG', 'WEAK_PASSWORD'],
      },
      preHandler: guard('viewer'),
    },
    async (req, reply) => {
      const userId = personOf(req, 'Passwords belong to people: sign in instead of using an API key.');
      await people.changeOwnPassword(
        { userId, sessionId: identityOf(req).sessionId },
        req.body,
        actorOf(req),
      );
      return reply.status(204).send();
    },
  );

  const resetRateLimit = { rateLimit: { max: deps.resetRateLimitPerMinute, timeWindow: '1 minute' } };

  app.post(
    '/api/v1/auth/password-reset',
    {
      config: resetRateLimit,
      schema: {
        operationId: 'requestPasswordReset',
        tags: ['auth'],
        summary: '"¿Olvidaste tu contraseña?": e-mails a reset link when the address has an account',
        description:
          'Always 202, whether or not the email has an account, so the form cannot tell who uses Bóveda. ' +
          'At most one mail per person per minute. The link works once, for PASSWORD_RESET_TTL_MINUTES.',
        security: [],
        body: passwordResetRequestBody,
        response: { 202: noContent('Accepted (a mail is sent only when the account exists)') },
      },
    },
    async (req, reply) => {
      await people.requestReset(req.body.email, clientOf(req));
      return reply.status(202).send();
    },
  );

  app.post(
    '/api/v1/auth/password-reset/confirm',
    {
      config: resetRateLimit,
      schema: {
        operationId: 'confirmPasswordReset',
        tags: ['auth'],
        summary: "Set a new password with a reset link's token (once); every session of the person ends",
        security: [],
        body: passwordResetConfirmBody,
        response: { 204: noContent('The password is set; sign in with it') },
        errors: ['PASSWORD_RESET_INVALID', 'WEAK_PASSWORD'],
      },
    },
    async (req, reply) => {
      await people.confirmReset(req.body.token, req.body.password, clientOf(req));
      return reply.status(204).send();
    },
  );
}
