import { getCiphers } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
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

describeObjectStoreContract('s3 (s3rver)', async () =>
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
  }),
);
