import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';

interface Response {
  description: string;
  content?: Record<string, { schema: { allOf?: { properties?: { code?: { enum?: string[] } } }[] } }>;
}
interface Operation {
  operationId?: string;
  security?: unknown[];
  responses: Record<string, Response>;
}
type Paths = Record<string, Record<string, Operation>>;

const codesOf = (response: Response | undefined) =>
  response?.content?.['application/problem+json']?.schema.allOf?.flatMap(
    (s) => s.properties?.code?.enum ?? [],
  );

describe('the OpenAPI document', () => {
  let server: TestServer;
  let paths: Paths;
  let operations: [string, Operation][];
  beforeAll(async () => {
    server = await startTestServer();
    paths = (await json(fetch(`${server.url}/docs/json`))).paths;
    operations = Object.entries(paths).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]): [string, Operation] => [`${method.toUpperCase()} ${path}`, op]),
    );
  });
  afterAll(() => server?.close());

  it('gives every operation a unique camelCase operationId', () => {
    const ids = operations.map(([, op]) => op.operationId);
    for (const id of ids) expect(id).toMatch(/^[a-z][A-Za-z0-9]*$/);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(
      expect.arrayContaining(['createTaxpayer', 'listCfdi', 'listMetadata', 'revokeApiKey']),
    );
  });

  it('documents every route Fastify serves (HEAD copies and hidden routes aside)', () => {
    const documented = new Set(operations.map(([where]) => where));
    const served = server.app.registeredRoutes
      .filter((r) => !r.hidden && r.method !== 'HEAD')
      .map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`);
    expect(served.length).toBeGreaterThan(25);
    expect(served.filter((route) => !documented.has(route))).toEqual([]);
    expect([...documented].filter((route) => !served.includes(route))).toEqual([]);
  });

  it('documents answers without a body as 204, and every other success with its content', () => {
    for (const op of [
      'DELETE /api/v1/api-keys/{id}',
      'DELETE /api/v1/taxpayers/{rfc}',
      'POST /api/v1/auth/logout',
    ]) {
      const { responses } = paths[op.split(' ')[1]!]![op.split(' ')[0]!.toLowerCase()]!;
      expect([op, Object.keys(responses).filter((s) => s.startsWith('2'))]).toEqual([op, ['204']]);
      expect(responses['204']!.content).toBeUndefined();
    }
    for (const [where, op] of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        // 204, and a 202 that only says "queued" (a mail), carry no body; every other success does.
        if (
          status.startsWith('2') &&
          status !== '204' &&
          !(status === '202' && response.description && !response.content)
        )
          expect([where, status, response.content]).not.toContain(undefined);
      }
    }
    expect(Object.keys(paths['/api/v1/cfdi/export.csv']!.get!.responses['200']!.content!)).toEqual([
      'text/csv',
    ]);
  });

  it('documents every error as problem+json with the codes each status carries', () => {
    for (const [where, op] of operations) {
      const guarded = !(Array.isArray(op.security) && op.security.length === 0);
      // The operator's routes take its token, not a role: 401 without it, never 403.
      const operator =
        Array.isArray(op.security) &&
        op.security.length > 0 &&
        op.security.every((s) => typeof s === 'object' && s !== null && 'operatorToken' in s);
      const takesBody = !where.startsWith('GET ');
      const expected = [
        '400',
        '404',
        '500',
        ...(operator ? ['401'] : guarded ? ['401', '403'] : []),
        ...(takesBody ? ['413', '415'] : []),
      ];
      for (const status of expected)
        expect([where, status, codesOf(op.responses[status])?.length]).not.toContain(undefined);
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) >= 400) expect([where, status, codesOf(response)?.length ?? 0]).not.toContain(0);
      }
      // Probes are not rate limited; everything else is.
      expect([where, '429' in op.responses]).toEqual([
        where,
        !where.endsWith(' /health') && !where.endsWith(' /ready'),
      ]);
    }
  });

  it('lists the domain codes a route declares, under the status their catalogue gives them', () => {
    const create = paths['/api/v1/taxpayers']!.post!.responses;
    expect(codesOf(create['422'])).toEqual(expect.arrayContaining(['EFIRMA_IS_CSD', 'EFIRMA_BAD_PASSWORD']));
    expect(codesOf(create['409'])).toEqual(['TAXPAYER_ALREADY_EXISTS']);
    expect(codesOf(paths['/api/v1/cfdi']!.get!.responses['400'])).toContain('INVALID_CURSOR');
    expect(codesOf(paths['/api/v1/cfdi/{uuid}/xml']!.get!.responses['502'])).toEqual(['CFDI_XML_UNREADABLE']);
    expect(codesOf(paths['/ready']!.get!.responses['503'])).toEqual(['DEPENDENCY_UNAVAILABLE']);
  });

  it('documents Idempotency-Key and its errors on JSON POST/PATCH, not on uploads or sign-in', () => {
    const createKey = paths['/api/v1/api-keys']!.post!;
    expect(codesOf(createKey.responses['422'])).toContain('IDEMPOTENCY_KEY_REUSED');
    expect(codesOf(createKey.responses['409'])).toContain('IDEMPOTENCY_KEY_IN_PROGRESS');
    const params = (createKey as { parameters?: { in: string; name: string }[] }).parameters ?? [];
    expect(params).toContainEqual(expect.objectContaining({ in: 'header', name: 'idempotency-key' }));
    const upload = paths['/api/v1/taxpayers']!.post!.responses;
    expect(codesOf(upload['409'])).not.toContain('IDEMPOTENCY_KEY_IN_PROGRESS');
    expect(paths['/api/v1/auth/login']!.post!.responses['422']).toBeUndefined();
  });
});
