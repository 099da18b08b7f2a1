import { type Role, roleAtLeast } from '@boveda/contracts';

export const SIGN_IN_PATH = '/iniciar-sesion';

/**
 * The server only lets admins and owners read API keys and the audit log; others get 403.
 * Taxpayers come first: the SAT vault is what a contador opens Bóveda for.
 */
export const pages = [
  { path: '/contribuyentes', nav: 'taxpayers', minRole: 'viewer' },
  { path: '/cfdi', nav: 'cfdi', minRole: 'viewer' },
  { path: '/claves-api', nav: 'apiKeys', minRole: 'admin' },
  { path: '/usuarios', nav: 'users', minRole: 'viewer' },
  { path: '/auditoria', nav: 'audit', minRole: 'admin' },
] as const satisfies readonly { path: string; nav: string; minRole: Role }[];

export function pagesFor(role: Role) {
  return pages.filter((p) => roleAtLeast(role, p.minRole));
}

/** Where a freshly signed-in person lands: the first page their role may see (the taxpayers). */
export function homeFor(role: Role): string {
  return pagesFor(role)[0]?.path ?? '/usuarios';
}

export const taxpayerPath = (rfc: string) => `/contribuyentes/${encodeURIComponent(rfc)}`;
export const satRequestPath = (rfc: string, id: string) =>
  `${taxpayerPath(rfc)}/solicitudes/${encodeURIComponent(id)}`;

export type TaxpayerRoute =
  | { page: 'taxpayer'; rfc: string }
  | { page: 'satRequest'; rfc: string; id: string };

/** `/contribuyentes/{rfc}` and `/contribuyentes/{rfc}/solicitudes/{id}`; anything else is not ours. */
export function matchTaxpayerRoute(pathname: string): TaxpayerRoute | null {
  const m = /^\/contribuyentes\/([^/]+)(?:\/solicitudes\/([^/]+))?\/?$/.exec(pathname);
  if (!m?.[1]) return null;
  try {
    const rfc = decodeURIComponent(m[1]);
    return m[2] ? { page: 'satRequest', rfc, id: decodeURIComponent(m[2]) } : { page: 'taxpayer', rfc };
  } catch {
    return null;
  }
}
