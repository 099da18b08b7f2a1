import { definePublicRoute, defineRoute, matchRoute, type Route } from './lib/route-table.js';
import { paths } from './paths.js';

/**
 * Which page each place shows, each a chunk of its own. Only the app shell imports this table: a
 * page that links elsewhere imports `paths.ts`, so no page depends on the table that loads it.
 */
export const routes = {
  signIn: definePublicRoute(paths.signIn, {
    load: () => import('./pages/SignInPage.js'),
    name: 'SignInPage',
  }),
  forgotPassword: definePublicRoute(paths.forgotPassword, {
    load: () => import('./pages/account/ForgotPasswordPage.js'),
    name: 'ForgotPasswordPage',
  }),
  resetPassword: definePublicRoute(paths.resetPassword, {
    load: () => import('./pages/account/ResetPasswordPage.js'),
    name: 'ResetPasswordPage',
  }),
  home: defineRoute(paths.home, { load: () => import('./pages/home/HomePage.js'), name: 'HomePage' }),
  taxpayers: defineRoute(paths.taxpayers, {
    load: () => import('./pages/taxpayers/TaxpayersPage.js'),
    name: 'TaxpayersPage',
  }),
  taxpayer: defineRoute(paths.taxpayer, {
    load: () => import('./pages/sat-requests/TaxpayerRequestsPage.js'),
    name: 'TaxpayerRequestsPage',
  }),
  satRequest: defineRoute(paths.satRequest, {
    load: () => import('./pages/sat-requests/SatRequestPage.js'),
    name: 'SatRequestPage',
  }),
  cfdi: defineRoute(paths.cfdi, { load: () => import('./pages/cfdi/CfdiPage.js'), name: 'CfdiPage' }),
  metadata: defineRoute(paths.metadata, {
    load: () => import('./pages/metadata/MetadataPage.js'),
    name: 'MetadataPage',
  }),
  catalog: defineRoute(paths.catalog, {
    load: () => import('./pages/catalog/CatalogPage.js'),
    name: 'CatalogPage',
  }),
  inbox: defineRoute(paths.inbox, { load: () => import('./pages/inbox/InboxPage.js'), name: 'InboxPage' }),
  invoice: defineRoute(paths.invoice, {
    load: () => import('./pages/inbox/InvoicePage.js'),
    name: 'InvoicePage',
  }),
  apiKeys: defineRoute(paths.apiKeys, {
    load: () => import('./pages/api-keys/ApiKeysPage.js'),
    name: 'ApiKeysPage',
  }),
  oauthClients: defineRoute(paths.oauthClients, {
    load: () => import('./pages/oauth/OAuthClientsPage.js'),
    name: 'OAuthClientsPage',
  }),
  oauthConsent: defineRoute(paths.oauthConsent, {
    load: () => import('./pages/oauth/OAuthConsentPage.js'),
    name: 'OAuthConsentPage',
  }),
  webhooks: defineRoute(paths.webhooks, {
    load: () => import('./pages/webhooks/WebhooksPage.js'),
    name: 'WebhooksPage',
  }),
  webhookEvents: defineRoute(paths.webhookEvents, {
    load: () => import('./pages/webhooks/EventCataloguePage.js'),
    name: 'EventCataloguePage',
  }),
  webhookEndpoint: defineRoute(paths.webhookEndpoint, {
    load: () => import('./pages/webhooks/EndpointPage.js'),
    name: 'EndpointPage',
  }),
  connectors: defineRoute(paths.connectors, {
    load: () => import('./pages/connectors/ConnectorsPage.js'),
    name: 'ConnectorsPage',
  }),
  connector: defineRoute(paths.connector, {
    load: () => import('./pages/connectors/ConnectorPage.js'),
    name: 'ConnectorPage',
  }),
  schedules: defineRoute(paths.schedules, {
    load: () => import('./pages/schedules/SchedulesPage.js'),
    name: 'SchedulesPage',
  }),
  clients: defineRoute(paths.clients, {
    load: () => import('./pages/orders/ClientsPage.js'),
    name: 'ClientsPage',
  }),
  client: defineRoute(paths.client, {
    load: () => import('./pages/orders/ClientPage.js'),
    name: 'ClientPage',
  }),
  orders: defineRoute(paths.orders, {
    load: () => import('./pages/orders/OrdersPage.js'),
    name: 'OrdersPage',
  }),
  order: defineRoute(paths.order, {
    load: () => import('./pages/orders/OrderPage.js'),
    name: 'OrderPage',
  }),
  returns: defineRoute(paths.returns, {
    load: () => import('./pages/orders/ReturnsPage.js'),
    name: 'ReturnsPage',
  }),
  invoicing: defineRoute(paths.invoicing, {
    load: () => import('./pages/pac/InvoicingPage.js'),
    name: 'InvoicingPage',
  }),
  users: defineRoute(paths.users, { load: () => import('./pages/users/UsersPage.js'), name: 'UsersPage' }),
  account: defineRoute(paths.account, {
    load: () => import('./pages/account/AccountPage.js'),
    name: 'AccountPage',
  }),
  ai: defineRoute(paths.ai, { load: () => import('./pages/ai/AiSettingsPage.js'), name: 'AiSettingsPage' }),
  plan: defineRoute(paths.plan, { load: () => import('./pages/plan/PlanPage.js'), name: 'PlanPage' }),
  audit: defineRoute(paths.audit, { load: () => import('./pages/audit/AuditPage.js'), name: 'AuditPage' }),
} satisfies { [K in keyof typeof paths]: Route };

const routeTable: readonly Route[] = Object.values(routes);

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
