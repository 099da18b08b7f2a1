export interface ObjectInfo {
  key: string;
  size: number;
  /** S3's ETag (quotes removed) when the driver knows it; the fs driver has none. */
  etag?: string;
}

export type ObjectBody = Buffer | Uint8Array | string | NodeJS.ReadableStream;

export interface PutResult {
  size: number;
  /** Hex sha256 of the bytes stored. */
  sha256: string;
}

/**
 * Blob storage for documents (SAT packages, CFDI XML, exports). Keys are `/`-separated relative
 * paths of safe segments (see `object-key.ts`); the same key means the same object on every driver.
 */
export interface ObjectStore {
  readonly driver: 'fs' | 's3';
  /** Atomic: readers never see a partial object. Returns size and sha256 (hex) of what was stored. */
  put(key: string, body: ObjectBody, opts?: { contentType?: string }): Promise<PutResult>;
  /** Throws ObjectNotFoundError. */
  get(key: string): Promise<NodeJS.ReadableStream>;
  /** Throws ObjectNotFoundError. */
  getBuffer(key: string): Promise<Buffer>;
  head(key: string): Promise<ObjectInfo | null>;
  /** Idempotent: deleting a missing object is not an error. */
  delete(key: string): Promise<void>;
  /** Every key that starts with `prefix` (plain string prefix, recursive); order is unspecified. */
  list(prefix: string): AsyncIterable<ObjectInfo>;
  /**
   * Bytes `start..endInclusive`, clamped to the object's end; empty when `start` is past the end.
   * Throws ObjectNotFoundError, or RangeError for negative or reversed bounds.
   */
  getRange?(key: string, start: number, endInclusive: number): Promise<Buffer>;
  close?(): Promise<void>;
}

export class InvalidObjectKeyError extends Error {
  readonly code = 'INVALID_OBJECT_KEY';
  constructor(
    readonly key: string,
    reason: string,
  ) {
    // JSON.stringify shows control characters and trailing spaces unambiguously.
    super(`Invalid object key ${JSON.stringify(key.slice(0, 200))}: ${reason}`);
    this.name = 'InvalidObjectKeyError';
  }
}

export class ObjectNotFoundError extends Error {
  readonly code = 'OBJECT_NOT_FOUND';
  constructor(
    readonly key: string,
    options?: { cause?: unknown },
  ) {
    super(`Object not found: ${key}`, options);
    this.name = 'ObjectNotFoundError';
  }
}
