import type { PlanItem, PlanLimits, PlanUsage } from '@boveda/contracts';
import type { Command } from 'commander';
import type { AppConfig } from '../platform/config/config.js';
import { cliActor, withContext } from './admin-commands.js';

/** Each limit's option: `--documents 500`, `--taxpayers unlimited`. */
const LIMIT_OPTIONS: { flag: string; key: keyof PlanLimits; what: string }[] = [
  { flag: 'documents', key: 'documentsPerMonth', what: 'inbox documents per month' },
  { flag: 'ocr-pages', key: 'ocrPagesPerMonth', what: 'OCR pages per month' },
  { flag: 'llm-tokens', key: 'llmTokensPerMonth', what: 'LLM tokens per month' },
  { flag: 'api-rpm', key: 'apiRequestsPerMinute', what: 'API requests per minute' },
  { flag: 'connectors', key: 'connectors', what: 'ERP connectors' },
  { flag: 'webhook-endpoints', key: 'webhookEndpoints', what: 'webhook endpoints' },
  { flag: 'taxpayers', key: 'taxpayers', what: 'taxpayers (e.firmas)' },
];

const camel = (flag: string) => flag.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());

function parseLimit(value: string, flag: string): number | null {
  if (value === 'unlimited' || value === 'none') return null;
  if (!/^\d+$/.test(value)) throw new Error(`--${flag}: a whole number, or "unlimited".`);
  return Number(value);
}

function limitsFrom(opts: Record<string, string | undefined>): Partial<PlanLimits> {
  const limits: Partial<PlanLimits> = {};
  for (const o of LIMIT_OPTIONS) {
    const value = opts[camel(o.flag)];
    if (value !== undefined) limits[o.key] = parseLimit(value, o.flag);
  }
  return limits;
}

const show = (v: number | null) => (v === null ? 'unlimited' : v.toLocaleString('en-US'));

function printPlan(plan: PlanItem) {
  console.log(`${plan.code}  ${plan.name}  (${plan.organizations} organizations)`);
  for (const o of LIMIT_OPTIONS) console.log(`  ${o.what.padEnd(26)} ${show(plan.limits[o.key])}`);
}

function printUsage(name: string, usage: PlanUsage) {
  console.log(
    `${name}: ${usage.plan ? `plan ${usage.plan.code} (${usage.plan.name})` : 'no plan (no limits)'}`,
  );
  console.log(`  period ${usage.period}; API requests per minute: ${show(usage.apiRequestsPerMinute)}`);
  for (const item of usage.items)
    console.log(
      `  ${item.metric.padEnd(18)} ${show(item.used).padStart(12)} / ${show(item.limit)}${item.percent === null ? '' : ` (${item.percent} %)`}`,
    );
}

/**
 * `boveda plan …`: the operator's plans and quotas from the server's shell, the same service as
 * `/api/v1/operator/…` (which needs OPERATOR_TOKEN; this needs access to the configuration).
 */
export function registerPlanCommands(program: Command, loadConfig: () => AppConfig) {
  const plan = program
    .command('plan')
    .description('Plans and quotas for organizations (an organization without a plan has no limits)');
  const withLimits = (cmd: Command) => {
    for (const o of LIMIT_OPTIONS) cmd.option(`--${o.flag} <n>`, `${o.what} (a number or "unlimited")`);
    return cmd.option('--json', 'print JSON');
  };

  plan
    .command('list')
    .description('Every plan with its limits')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      await withContext(loadConfig(), async ({ services }) => {
        const items = await services.plans.list();
        if (opts.json) console.log(JSON.stringify(items));
        else if (items.length === 0)
          console.log('No plans. Create one with: boveda plan create <code> --name …');
        else for (const p of items) printPlan(p);
      });
    });

  withLimits(
    plan
      .command('create <code>')
      .description('Define a plan (limits left out are unlimited)')
      .requiredOption('--name <name>', 'what organizations see, e.g. "Despacho 50"'),
  ).action(
    async (code: string, opts: Record<string, string | undefined> & { name: string; json?: boolean }) => {
      // A bad limit fails before the database is opened.
      const limits = limitsFrom(opts);
      await withContext(loadConfig(), async ({ services }) => {
        const created = await services.plans.create({ code, name: opts.name, limits });
        if (opts.json) console.log(JSON.stringify(created));
        else printPlan(created);
      });
    },
  );

  withLimits(
    plan
      .command('update <code>')
      .description('Rename a plan or change its limits ("unlimited" lifts one); applies at once')
      .option('--name <name>', 'new name'),
  ).action(async (code: string, opts: Record<string, string | undefined> & { json?: boolean }) => {
    const limits = limitsFrom(opts);
    await withContext(loadConfig(), async ({ services }) => {
      const updated = await services.plans.update(code, {
        ...(opts.name ? { name: opts.name } : {}),
        limits,
      });
      if (opts.json) console.log(JSON.stringify(updated));
      else printPlan(updated);
    });
  });

  plan
    .command('delete <code>')
    .description('Delete a plan no organization is on')
    .action(async (code: string) => {
      await withContext(loadConfig(), async ({ services }) => {
        await services.plans.remove(code);
        console.log(`Deleted plan ${code}.`);
      });
    });

  plan
    .command('assign <organization> <code>')
    .description('Put an organization (slug or id) on a plan')
    .option('--json', 'print JSON')
    .action(async (organization: string, code: string, opts: { json?: boolean }) => {
      await withContext(loadConfig(), async ({ services }) => {
        const org = await services.plans.assign(organization, code, cliActor);
        if (opts.json) console.log(JSON.stringify(org));
        else printUsage(org.name, org.usage);
      });
    });

  plan
    .command('unassign <organization>')
    .description('Take an organization off its plan (no limits)')
    .action(async (organization: string) => {
      await withContext(loadConfig(), async ({ services }) => {
        const org = await services.plans.unassign(organization, cliActor);
        printUsage(org.name, org.usage);
      });
    });

  plan
    .command('usage [organization]')
    .description("An organization's usage against its plan this month (every organization without one)")
    .option('--json', 'print JSON')
    .action(async (organization: string | undefined, opts: { json?: boolean }) => {
      await withContext(loadConfig(), async ({ services }) => {
        const orgs = organization
          ? [await services.plans.organization(organization)]
          : await services.plans.organizations();
        if (opts.json) console.log(JSON.stringify(organization ? orgs[0] : orgs));
        else for (const o of orgs) printUsage(`${o.name} (${o.slug})`, o.usage);
      });
    });
}
