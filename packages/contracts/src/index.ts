export * from './api/index.js';
export * from './cursor.js';
export * from './errors/index.js';
export * from './events/index.js';
export * from './primitives.js';
export * from './roles.js';
export * from './sat-requests.js';
export * from './taxpayers.js';
