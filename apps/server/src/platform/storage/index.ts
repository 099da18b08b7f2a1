export { createObjectStore, type ObjectStoreOptions } from './create-object-store.js';
export { createFsObjectStore, type FsObjectStoreOptions } from './fs-object-store.js';
export { normalizeObjectKey, normalizeObjectPrefix } from './object-key.js';
export { createS3ObjectStore, type S3ObjectStoreOptions } from './s3-object-store.js';
export {
  InvalidObjectKeyError,
  type ObjectBody,
  type ObjectInfo,
  ObjectNotFoundError,
  type ObjectStore,
  type PutResult,
} from './storage.port.js';
