export * from './cfdi.js';
export * from './connectors.js';
export * from './define.js';
export * from './inbox.js';
export * from './sat.js';
export * from './taxpayers.js';
export * from './webhooks.js';
