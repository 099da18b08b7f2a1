import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { createCfdiIngestion } from './ingestion/index.js';
import { type ParsedCfdi, parseCfdi } from './parsing/index.js';
import { fixturePath, readFixture } from './parsing/testing/fixtures.js';
import { buildZip } from './parsing/testing/zip-builder.js';

type Json = Record<string, unknown>;

/** Every fixture that parses, keyed by UUID, kept only when one file holds that UUID. */
function fixtures() {
  const byUuid = new Map<string, { file: string; xml: Buffer; cfdi: ParsedCfdi } | null>();
  for (const file of readdirSync(fixturePath('cfdi')).filter((f) => f.endsWith('.xml'))) {
    const xml = readFixture(`cfdi/${file}`);
    try {
      const cfdi = parseCfdi(xml);
      byUuid.set(cfdi.uuid!, byUuid.has(cfdi.uuid!) ? null : { file, xml, cfdi });
    } catch {
      // Templates without a timbre are refused by ingestion too.
    }
  }
  return [...byUuid.values()].filter((v) => v !== null);
}

describe('search and XML over a package stored by the ingestion pipeline', () => {
  let server: TestServer;
  let auth: { authorization: string };
  const docs = fixtures();

  beforeAll(async () => {
    server = await startTestServer();
    const a = await server.seedUser({
      tenantName: 'Despacho A',
      email: 'a@a.mx',
      password: 'pw-a-123456',
      role: 'owner',
    });
    auth = { authorization: `Bearer ${(await server.createApiKey(a.tenantSlug, 'viewer')).key}` };
    const objectKey = `tenants/${a.tenantId}/clientes/EKU9003173C9/2025/paquetes/cfdi/fixtures_01.zip`;
    await server.ctx.storage.put(objectKey, buildZip(docs.map((d) => ({ name: d.file, data: d.xml }))));
    const ingestion = createCfdiIngestion({
      pool: server.ctx.database.pool,
      transaction: server.ctx.database.transaction,
      events: server.ctx.events,
      storage: server.ctx.storage,
      jobs: server.ctx.jobs,
      logger: server.ctx.logger,
    });
    const result = await ingestion.ingestPackage({ tenantId: a.tenantId, kind: 'cfdi', objectKey });
    expect(result.state).toBe('completed');
  });
  afterAll(() => server?.close());

  const get = async (path: string) => {
    const res = await fetch(`${server.url}${path}`, { headers: auth });
    return { status: res.status, body: (await res.json()) as Json };
  };

  it('finds each ingested CFDI by its emisor and shows its exact fields', async () => {
    expect(docs.length).toBeGreaterThan(5);
    for (const { cfdi } of docs) {
      const { body } = await get(
        `/api/v1/cfdi?rfc=${encodeURIComponent(cfdi.emisor.rfc!)}&direction=issued&limit=500`,
      );
      const item = (body.items as Json[]).find((i) => i.uuid === cfdi.uuid);
      expect(item, cfdi.uuid!).toMatchObject({
        total: cfdi.total,
        receptorRfc: cfdi.receptor.rfc,
        tipo: cfdi.tipo,
      });
      const detail = await get(`/api/v1/cfdi/${cfdi.uuid}`);
      expect(detail.body.document).toEqual(JSON.parse(JSON.stringify(cfdi.document)));
    }
  });

  it('serves each original XML byte for byte out of the package', async () => {
    for (const { cfdi, xml } of docs) {
      const res = await fetch(`${server.url}/api/v1/cfdi/${cfdi.uuid}/xml`, { headers: auth });
      expect(res.status).toBe(200);
      expect(Buffer.from(await res.arrayBuffer()).equals(xml), cfdi.uuid!).toBe(true);
    }
  });
});
