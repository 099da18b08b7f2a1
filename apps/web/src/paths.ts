import { type Role, roleAtLeast } from '@boveda/contracts';
import { definePlace, definePublicPlace, type Place } from './lib/route-table.js';

export { href } from './lib/route-table.js';

/**
 * Every place of the app, in navigation order: its path, its entry in the main navigation and the
 * lowest role that sees it there. The server only lets admins and owners read API keys and the audit
 * log; others get 403. *Inicio* and then the taxpayers come first: the SAT vault is what a contador
 * opens Bóveda for.
 * Matching takes the first place that fits, so a fixed path (`/contribuyentes/nuevo`) goes before
 * its parameter sibling (`/contribuyentes/:rfc`). Pages link with `href(paths.x, params)`; which
 * page each place shows is `routes.ts` (imported only by the app shell).
 */
export const paths = {
  signIn: definePublicPlace({ path: '/iniciar-sesion' }),
  /** "¿Olvidaste tu contraseña?": asks for the e-mailed link. */
  forgotPassword: definePublicPlace({ path: '/olvide-contrasena' }),
  /** Where the e-mailed link lands (`?token=…`): a new password, once. */
  resetPassword: definePublicPlace({ path: '/restablecer' }),
  /** *Inicio*: every taxpayer at a glance; where a signed-in person lands. */
  home: definePlace({ path: '/inicio', nav: 'home' }),
  taxpayers: definePlace({ path: '/contribuyentes', nav: 'taxpayers' }),
  taxpayer: definePlace({ path: '/contribuyentes/:rfc' }),
  satRequest: definePlace({ path: '/contribuyentes/:rfc/solicitudes/:id' }),
  cfdi: definePlace({ path: '/cfdi', nav: 'cfdi' }),
  /** *Metadatos*: what the SAT lists, against the vault; requests the missing XML. */
  metadata: definePlace({ path: '/metadatos', nav: 'metadata' }),
  inbox: definePlace({ path: '/bandeja', nav: 'inbox' }),
  invoice: definePlace({ path: '/bandeja/:id' }),
  // Everyone reads the accounting catalogue and the suggestions' figures; members change it.
  catalog: definePlace({ path: '/catalogo-contable', nav: 'catalog' }),
  apiKeys: definePlace({ path: '/claves-api', nav: 'apiKeys', minRole: 'admin' }),
  oauthClients: definePlace({ path: '/aplicaciones', nav: 'oauthClients', minRole: 'admin' }),
  /** Where `GET /oauth/authorize` sends a signed-in person to allow or cancel an app's request. */
  oauthConsent: definePlace({ path: '/oauth/consent' }),
  // The server lets members read endpoints and their log; only admins and owners change them.
  webhooks: definePlace({ path: '/webhooks', nav: 'webhooks', minRole: 'member' }),
  // The catalogue is public to everyone signed in (the server lets viewers read it too).
  webhookEvents: definePlace({ path: '/webhooks/eventos' }),
  webhookEndpoint: definePlace({ path: '/webhooks/:id', minRole: 'member' }),
  // Members read connectors and run them; only admins and owners configure them.
  connectors: definePlace({ path: '/conectores', nav: 'connectors', minRole: 'member' }),
  connector: definePlace({ path: '/conectores/:id', minRole: 'member' }),
  // Everyone reads the recurring work (SAT syncs, connector runs, webhook retries); members run it
  // now, admins pause and resume it.
  schedules: definePlace({ path: '/sincronizaciones', nav: 'schedules' }),
  // Everyone reads clients, orders and returns; members create and change them, admins delete.
  clients: definePlace({ path: '/clientes', nav: 'clients' }),
  client: definePlace({ path: '/clientes/:id' }),
  orders: definePlace({ path: '/ordenes', nav: 'orders' }),
  order: definePlace({ path: '/ordenes/:number' }),
  // A tab of Órdenes, not a navigation entry; outside /ordenes/ so no order number can shadow it.
  returns: definePlace({ path: '/devoluciones' }),
  // Everyone reads issued invoices; members issue them, admins cancel them.
  invoicing: definePlace({ path: '/facturacion', nav: 'invoicing' }),
  users: definePlace({ path: '/usuarios', nav: 'users' }),
  /** Mi cuenta: the signed-in person's own password (linked from the top bar). */
  account: definePlace({ path: '/mi-cuenta' }),
  // Members read the AI settings and usage (the server lets them); only admins change them.
  ai: definePlace({ path: '/inteligencia-artificial', nav: 'ai', minRole: 'admin' }),
  /** *Plan y uso*: the organization's plan and this month's usage (the quota e-mails link here). */
  plan: definePlace({ path: '/plan', nav: 'plan', minRole: 'admin' }),
  audit: definePlace({ path: '/auditoria', nav: 'audit', minRole: 'admin' }),
} satisfies Record<string, Place>;

export const SIGN_IN_PATH = paths.signIn.path;

export type NavPlace = Place & { nav: NonNullable<Place['nav']> };

/** The navigation entries this role sees, in order. */
export function pagesFor(role: Role): NavPlace[] {
  const all: readonly Place[] = Object.values(paths);
  return all.filter((p): p is NavPlace => p.nav !== undefined && roleAtLeast(role, p.minRole));
}

/** Where a freshly signed-in person lands: the first page their role may see (*Inicio*). */
export function homeFor(role: Role): string {
  return pagesFor(role)[0]?.path ?? paths.users.path;
}
