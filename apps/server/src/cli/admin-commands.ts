import { readFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import {
  apiKeyPowerScopes,
  apiKeyResourceScopes,
  apiKeyScope,
  kindActorLabel,
  type Role,
  redirectUriSchema,
  roles,
} from '@boveda/contracts';
import type { Command } from 'commander';
import { Option } from 'commander';
import { type AppContext, createAppContext } from '../app/context.js';
import { resolveDatabase } from '../app/database.js';
import type { AppConfig } from '../platform/config/config.js';
import { rotateMasterKey } from '../platform/crypto/index.js';
import { migrationStatus } from '../platform/db/migrate.js';
import { promptSecret, readStdin } from './prompt.js';

function safeUsername(): string {
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}

export const cliActor = { type: 'cli' as const, label: kindActorLabel('cli', safeUsername()) };

export async function withContext<T>(config: AppConfig, fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const ctx = await createAppContext(config, { role: 'cli' });
  try {
    return await fn(ctx);
  } finally {
    await ctx.close();
  }
}

async function readPassword(opts: { password?: string; passwordFile?: string; passwordStdin?: boolean }) {
  if (opts.passwordFile) return (await readFile(opts.passwordFile, 'utf8')).replace(/\r?\n$/, '');
  if (opts.passwordStdin) return (await readStdin()).replace(/\r?\n$/, '');
  if (opts.password) return opts.password;
  const first = await promptSecret('Password: ');
  const again = await promptSecret('Repeat password: ');
  if (first !== again) throw new Error('The passwords do not match.');
  return first;
}

const roleOption = (def?: Role) => {
  const o = new Option('--role <role>', 'owner | admin | member | viewer').choices(roles);
  return def ? o.default(def) : o.makeOptionMandatory();
};

export function registerAdminCommands(program: Command, loadConfig: () => AppConfig) {
  const tenant = program.command('tenant').description('Organizations (tenants)');
  tenant
    .command('create <name>')
    .description('Create an organization')
    .option('--slug <slug>', 'URL-safe identifier (derived from the name when omitted)')
    .option('--json', 'print JSON')
    .action(async (name: string, opts: { slug?: string; json?: boolean }) => {
      await withContext(loadConfig(), async ({ services }) => {
        const row = await services.tenants.createTenant(name, cliActor, opts.slug);
        console.log(
          opts.json
            ? JSON.stringify({ id: row.id, slug: row.slug, name: row.name })
            : `Created organization "${row.name}" (slug: ${row.slug})`,
        );
      });
    });

  const user = program.command('user').description('People');
  user
    .command('create')
    .description('Add a person to an organization (prompts for the password unless given)')
    .requiredOption('--tenant <slug>', 'organization slug')
    .requiredOption('--email <email>', 'sign-in email')
    .addOption(roleOption())
    .option('--name <name>', 'display name')
    .option('--password-file <file>', 'read the password from a file')
    .option('--password-stdin', 'read the password from standard input')
    .option('--password <password>', 'the password (visible to other local users via ps; prefer the others)')
    .option('--json', 'print JSON')
    .action(
      async (opts: {
        tenant: string;
        email: string;
        role: Role;
        name?: string;
        password?: string;
        passwordFile?: string;
        passwordStdin?: boolean;
        json?: boolean;
      }) => {
        const password = await readPassword(opts);
        await withContext(loadConfig(), async ({ services }) => {
          const t = await services.tenants.tenantBySlug(opts.tenant);
          const member = await services.tenants.addUser(
            t.id,
            { email: opts.email, name: opts.name, password, role: opts.role },
            cliActor,
          );
          console.log(
            opts.json
              ? JSON.stringify({ id: member.id, email: member.email, role: member.role })
              : `Added ${member.email} to ${t.slug} as ${member.role}`,
          );
        });
      },
    );

  user
    .command('reset-password')
    .description(
      'Print a one-time link the person opens to choose a new password (not mailed; no password is set)',
    )
    .requiredOption('--tenant <slug>', 'organization slug')
    .requiredOption('--email <email>', 'the member’s sign-in email')
    .option('--json', 'print {"link","expiresInMinutes"}')
    .action(async (opts: { tenant: string; email: string; json?: boolean }) => {
      await withContext(loadConfig(), async ({ services }) => {
        const t = await services.tenants.tenantBySlug(opts.tenant);
        const reset = await services.people.resetLinkFor(t.id, opts.email, cliActor);
        console.log(
          opts.json
            ? JSON.stringify(reset)
            : `Password reset link for ${opts.email} (works once, for ${reset.expiresInMinutes} minutes):\n\n  ${reset.link}\n`,
        );
      });
    });

  const apikey = program.command('apikey').description('API keys');
  apikey
    .command('create')
    .description('Create an API key (printed once)')
    .requiredOption('--tenant <slug>', 'organization slug')
    .addOption(roleOption('admin'))
    .option('--name <name>', 'what the key is for', 'CLI key')
    .option(
      '--scope <scope...>',
      `${apiKeyPowerScopes.join(', ')}: a power beyond the role, for internal services; ${apiKeyResourceScopes.join(', ')}: restrict the key to the operations declaring one of them`,
    )
    .option('--json', 'print {"id","key","signingSecret"}')
    .action(async (opts: { tenant: string; role: Role; name: string; scope?: string[]; json?: boolean }) => {
      const scopes = (opts.scope ?? []).map((s) => apiKeyScope.parse(s));
      await withContext(loadConfig(), async ({ services }) => {
        const t = await services.tenants.tenantBySlug(opts.tenant);
        const created = await services.auth.createApiKey(
          t.id,
          { name: opts.name, role: opts.role, scopes },
          { role: 'owner', userId: null },
          cliActor,
        );
        if (opts.json)
          console.log(
            JSON.stringify({ id: created.id, key: created.key, signingSecret: created.signingSecret }),
          );
        else
          console.log(
            `API key for ${t.slug} (${created.role}${scopes.length > 0 ? `; scopes ${scopes.join(', ')}` : ''}). It and its signing secret are shown only now; store them safely:\n\n  ${created.key}\n  ${created.signingSecret}\n`,
          );
      });
    });

  const oauthClient = program.command('oauth-client').description('OAuth 2.0 applications');
  oauthClient
    .command('create')
    .description('Register an OAuth application (its secret is printed once)')
    .requiredOption('--tenant <slug>', 'organization slug')
    .addOption(roleOption('member'))
    .option('--name <name>', 'what the application is', 'CLI application')
    .option(
      '--redirect-uri <uri>',
      'a redirect URI for authorization_code (repeat for several)',
      (value: string, previous: string[]) => [...previous, value],
      [] as string[],
    )
    .option('--public', 'a public client (no secret; authorization_code with PKCE only)')
    .option('--json', 'print {"clientId","clientSecret"}')
    .action(
      async (opts: {
        tenant: string;
        role: Role;
        name: string;
        redirectUri: string[];
        public?: boolean;
        json?: boolean;
      }) => {
        const uris = redirectUriSchema.array().safeParse(opts.redirectUri);
        if (!uris.success) {
          console.error(`Invalid --redirect-uri: ${uris.error.issues[0]?.message}`);
          process.exitCode = 1;
          return;
        }
        await withContext(loadConfig(), async ({ services }) => {
          const t = await services.tenants.tenantBySlug(opts.tenant);
          const created = await services.oauth.createClient(
            t.id,
            {
              name: opts.name,
              role: opts.role,
              type: opts.public ? 'public' : 'confidential',
              redirectUris: uris.data,
            },
            { role: 'owner', userId: null },
            cliActor,
          );
          if (opts.json)
            console.log(JSON.stringify({ clientId: created.clientId, clientSecret: created.clientSecret }));
          else
            console.log(
              `OAuth application for ${t.slug} (${created.role}).\n\n  client_id:     ${created.clientId}\n` +
                (created.clientSecret
                  ? `  client_secret: ${created.clientSecret}\n\nThe secret is shown only now; store it safely.\n`
                  : '\nA public client: no secret, authorization_code with PKCE only.\n'),
            );
        });
      },
    );

  const keys = program.command('keys').description('Encryption keys');
  keys
    .command('rotate')
    .description(
      'Re-wrap every data key with a new master key (file mode) or BOVEDA_MASTER_KEY (env mode), online',
    )
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withContext(loadConfig(), async ({ database, keyring }) => {
        const result = await rotateMasterKey({
          db: database.db,
          keyring,
          log: { info: (m) => console.error(m) },
        });
        if (opts.json) console.log(JSON.stringify(result));
        else
          console.log(
            `Data keys now wrapped by master key ${result.masterKeyId}: ${result.rewrapped} re-wrapped, ${result.skipped} skipped, ${result.remaining} remaining.`,
          );
        if (result.remaining > 0) process.exitCode = 2;
      });
    });

  program
    .command('migrate')
    .description(
      'Apply database migrations and exit (forward only, under a lock); --status lists them without applying',
    )
    .option('--status', 'list applied and pending migrations, change nothing')
    .option('--json', 'with --status: print JSON')
    .action(async (opts: { status?: boolean; json?: boolean }) => {
      if (opts.status) {
        await printMigrationStatus(loadConfig(), Boolean(opts.json));
        return;
      }
      await withContext(loadConfig(), async () => console.log('Migrations applied.'));
    });
}

/** `boveda migrate --status`: read-only, so it opens the database alone, without the app (which migrates). */
async function printMigrationStatus(config: AppConfig, json: boolean) {
  const database = await resolveDatabase(config, (m) => console.error(m), { shareRunning: true });
  try {
    const status = await migrationStatus(database.pool);
    if (json) {
      console.log(JSON.stringify(status));
      return;
    }
    const when = (d: Date | null) => (d ? d.toISOString() : 'before times were recorded');
    console.log(`Applied (${status.applied.length}):`);
    for (const m of status.applied) console.log(`  ${m.tag}  ${when(m.appliedAt)}`);
    console.log(`Pending (${status.pending.length}):`);
    for (const m of status.pending) console.log(`  ${m.tag}`);
    if (status.unknown.length > 0) {
      console.log(
        `Not in this release (${status.unknown.length}): a newer release migrated this database; migrations only move forward, so run that release or a later one.`,
      );
      for (const m of status.unknown) console.log(`  created ${m.createdAt}  ${when(m.appliedAt)}`);
    }
    if (status.pending.length > 0) console.log('Run `boveda migrate` (or start the server) to apply them.');
  } finally {
    await database.close();
  }
}
