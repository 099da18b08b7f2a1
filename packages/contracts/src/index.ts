export * from './errors.js';
export * from './events/index.js';
export * from './roles.js';
export * from './sat-requests.js';
export * from './taxpayers.js';
