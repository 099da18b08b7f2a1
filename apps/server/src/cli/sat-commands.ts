import type { Command } from 'commander';
import { Option } from 'commander';
import type { AppContext } from '../app/context.js';
import type { AppConfig } from '../platform/config/config.js';
import { cliActor, withContext } from './admin-commands.js';

/** The CLI only enqueues through the job queue when it has to; it never runs the scheduler. */
async function withJobs<T>(ctx: AppContext, fn: () => Promise<T>): Promise<T> {
  await ctx.jobs.start();
  try {
    return await fn();
  } finally {
    await ctx.jobs.stop();
  }
}

const tenantId = async (ctx: AppContext, slug: string) => (await ctx.services.tenants.tenantBySlug(slug)).id;

export function registerSatCommands(program: Command, loadConfig: () => AppConfig) {
  const sat = program
    .command('sat')
    .description("The SAT's Descarga Masiva: requests, verification and downloads");

  sat
    .command('year <year>')
    .description('File a whole year: 12 monthly CFDI + 2 semester metadata requests per direction')
    .requiredOption('--tenant <slug>', 'organization slug')
    .requiredOption('--rfc <RFC>', 'the taxpayer (registered with its e.firma)')
    .addOption(
      new Option('--direction <direction>', 'issued | received | both')
        .choices(['issued', 'received', 'both'])
        .default('both'),
    )
    .option('--json', 'print JSON')
    .action(
      async (
        year: string,
        opts: { tenant: string; rfc: string; direction: 'issued' | 'received' | 'both'; json?: boolean },
      ) => {
        await withContext(loadConfig(), async (ctx) =>
          withJobs(ctx, async () => {
            const results = await ctx.services.satDownload.fileYear(
              await tenantId(ctx, opts.tenant),
              opts.rfc,
              Number(year),
              opts.direction,
              'cli',
            );
            const created = results.filter((r) => r.created).length;
            if (opts.json) {
              console.log(
                JSON.stringify({
                  created,
                  existing: results.length - created,
                  ids: results.map((r) => r.request.id),
                }),
              );
              return;
            }
            for (const { request: r, created: isNew } of results)
              console.log(
                `${isNew ? 'new     ' : 'existing'}  ${r.direction?.padEnd(8)} ${r.kind.padEnd(8)} ${r.periodStart} … ${r.periodEnd}  ${r.state}`,
              );
            console.log(
              `\n${created} new request(s), ${results.length - created} already open. A running worker files them with the SAT; follow with "boveda sat status --tenant ${opts.tenant}".`,
            );
          }),
        );
      },
    );

  sat
    .command('sync')
    .description('Verify and download every open request now (queued for the worker, or here with --wait)')
    .option('--tenant <slug>', 'only this organization')
    .option('--wait', 'talk to the SAT from this process and show the progress')
    .action(async (opts: { tenant?: string; wait?: boolean }) => {
      await withContext(loadConfig(), async (ctx) => {
        const tenant = opts.tenant ? await tenantId(ctx, opts.tenant) : undefined;
        if (!opts.wait) {
          const jobId = await withJobs(ctx, () => ctx.services.satDownload.enqueueSync(tenant));
          console.log(`Sync queued (job ${jobId}); a running worker does it. Use --wait to run it here.`);
          return;
        }
        const reader = { type: 'cli' as const, label: cliActor.label, command: 'sat sync --wait' };
        const totals = await ctx.services.satDownload.syncNow(tenant, reader, (line) => console.log(line));
        console.log(
          `Done: ${totals.filed} filed, ${totals.verified} verified, ${totals.packagesStored} package(s) stored, ${totals.transientErrors} transient error(s) to retry later.`,
        );
      });
    });

  sat
    .command('status')
    .description('Requests per taxpayer and state, and those that need a person')
    .requiredOption('--tenant <slug>', 'organization slug')
    .option('--rfc <RFC>', 'only this taxpayer')
    .option('--json', 'print JSON')
    .action(async (opts: { tenant: string; rfc?: string; json?: boolean }) => {
      await withContext(loadConfig(), async (ctx) => {
        const id = await tenantId(ctx, opts.tenant);
        const counts = await ctx.services.satDownload.status(id, opts.rfc);
        const attention = await ctx.services.satDownload.needingAttention(id, opts.rfc);
        if (opts.json) {
          console.log(
            JSON.stringify({
              counts,
              needsAttention: attention.map((r) => ({
                id: r.id,
                rfc: r.rfc,
                type: r.kind,
                direction: r.direction,
                period: r.periodStart ? { start: r.periodStart, end: r.periodEnd } : null,
                state: r.state,
                reason: r.needsAttentionReason,
              })),
            }),
          );
          return;
        }
        if (!counts.length) console.log('No SAT requests yet.');
        for (const c of counts) console.log(`${c.rfc.padEnd(13)}  ${c.state.padEnd(12)} ${c.count}`);
        if (attention.length) console.log('\nNeeds attention:');
        for (const r of attention)
          console.log(
            `  ${r.rfc} ${r.kind} ${r.direction ?? 'folio'} ${r.periodStart ?? r.folio} (${r.state}): ${r.needsAttentionReason}`,
          );
      });
    });
}
