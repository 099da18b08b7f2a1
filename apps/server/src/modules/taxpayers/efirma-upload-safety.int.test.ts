import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import type { JobReader } from '../../platform/crypto/index.js';

/** The SAT job that opens the e.firma to sign, as the decryption audit names it. */
const reader: JobReader = { type: 'job', job: 'sat.sync-taxpayer', jobId: 'job-under-test' };

const fixtures = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../../../../test-fixtures/efirma',
);
const file = (name: string) => readFileSync(path.join(fixtures, name));
const PASSWORD = '12345678a';
const fiel = { certificate: file('fiel-EKU9003173C9.cer'), privateKey: file('fiel-EKU9003173C9.key') };

function form(certificate: Buffer, privateKey: Buffer): FormData {
  const body = new FormData();
  body.append('certificate', new Blob([certificate]), 'efirma.cer');
  body.append('privateKey', new Blob([privateKey]), 'efirma.key');
  body.append('password', PASSWORD);
  return body;
}

describe('an uploaded e.firma cannot stall the server or pass as the SAT', () => {
  let server: TestServer;
  let admin: string;
  let tenantId: string;

  beforeAll(async () => {
    server = await startTestServer();
    const seeded = await server.seedUser({
      tenantName: 'Despacho Seguro',
      email: 'owner@seguro.mx',
      password: 'password-long-enough',
      role: 'owner',
    });
    tenantId = seeded.tenantId;
    admin = (await server.createApiKey(seeded.tenantSlug, 'admin')).key;
  });
  afterAll(() => server?.close());

  const upload = (privateKey: Buffer) =>
    fetch(`${server.url}/api/v1/taxpayers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: form(fiel.certificate, privateKey),
    });

  it('keeps answering while a costly key is checked: the key work is not on the HTTP thread', async () => {
    // The test server runs in this process, so its event loop is this one. A timer ticking every
    // 10 ms shows the longest stretch the loop was held. 100,000 PBKDF2 iterations (the most
    // accepted) hold a thread for most of the upload (~0.8 s here): on the HTTP thread that would
    // be one gap nearly as long as the whole request. Compared with the request's own duration, so
    // a slower or busier machine scales both sides; this is not a speed target.
    let last = performance.now();
    let longest = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      longest = Math.max(longest, now - last);
      last = now;
    }, 10);
    let healthDuringUpload = 0;
    let uploadDone = false;
    const started = performance.now();
    let duration = 0;
    try {
      const uploading = upload(file('fiel-EKU9003173C9-100k-iterations.key')).finally(() => {
        uploadDone = true;
        duration = performance.now() - started;
      });
      while (!uploadDone) {
        expect((await fetch(`${server.url}/health`)).status).toBe(200);
        healthDuringUpload++;
      }
      expect((await uploading).status).toBe(201);
    } finally {
      clearInterval(timer);
    }
    expect(healthDuringUpload).toBeGreaterThan(1);
    expect(longest).toBeLessThan(duration / 2);
    await fetch(`${server.url}/api/v1/taxpayers/EKU9003173C9`, {
      method: 'DELETE',
      headers: { authorization: `Bearer ${admin}` },
    });
  });

  it('never derives a stored key whose KDF cost is out of bounds (stored before the upload check)', async () => {
    // Written straight through the vault, as a key accepted by an older version would be.
    const taxpayerId = randomUUID();
    await server.ctx.database.pool.query(
      `INSERT INTO taxpayers (id, tenant_id, rfc, legal_name, certificate_serial, certificate_sha256, valid_from, valid_until)
       VALUES ($1, $2, 'EKU9003173C9', 'ESCUELA KEMPER URGATE SA DE CV', '30001000000500003415', 'x', now(), now() + interval '1 year')`,
      [taxpayerId, tenantId],
    );
    const { createEfirmaVault } = await import('./index.js');
    await createEfirmaVault({ storage: server.ctx.storage, secretBox: server.ctx.secretBox }).store(
      tenantId,
      taxpayerId,
      'EKU9003173C9',
      {
        certificateDer: fiel.certificate,
        privateKeyDer: file('fiel-EKU9003173C9-4m-iterations.key'),
        password: PASSWORD,
      },
    );
    await expect(
      server.ctx.services.taxpayers.openFiel(tenantId, 'EKU9003173C9', reader),
    ).rejects.toMatchObject({
      status: 422,
      code: 'EFIRMA_KEY_UNSUPPORTED',
    });
  });
});

describe('a production-configured server', () => {
  let server: TestServer;
  afterAll(() => server?.close());

  it("refuses the SAT's public test e.firma: its test CA is not trusted", async () => {
    server = await startTestServer({ env: { SAT_TRUST_TEST_CA: 'false' } });
    const seeded = await server.seedUser({
      tenantName: 'Despacho Producción',
      email: 'owner@prod.mx',
      password: 'password-long-enough',
      role: 'owner',
    });
    const admin = (await server.createApiKey(seeded.tenantSlug, 'admin')).key;
    const res = await fetch(`${server.url}/api/v1/taxpayers`, {
      method: 'POST',
      headers: { authorization: `Bearer ${admin}` },
      body: form(fiel.certificate, fiel.privateKey),
    });
    expect(res.status).toBe(422);
    const problem = (await res.json()) as { code: string; detail: string };
    expect(problem.code).toBe('EFIRMA_NOT_ISSUED_BY_SAT');
    expect(problem.detail).toContain('AC UAT');
  });
});
