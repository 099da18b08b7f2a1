import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Role } from '@boveda/contracts';
import type { Logger } from 'pino';
import { type AppContext, createAppContext } from '../../src/app/context.js';
import { buildHttpApp, type HttpAppOptions } from '../../src/app/http-app.js';
import { loadConfig } from '../../src/platform/config/config.js';
import type { HttpServer } from '../../src/platform/http/create-http-server.js';
import { createTestDatabase } from './database.js';

export interface TestServer {
  url: string;
  app: HttpServer;
  ctx: AppContext;
  seedUser(opts: {
    tenantName: string;
    email: string;
    password: string;
    role: Role;
  }): Promise<{ tenantSlug: string; tenantId: string; userId: string }>;
  createApiKey(
    tenantSlug: string,
    role: Role,
    scopes?: string[],
  ): Promise<{ id: string; key: string; signingSecret: string }>;
  close(): Promise<void>;
}

const actor = { type: 'system' as const, label: 'test' };

/** The real app (HTTP, jobs, services) on its own fresh database, listening on a random port. */
export async function startTestServer(
  opts: { env?: Record<string, string>; logger?: Logger; routes?: HttpAppOptions['routes'] } = {},
): Promise<TestServer> {
  const database = await createTestDatabase();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'boveda-test-data-'));
  await chmod(dataDir, 0o755);
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: database.url,
    BOVEDA_DATA_DIR: dataDir,
    LOG_LEVEL: 'silent',
    JOBS_POLL_SECONDS: '0.5',
    RATE_LIMIT_PER_MINUTE: '100000',
    LOGIN_RATE_LIMIT_PER_MINUTE: '1000',
    RATE_LIMIT_PER_CLIENT_PER_MINUTE: '1000000',
    RATE_LIMIT_PER_TENANT_PER_MINUTE: '1000000',
    // Tests register the SAT's public test e.firma, as demo mode does.
    SAT_TRUST_TEST_CA: 'true',
    ...opts.env,
  });
  const ctx = await createAppContext(config, {
    role: 'all',
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
  const app = await buildHttpApp(ctx, opts.routes ? { routes: opts.routes } : {});
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  const url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  const { tenants, auth } = ctx.services;
  return {
    url,
    app,
    ctx,
    async seedUser({ tenantName, email, password, role }) {
      const tenant = await tenants.createTenant(tenantName, actor);
      const user = await tenants.addUser(tenant.id, { email, password, role }, actor);
      return { tenantSlug: tenant.slug, tenantId: tenant.id, userId: user.id };
    },
    async createApiKey(tenantSlug, role, scopes = []) {
      const tenant = await tenants.tenantBySlug(tenantSlug);
      const created = await auth.createApiKey(
        tenant.id,
        { name: `test ${role}`, role, scopes },
        { role: 'owner', userId: null },
        actor,
      );
      return { id: created.id, key: created.key, signingSecret: created.signingSecret };
    },
    async close() {
      await app.close();
      await ctx.close();
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
