import {
  acceptedInvitation,
  type InvitationItem,
  idParams,
  invitationItem,
  invitationPage,
  inviteUserBody,
  organizationSettings,
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
import type { TenantsService } from './tenants.service.js';

type Member = Awaited<ReturnType<TenantsService['listUsers']>>[number];
const toItem = (m: Member): UserItem => ({
  id: m.id,
  email: m.email,
  name: m.name,
  role: m.role,
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
function personOf(req: Parameters<typeof identityOf>[0]): string {
  const { userId } = identityOf(req);
  if (!userId)
    throw appError('FORBIDDEN', 'Invitations belong to people: sign in instead of using an API key.');
  return userId;
}

export function registerTenantRoutes(app: HttpServer, deps: { tenants: TenantsService; guard: Guard }) {
  const { tenants, guard } = deps;

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
}
