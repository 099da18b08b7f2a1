import { type Role, roleAtLeast } from '@boveda/contracts';

export const SIGN_IN_PATH = '/iniciar-sesion';

/** The server only lets admins and owners read API keys and the audit log; others get 403. */
export const pages = [
  { path: '/claves-api', nav: 'apiKeys', minRole: 'admin' },
  { path: '/usuarios', nav: 'users', minRole: 'viewer' },
  { path: '/auditoria', nav: 'audit', minRole: 'admin' },
] as const satisfies readonly { path: string; nav: string; minRole: Role }[];

export function pagesFor(role: Role) {
  return pages.filter((p) => roleAtLeast(role, p.minRole));
}

/** Where a freshly signed-in person lands: API keys when they may see them. */
export function homeFor(role: Role): string {
  return pagesFor(role)[0]?.path ?? '/usuarios';
}
