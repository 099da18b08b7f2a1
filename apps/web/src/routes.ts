import { type Role, roleAtLeast } from '@boveda/contracts';
import { definePublicRoute, defineRoute, matchRoute, type Route } from './lib/route-table.js';

export { href } from './lib/route-table.js';

/**
 * Every page of the app, in navigation order: its path, its page (a chunk of its own), its entry in
 * the main navigation and the lowest role that sees it there. The server only lets admins and
 * owners read API keys and the audit log; others get 403. Taxpayers come first: the SAT vault is
 * what a contador opens Bóveda for. Matching takes the first route that fits, so a fixed path
 * (`/contribuyentes/nuevo`) goes before its parameter sibling (`/contribuyentes/:rfc`).
 */
export const routes = {
  signIn: definePublicRoute({
    path: '/iniciar-sesion',
    load: () => import('./pages/SignInPage.js'),
    name: 'SignInPage',
  }),
  taxpayers: defineRoute({
    path: '/contribuyentes',
    load: () => import('./pages/taxpayers/TaxpayersPage.js'),
    name: 'TaxpayersPage',
    nav: 'taxpayers',
  }),
  taxpayer: defineRoute({
    path: '/contribuyentes/:rfc',
    load: () => import('./pages/sat-requests/TaxpayerRequestsPage.js'),
    name: 'TaxpayerRequestsPage',
  }),
  satRequest: defineRoute({
    path: '/contribuyentes/:rfc/solicitudes/:id',
    load: () => import('./pages/sat-requests/SatRequestPage.js'),
    name: 'SatRequestPage',
  }),
  cfdi: defineRoute({
    path: '/cfdi',
    load: () => import('./pages/cfdi/CfdiPage.js'),
    name: 'CfdiPage',
    nav: 'cfdi',
  }),
  apiKeys: defineRoute({
    path: '/claves-api',
    load: () => import('./pages/api-keys/ApiKeysPage.js'),
    name: 'ApiKeysPage',
    nav: 'apiKeys',
    minRole: 'admin',
  }),
  users: defineRoute({
    path: '/usuarios',
    load: () => import('./pages/users/UsersPage.js'),
    name: 'UsersPage',
    nav: 'users',
  }),
  audit: defineRoute({
    path: '/auditoria',
    load: () => import('./pages/audit/AuditPage.js'),
    name: 'AuditPage',
    nav: 'audit',
    minRole: 'admin',
  }),
} satisfies Record<string, Route>;

const routeTable: readonly Route[] = Object.values(routes);

export const SIGN_IN_PATH = routes.signIn.path;

export type NavRoute = Route & { nav: NonNullable<Route['nav']> };

/** The navigation entries this role sees, in order. */
export function pagesFor(role: Role): NavRoute[] {
  return routeTable.filter((r): r is NavRoute => r.nav !== undefined && roleAtLeast(role, r.minRole));
}

/** Where a freshly signed-in person lands: the first page their role may see (the taxpayers). */
export function homeFor(role: Role): string {
  return pagesFor(role)[0]?.path ?? routes.users.path;
}

/**
 * Loads every page's chunk in the background once someone is signed in: the first screen came
 * quickly without them, and later clicks need not wait. A chunk that fails here is tried again,
 * visibly, when its page opens.
 */
export function preloadPages(): void {
  for (const route of routeTable) route.preload().catch(() => {});
}

/** The route and parameters of a path; null means "not found". */
export const findRoute = (pathname: string) => matchRoute(routeTable, pathname);
