import { z } from 'zod';

export const roles = ['owner', 'admin', 'member', 'viewer'] as const;
export type Role = (typeof roles)[number];
export const roleSchema = z.enum(roles);

/** Higher rank may do everything a lower rank may. */
export const roleRank: Record<Role, number> = { viewer: 0, member: 1, admin: 2, owner: 3 };

export function roleAtLeast(role: Role, required: Role): boolean {
  return roleRank[role] >= roleRank[required];
}

/**
 * The one rule for acting on API keys, people and invitations: nobody creates, grants, changes
 * or revokes anything of a higher role than their own. An admin may act on admins, members and
 * viewers; only an owner acts on owners. Refusals are 403 `ROLE_ABOVE_OWN`.
 */
export function mayActOnRole(actor: Role, target: Role): boolean {
  return roleAtLeast(actor, target);
}
