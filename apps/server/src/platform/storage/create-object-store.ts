import { createFsObjectStore, type FsObjectStoreOptions } from './fs-object-store.js';
import { createS3ObjectStore, type S3ObjectStoreOptions } from './s3-object-store.js';
import type { ObjectStore } from './storage.port.js';

export type ObjectStoreOptions =
  | ({ driver: 'fs' } & FsObjectStoreOptions)
  | ({ driver: 's3' } & S3ObjectStoreOptions);

export function createObjectStore(options: ObjectStoreOptions): ObjectStore {
  switch (options.driver) {
    case 'fs':
      return createFsObjectStore(options);
    case 's3':
      return createS3ObjectStore(options);
  }
}
