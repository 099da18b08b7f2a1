import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { InvoiceDetail, Role } from '@boveda/contracts';
import { type RunningSimulator, startSimulator } from '@boveda/sat-simulator';
import type { Logger } from 'pino';
import { startTestServer, type TestServer } from '../../../../test/support/test-server.js';
import { registerWorkers } from '../../../app/workers.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../..');
export const fixture = (...parts: string[]) => readFile(path.join(root, 'test-fixtures', ...parts));

export interface InboxHarness {
  server: TestServer;
  /** The SAT simulator (its status service answers the inbox's checks; never the real SAT). */
  sim: RunningSimulator;
  simAdmin(method: string, url: string, body?: unknown): Promise<unknown>;
  tenantId: string;
  keys: Record<'viewer' | 'member' | 'admin', string>;
  /** Another organization's member key (isolation tests). */
  otherKey: string;
  /** Another organization's admin key (isolation tests of admin routes). */
  otherAdminKey: string;
  upload(files: { name: string; bytes: Buffer }[], key?: string): Promise<Response>;
  call(method: string, url: string, body?: unknown, key?: string): Promise<Response>;
  detail(id: string, key?: string): Promise<InvoiceDetail>;
  /** GET and parse; the shapes are the contracts', asserted by the tests that read them. */
  // biome-ignore lint/suspicious/noExplicitAny: tests assert on the parsed body
  json(url: string, key?: string): Promise<any>;
  /** Waits until the invoice leaves `processing`. */
  settled(id: string, timeoutMs?: number): Promise<InvoiceDetail>;
  registerFiel(): Promise<void>;
  sql<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<T[]>;
  close(): Promise<void>;
}

/** The real app with its job workers, two organizations and keys of each role. */
export async function startInboxHarness(
  opts: { env?: Record<string, string>; logger?: Logger } = {},
): Promise<InboxHarness> {
  const sim = await startSimulator({ seed: 'boveda-inbox-test' });
  const server = await startTestServer({
    env: { SAT_ENDPOINTS: sim.url, SAT_HTTP_TIMEOUT_MS: '1500', ...opts.env },
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
  await registerWorkers(server.ctx);
  const suffix = () => Math.random().toString(36).slice(2, 8);
  const seeded = await server.seedUser({
    tenantName: `Despacho ${suffix()}`,
    email: `owner-${suffix()}@example.com`,
    password: 'correct horse battery staple 42',
    role: 'owner',
  });
  const other = await server.seedUser({
    tenantName: `Otro ${suffix()}`,
    email: `owner-${suffix()}@example.com`,
    password: 'correct horse battery staple 42',
    role: 'owner',
  });
  const keyOf = async (slug: string, role: Role) => (await server.createApiKey(slug, role)).key;
  const keys = {
    viewer: await keyOf(seeded.tenantSlug, 'viewer'),
    member: await keyOf(seeded.tenantSlug, 'member'),
    admin: await keyOf(seeded.tenantSlug, 'admin'),
  };
  const otherKey = await keyOf(other.tenantSlug, 'member');
  const otherAdminKey = await keyOf(other.tenantSlug, 'admin');

  const call: InboxHarness['call'] = (method, url, body, key = keys.member) =>
    fetch(`${server.url}${url}`, {
      method,
      headers: { authorization: `Bearer ${key}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
  const detail: InboxHarness['detail'] = async (id, key) => {
    const res = await call('GET', `/api/v1/invoices/${id}`, undefined, key);
    if (res.status !== 200) throw new Error(`GET invoice ${id}: ${res.status} ${await res.text()}`);
    return (await res.json()) as InvoiceDetail;
  };

  return {
    server,
    sim,
    async simAdmin(method, url, body) {
      const res = await fetch(`${sim.url}${url}`, {
        method,
        headers: body ? { 'content-type': 'application/json' } : {},
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      if (!res.ok) throw new Error(`simulator ${method} ${url}: ${res.status} ${await res.text()}`);
      return res.json();
    },
    tenantId: seeded.tenantId,
    keys,
    otherKey,
    otherAdminKey,
    call,
    detail,
    json: async (url, key) => (await call('GET', url, undefined, key)).json(),
    upload(files, key = keys.member) {
      const form = new FormData();
      for (const f of files) form.append('file', new Blob([new Uint8Array(f.bytes)]), f.name);
      return fetch(`${server.url}/api/v1/invoices`, {
        method: 'POST',
        headers: { authorization: `Bearer ${key}` },
        body: form,
      });
    },
    async settled(id, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const d = await detail(id);
        if (d.status !== 'processing') return d;
        if (Date.now() > deadline) throw new Error(`invoice ${id} still processing after ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async registerFiel() {
      const form = new FormData();
      const file = (name: string) => fixture('efirma', `fiel-${name}`);
      form.append('certificate', new Blob([new Uint8Array(await file('EKU9003173C9.cer'))]), 'a.cer');
      form.append('privateKey', new Blob([new Uint8Array(await file('EKU9003173C9.key'))]), 'a.key');
      form.append('password', (await file('EKU9003173C9-password.txt')).toString('utf8').trim());
      const res = await fetch(`${server.url}/api/v1/taxpayers`, {
        method: 'POST',
        headers: { authorization: `Bearer ${keys.admin}` },
        body: form,
      });
      if (res.status !== 201) throw new Error(`register e.firma: ${res.status} ${await res.text()}`);
    },
    async sql(text, values) {
      return (await server.ctx.database.pool.query(text, values as unknown[])).rows;
    },
    async close() {
      await server.close();
      await sim.close();
    },
  };
}
