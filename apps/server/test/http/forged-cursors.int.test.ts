import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

const uuid = '499e9a70-36ac-448a-bbd9-f3f52102e4be';
const b64 = (text: string) => Buffer.from(text).toString('base64url');

/** Each shape a cursor of this API has, with impossible dates, garbage and wrong shapes. */
const forged = [
  // (createdAt, id) cursors: api-keys, sat-requests
  b64(`2025-13-45T00:00:00.000Z|${uuid}`),
  b64(`2025-02-30T00:00:00.000Z|${uuid}`),
  b64(`0000-01-01T00:00:00.000Z|${uuid}`),
  b64('2025-01-01T00:00:00.000Z|------------------------------------'),
  b64('2025-01-01T00:00:00.000Z|'),
  // [sort, value, uuid] cursors: cfdi, metadata
  b64(JSON.stringify(['date.desc', '2025-13-45 00:00:00', uuid])),
  b64(JSON.stringify(['date.desc', '2025-02-30 00:00:00', uuid])),
  b64(JSON.stringify(['date.desc', '2025-01-01 00:00:00', 'not-a-uuid'])),
  b64(JSON.stringify({ sort: 'date.desc' })),
  b64('[]'),
  b64('null'),
  // integer cursors: audit-events
  '0',
  '-1',
  '99999999999999999999999999',
  '1e3',
  // garbage
  'garbage!!',
  '%00',
  'x'.repeat(150),
];

describe('forged cursors on every paginated route', () => {
  let server: TestServer;
  let auth: { authorization: string };
  let paginated: string[] = [];

  beforeAll(async () => {
    server = await startTestServer();
    const seeded = await server.seedUser({
      tenantName: 'Cursores',
      email: 'cursor@despacho.mx',
      password: 'password-long-enough',
      role: 'owner',
    });
    auth = { authorization: `Bearer ${(await server.createApiKey(seeded.tenantSlug, 'admin')).key}` };
    // Every GET that takes a `cursor`, as documented: a new list is covered without touching this test.
    const doc = await json(fetch(`${server.url}/docs/json`));
    paginated = Object.entries(doc.paths as Record<string, { get?: { parameters?: { name: string }[] } }>)
      .filter(([, ops]) => ops.get?.parameters?.some((p) => p.name === 'cursor'))
      .map(([path]) => path.replaceAll('{rfc}', 'EKU9003173C9'));
  });
  afterAll(() => server?.close());

  it('finds the paginated routes', () => {
    expect(paginated).toEqual(
      expect.arrayContaining([
        '/api/v1/api-keys',
        '/api/v1/audit-events',
        '/api/v1/taxpayers/EKU9003173C9/sat-requests',
        '/api/v1/cfdi',
        '/api/v1/metadata',
      ]),
    );
  });

  it('answers each forged cursor with a 400 problem', async () => {
    const failures: string[] = [];
    for (const path of paginated) {
      for (const cursor of forged) {
        const res = await fetch(`${server.url}${path}?cursor=${encodeURIComponent(cursor)}`, {
          headers: auth,
        });
        const body = await res.text();
        const code = res.headers.get('content-type')?.startsWith('application/problem+json')
          ? JSON.parse(body).code
          : undefined;
        if (res.status !== 400 || !['INVALID_CURSOR', 'VALIDATION_FAILED'].includes(code)) {
          failures.push(`${path} cursor=${cursor} → ${res.status} ${code ?? body.slice(0, 80)}`);
        }
      }
    }
    expect(failures).toEqual([]);
  });

  it('still pages with the cursors it hands out', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: { id: string }[]; nextCursor: string | null } = await json(
        fetch(`${server.url}/api/v1/audit-events?limit=1${cursor ? `&cursor=${cursor}` : ''}`, {
          headers: auth,
        }),
      );
      seen.push(...page.items.map((e) => e.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBeGreaterThan(1);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
