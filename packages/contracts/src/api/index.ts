/**
 * The request and response shapes of every route, by area. The server validates and serializes
 * with these schemas; the web types its calls with their `z.input` (what it sends) and `z.output`
 * (what it receives) types. A shape on the wire is defined once, here.
 */
export * from './ai.js';
export * from './audit.js';
export * from './auth.js';
export * from './catalog.js';
export * from './cfdi.js';
export * from './connectors.js';
export * from './events.js';
export * from './home.js';
export * from './invoices.js';
export * from './oauth.js';
export * from './ops.js';
export * from './orders.js';
export * from './organization.js';
export * from './pac.js';
export * from './pac-invoices.js';
export * from './params.js';
export * from './people.js';
export * from './plans.js';
export * from './sat.js';
export * from './schedules.js';
export * from './suggestions.js';
export * from './taxpayers.js';
export * from './webhooks.js';
