export { UniverseError, type UniverseErrorCode } from './errors.js';
export { METADATA_HEADER, THIRD_PARTY_HEADER } from './metadata.js';
export type * from './types.js';
export { createUniverse } from './universe.js';
