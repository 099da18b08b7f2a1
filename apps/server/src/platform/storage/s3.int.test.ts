import { getCiphers } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import S3rver from 's3rver';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createObjectStore } from './create-object-store.js';
import { describeObjectStoreContract } from './object-store.contract.js';

/**
 * The S3 driver against s3rver, a real S3-protocol server started in this process on a random
 * port. s3rver encrypts ListObjectsV2 continuation tokens with DES, which OpenSSL 3 only offers
 * with `--openssl-legacy-provider` (set through NODE_OPTIONS in vitest.config.ts).
 */
const BUCKET = 'boveda-test';
let server: S3rver;
let dir: string;
let endpoint: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'boveda-s3rver-'));
  server = new S3rver({
    address: '127.0.0.1',
    port: 0,
    silent: true,
    directory: dir,
    configureBuckets: [{ name: BUCKET }],
  });
  const address = await server.run();
  endpoint = `http://127.0.0.1:${address.port}`;
});

afterAll(async () => {
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('s3rver test harness', () => {
  it('runs with the OpenSSL legacy provider that s3rver pagination needs', () => {
    expect(getCiphers(), 'set NODE_OPTIONS=--openssl-legacy-provider for the test process').toContain(
      'des-cbc',
    );
  });
});

const makeStore = () =>
  createObjectStore({
    driver: 's3',
    endpoint,
    region: 'us-east-1',
    bucket: BUCKET,
    // s3rver's fixed development credentials.
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    forcePathStyle: true,
    // Small pages so the contract's 25-key listing spans three ListObjectsV2 requests.
    listPageSize: 10,
  });

describeObjectStoreContract('s3 (s3rver)', async () => makeStore());

/** Request lines the server saw while `fn` ran, to check which S3 operations the driver used. */
async function requestsDuring(fn: () => Promise<unknown>): Promise<string[]> {
  const httpServer = (server as unknown as { httpServer: Server }).httpServer;
  const seen: string[] = [];
  const record = (req: IncomingMessage) => seen.push(`${req.method} ${req.url}`);
  httpServer.on('request', record);
  try {
    await fn();
  } finally {
    httpServer.off('request', record);
  }
  return seen;
}

function streamOf(size: number, failAfter?: number): Readable {
  return Readable.from(
    (async function* () {
      for (let sent = 0; sent < size; sent += 1024 * 1024) {
        if (failAfter !== undefined && sent >= failAfter) throw new Error('upload interrupted');
        yield Buffer.alloc(Math.min(1024 * 1024, size - sent), sent % 251);
      }
    })(),
  );
}

describe('s3 driver specifics', () => {
  it('uploads a stream larger than one part as a multipart upload', async () => {
    const store = makeStore();
    const seen = await requestsDuring(() => store.put('mp/grande.zip', streamOf(6.5 * 1024 * 1024)));
    expect(seen.filter((line) => line.includes('?uploads'))).toHaveLength(1);
    expect(seen.filter((line) => line.includes('x-id=UploadPart'))).toHaveLength(2);
    expect(await store.head('mp/grande.zip')).toEqual({ key: 'mp/grande.zip', size: 6.5 * 1024 * 1024 });
    await store.close?.();
  });

  it('aborts a multipart upload whose stream fails after the first part, leaving no object', async () => {
    const store = makeStore();
    const seen = await requestsDuring(() =>
      expect(store.put('mp/roto.zip', streamOf(12 * 1024 * 1024, 7 * 1024 * 1024))).rejects.toThrow(
        'upload interrupted',
      ),
    );
    expect(seen.some((line) => line.startsWith('DELETE') && line.includes('uploadId='))).toBe(true);
    expect(await store.head('mp/roto.zip')).toBeNull();
    await store.close?.();
  });
});
