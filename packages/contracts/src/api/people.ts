import { z } from 'zod';
import { pageOf } from '../primitives.js';
import { roleSchema } from '../roles.js';

/** An organization as its members see it; `slug` is what sign-in and switching name it by. */
export const organizationRef = z.object({ id: z.string(), slug: z.string(), name: z.string() });

/** `GET /api/v1/users`: a member of the organization. */
export const userItem = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  role: roleSchema,
  /** `deactivated`: kept in the organization, but cannot sign in to it or use what they held. */
  status: z.enum(['active', 'deactivated']),
  createdAt: z.string(),
});
/** Every member at once: `nextCursor` is always null. */
export const userPage = pageOf(userItem);

/** `POST /api/v1/users`: the same answer whether or not the email already has an account. */
export const inviteUserBody = z.object({
  email: z.email().max(320),
  name: z.string().trim().max(200).optional(),
  /** Used only when the email has no account yet: it becomes that account's password. */
  password: z.string().min(1).max(1024),
  role: roleSchema,
});

/** An invitation as the inviting organization sees it (the same for new and existing emails). */
export const invitationItem = z.object({
  id: z.string(),
  email: z.string(),
  role: roleSchema,
  status: z.enum(['pending', 'expired']),
  invitedBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
/** Every open invitation at once: `nextCursor` is always null. */
export const invitationPage = pageOf(invitationItem);

/** An invitation addressed to the signed-in person, from any organization. */
export const receivedInvitationItem = z.object({
  id: z.string(),
  organization: organizationRef,
  role: roleSchema,
  invitedBy: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
});
/** Every invitation waiting for an answer at once: `nextCursor` is always null. */
export const receivedInvitationPage = pageOf(receivedInvitationItem);

/** `POST /api/v1/me/invitations/:id/accept`: the organization joined, with the invited role. */
export const acceptedInvitation = z.object({ organization: organizationRef, role: roleSchema });

/** `PATCH /api/v1/users/:id`: a member's new role (the role rules in `mayActOnRole`). */
export const changeRoleBody = z.object({ role: roleSchema });

/** A password as sign-up, change and reset accept it (the 10-character floor answers WEAK_PASSWORD). */
const newPassword = z.string().min(1).max(1024);

/** `POST /api/v1/me/password`: the signed-in person changes their own password. */
export const changePasswordBody = z.object({
  currentPassword: z.string().min(1).max(1024),
  newPassword,
});

/** `POST /api/v1/auth/password-reset` ("¿Olvidaste tu contraseña?"): always 202. */
export const passwordResetRequestBody = z.object({ email: z.email().max(320) });

/** `POST /api/v1/auth/password-reset/confirm`: the token from the e-mailed link, once. */
export const passwordResetConfirmBody = z.object({
  token: z.string().min(1).max(200),
  password: newPassword,
});

export type OrganizationRef = z.output<typeof organizationRef>;
export type UserItem = z.output<typeof userItem>;
export type UserPage = z.output<typeof userPage>;
export type InviteUserBody = z.input<typeof inviteUserBody>;
export type InvitationItem = z.output<typeof invitationItem>;
export type InvitationPage = z.output<typeof invitationPage>;
export type ReceivedInvitationItem = z.output<typeof receivedInvitationItem>;
export type ReceivedInvitationPage = z.output<typeof receivedInvitationPage>;
export type AcceptedInvitation = z.output<typeof acceptedInvitation>;
export type ChangeRoleBody = z.input<typeof changeRoleBody>;
export type ChangePasswordBody = z.input<typeof changePasswordBody>;
export type PasswordResetRequestBody = z.input<typeof passwordResetRequestBody>;
export type PasswordResetConfirmBody = z.input<typeof passwordResetConfirmBody>;
