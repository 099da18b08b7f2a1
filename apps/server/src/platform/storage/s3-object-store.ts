import type { Readable } from 'node:stream';
import {
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
} from '@aws-sdk/client-s3';
import { Upload } from '@aws-sdk/lib-storage';
import { bodyBytes, checkRange, digesting, digestOf } from './object-body.js';
import { normalizeObjectKey, normalizeObjectPrefix } from './object-key.js';
import {
  type ObjectBody,
  type ObjectInfo,
  ObjectNotFoundError,
  type ObjectStore,
  type PutResult,
} from './storage.port.js';

export interface S3ObjectStoreOptions {
  /** Any S3-compatible endpoint (MinIO, Garage, R2…); omit for AWS itself. */
  endpoint?: string;
  region: string;
  bucket: string;
  accessKeyId: string;
  secretAccessKey: string;
  forcePathStyle: boolean;
  /** Keys per ListObjectsV2 request (S3 caps it at 1000); tests lower it to exercise paging. */
  listPageSize?: number;
  /** Part size for streamed uploads; S3 requires at least 5 MiB for every part but the last. */
  partSizeBytes?: number;
}

const MIN_PART_SIZE = 5 * 1024 * 1024;
// Parts uploaded in parallel; each buffers `partSizeBytes` in memory.
const UPLOAD_QUEUE_SIZE = 2;

export function createS3ObjectStore(options: S3ObjectStoreOptions): ObjectStore {
  const { bucket } = options;
  const listPageSize = Math.min(1000, Math.max(1, options.listPageSize ?? 1000));
  const partSize = Math.max(MIN_PART_SIZE, options.partSizeBytes ?? MIN_PART_SIZE);
  const client = new S3Client({
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
    region: options.region,
    forcePathStyle: options.forcePathStyle,
    credentials: { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey },
    // Since SDK 3.729 stream bodies are sent `aws-chunked` with trailing checksums; several
    // S3-compatible servers (s3rver among them) store that framing inside the object.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });

  async function put(key: string, body: ObjectBody, opts?: { contentType?: string }): Promise<PutResult> {
    const Key = normalizeObjectKey(key);
    const ContentType = opts?.contentType;
    const bytes = bodyBytes(body);
    if (bytes) {
      await client.send(new PutObjectCommand({ Bucket: bucket, Key, Body: bytes, ContentType }));
      return digestOf(bytes);
    }
    // Unknown length: lib-storage splits into parts (a single PUT when it fits in one part).
    // S3 makes an object visible only when the PUT or CompleteMultipartUpload succeeds, and
    // Upload aborts the multipart upload when the source fails, so readers never see a partial object.
    const stream = digesting(body as NodeJS.ReadableStream);
    let sourceError: unknown;
    stream.once('error', (error) => {
      sourceError = error;
    });
    const upload = new Upload({
      client,
      params: { Bucket: bucket, Key, Body: stream, ContentType },
      partSize,
      queueSize: UPLOAD_QUEUE_SIZE,
      leavePartsOnError: false,
    });
    try {
      await upload.done();
    } catch (error) {
      // When the body fails, Upload aborts the multipart upload; if that abort fails too its
      // error replaces the body's. The caller needs the body's error: that is what went wrong.
      throw sourceError ?? error;
    }
    return stream.result();
  }

  async function getObject(Key: string, Range?: string) {
    try {
      const out = await client.send(new GetObjectCommand({ Bucket: bucket, Key, Range }));
      return Object.assign(out.Body as Readable & { transformToByteArray(): Promise<Uint8Array> }, {
        contentRange: out.ContentRange,
      });
    } catch (error) {
      if (errorName(error) === 'NoSuchKey') throw new ObjectNotFoundError(Key, { cause: error });
      throw error;
    }
  }

  async function get(key: string): Promise<NodeJS.ReadableStream> {
    return getObject(normalizeObjectKey(key));
  }

  async function getBuffer(key: string): Promise<Buffer> {
    const body = await getObject(normalizeObjectKey(key));
    return Buffer.from(await body.transformToByteArray());
  }

  async function getRange(key: string, start: number, endInclusive: number): Promise<Buffer> {
    const Key = normalizeObjectKey(key);
    checkRange(start, endInclusive);
    try {
      const body = await getObject(Key, `bytes=${start}-${endInclusive}`);
      const bytes = Buffer.from(await body.transformToByteArray());
      // Some servers send more than asked (s3rver answers `bytes=0-0` with the whole object) or
      // ignore Range altogether: cut to the requested window using where the body really starts.
      const first = Number(/^bytes (\d+)-/.exec(body.contentRange ?? '')?.[1] ?? 0);
      return bytes.subarray(start - first, endInclusive - first + 1);
    } catch (error) {
      // 416: the range starts past the end of the object.
      if (errorName(error) === 'InvalidRange' || httpStatus(error) === 416) return Buffer.alloc(0);
      throw error;
    }
  }

  async function head(key: string): Promise<ObjectInfo | null> {
    const Key = normalizeObjectKey(key);
    try {
      const out = await client.send(new HeadObjectCommand({ Bucket: bucket, Key }));
      return { key: Key, size: out.ContentLength ?? 0 };
    } catch (error) {
      // HEAD responses have no body, so S3 can only say "404 NotFound".
      if (errorName(error) === 'NotFound' || errorName(error) === 'NoSuchKey') return null;
      throw error;
    }
  }

  async function remove(key: string): Promise<void> {
    await client.send(new DeleteObjectCommand({ Bucket: bucket, Key: normalizeObjectKey(key) }));
  }

  async function* list(prefix: string): AsyncIterable<ObjectInfo> {
    const Prefix = normalizeObjectPrefix(prefix);
    let ContinuationToken: string | undefined;
    do {
      const page = await client.send(
        new ListObjectsV2Command({ Bucket: bucket, Prefix, MaxKeys: listPageSize, ContinuationToken }),
      );
      for (const item of page.Contents ?? []) {
        if (item.Key !== undefined)
          yield {
            key: item.Key,
            size: item.Size ?? 0,
            ...(item.ETag ? { etag: item.ETag.replace(/^"|"$/g, '') } : {}),
          };
      }
      ContinuationToken = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (ContinuationToken);
  }

  async function close(): Promise<void> {
    client.destroy();
  }

  return { driver: 's3', put, get, getBuffer, getRange, head, delete: remove, list, close };
}

const errorName = (error: unknown) => (error as { name?: string } | undefined)?.name;
const httpStatus = (error: unknown) =>
  (error as { $metadata?: { httpStatusCode?: number } } | undefined)?.$metadata?.httpStatusCode;
