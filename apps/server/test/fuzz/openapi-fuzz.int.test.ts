import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunningFacturifySimulator, startFacturifySimulator } from '@boveda/facturify-simulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { json } from '../support/http.js';
import { startTestServer, type TestServer } from '../support/test-server.js';
import { createRandom } from './random.js';
import { type FuzzRequest, type JsonSchema, type Operation, operationsOf, requestsFor } from './requests.js';

/*
 * Our own OpenAPI fuzzer. It reads /docs/json from the running app and, for every operation,
 * sends a request built from the schemas and then hostile variants of each part (requests.ts):
 * no or wrong credentials; path parameters that are not UUIDs, huge, NUL, unicode, impossible
 * dates; each query parameter with wrong types, negative or huge numbers, repeated, and forged
 * cursors; JSON bodies with each field wrong, missing, huge, NUL, plus malformed JSON, wrong
 * content types, oversize and deeply nested bodies; broken multipart forms. Every answer must be
 * under 500, documented for that operation, and, when an error, problem+json with a documented
 * code. A new route is fuzzed as soon as it is in the document; a failure names the operation,
 * the variant and the answer. The seed makes every run send the same requests.
 */
const SEED = 0x0b0b_ed4a;
const efirma = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../test-fixtures/efirma');
const STACK_OR_INTERNALS = /\n\s+at |node_modules|\.[cm]?[jt]s:\d+|Error: |SELECT |syntax error/;

/** The codes the document lists for a status (the enum next to the ProblemDetails $ref). */
function documentedCodes(response: Operation['responses'][string] | undefined): unknown[] {
  const schema = response?.content?.['application/problem+json']?.schema;
  return schema?.allOf?.flatMap((s: JsonSchema) => s.properties?.code?.enum ?? []) ?? [];
}

/** What is wrong with one answer, judged only by the OpenAPI document; empty when all is well. */
function problemsWith(op: Operation, status: number, contentType: string, body: string): string[] {
  const found: string[] = [];
  if (status >= 500) found.push(`answered ${status}`);
  const documented = op.responses[String(status)];
  if (!documented) found.push(`status ${status} is not documented (${Object.keys(op.responses).join(', ')})`);
  if (STACK_OR_INTERNALS.test(body)) found.push('the body shows internals');
  const mediaType = contentType.split(';')[0]!.trim();
  if (status >= 400) {
    if (mediaType !== 'application/problem+json') found.push(`error as ${mediaType || 'no content type'}`);
    let problem: { code?: unknown; status?: unknown } = {};
    try {
      problem = JSON.parse(body);
    } catch {
      found.push('error body is not JSON');
    }
    if (typeof problem.code !== 'string') found.push('problem without a code');
    else if (documented && !documentedCodes(documented).includes(problem.code))
      found.push(`code ${problem.code} is not documented for ${status}`);
    if (problem.status !== status) found.push(`problem.status ${String(problem.status)} ≠ ${status}`);
  } else if (documented) {
    const expected = Object.keys(documented.content ?? {});
    if (expected.length === 0 && body.length > 0)
      found.push(`${status} documented without a body but sent one`);
    if (expected.length > 0 && !expected.includes(mediaType))
      found.push(`${status} sent as ${mediaType}, documented as ${expected.join(' or ')}`);
  }
  return found;
}

async function send(baseUrl: string, request: FuzzRequest) {
  const query = new URLSearchParams(request.query).toString();
  const res = await fetch(`${baseUrl}${request.path}${query ? `?${query}` : ''}`, {
    method: request.method,
    headers: request.headers,
    redirect: 'manual',
    ...(request.body !== undefined ? { body: request.body } : {}),
  });
  const contentType = res.headers.get('content-type') ?? '';
  // A stream (the live events) never ends: its status, headers and first bytes are what is checked.
  if (contentType.startsWith('text/event-stream')) {
    const reader = res.body!.getReader();
    const first = await reader.read();
    await reader.cancel();
    return { status: res.status, contentType, body: new TextDecoder().decode(first.value) };
  }
  return { status: res.status, contentType, body: await res.text() };
}

describe('OpenAPI fuzzer: every documented operation, valid and hostile requests', () => {
  let server: TestServer;
  let authorization = '';
  let operations: Operation[] = [];

  let facturify: RunningFacturifySimulator;

  beforeAll(async () => {
    // The PAC's token routes talk to Facturify in the request: a local simulator stands in for it.
    facturify = await startFacturifySimulator({ apiKey: 'fuzz-key-0001', apiSecret: 'fuzz-secret-0001' });
    server = await startTestServer({
      env: {
        FACTURIFY_BASE_URL: facturify.url,
        FACTURIFY_SANDBOX_URL: facturify.url,
        FACTURIFY_PRODUCTION_URL: facturify.url,
        FACTURIFY_API_KEY: 'fuzz-key-0001',
        FACTURIFY_API_SECRET: 'fuzz-secret-0001',
      },
    });
    const seeded = await server.seedUser({
      tenantName: 'Fuzz',
      email: 'fuzz-owner@despacho.mx',
      password: 'password-long-enough',
      role: 'owner',
    });
    authorization = `Bearer ${(await server.createApiKey(seeded.tenantSlug, 'admin')).key}`;
    // A real taxpayer, so routes under /taxpayers/{rfc} get past "not found" to their validation.
    const form = new FormData();
    form.append('certificate', new Blob([readFileSync(path.join(efirma, 'fiel-EKU9003173C9.cer'))]), 'a.cer');
    form.append('privateKey', new Blob([readFileSync(path.join(efirma, 'fiel-EKU9003173C9.key'))]), 'a.key');
    form.append('password', readFileSync(path.join(efirma, 'fiel-EKU9003173C9-password.txt'), 'utf8').trim());
    const registered = await fetch(`${server.url}/api/v1/taxpayers`, {
      method: 'POST',
      headers: { authorization },
      body: form,
    });
    expect(registered.status).toBe(201);
    // Deletions last, so the taxpayer and the key stay for every other operation.
    operations = operationsOf(await json(fetch(`${server.url}/docs/json`))).sort(
      (a, b) => Number(a.method === 'DELETE') - Number(b.method === 'DELETE'),
    );
  });
  afterAll(async () => {
    await server?.close();
    await facturify?.close();
  });

  // One test walks every operation (a few thousand requests): it grows with the API, so it has
  // its own time budget rather than the suite's 60 s.
  it('answers every request with a documented status and content type, never a 5xx', {
    timeout: 240_000,
  }, async () => {
    const random = createRandom(SEED);
    const failures: string[] = [];
    // Ids that creations returned, by collection path, so /{id} routes also reach their 2xx paths.
    const created = new Map<string, string>();
    let sent = 0;
    for (const op of operations) {
      const id = created.get(op.path.split('/{id}')[0]!);
      for (const request of requestsFor(op, authorization, random, id ? { id } : {})) {
        const res = await send(server.url, request);
        if (request.variant === 'valid' && op.method === 'POST' && res.contentType.includes('json')) {
          const body = JSON.parse(res.body) as { id?: unknown };
          if (typeof body.id === 'string') created.set(op.path, body.id);
        }
        sent++;
        for (const problem of problemsWith(op, res.status, res.contentType, res.body)) {
          failures.push(
            `${op.operationId} [${request.variant}] → ${res.status}: ${problem} ${res.body.slice(0, 160)}`,
          );
        }
      }
    }
    expect(operations.length).toBeGreaterThan(25);
    expect(sent).toBeGreaterThan(operations.length * 10);
    expect(failures).toEqual([]);
  });
});
