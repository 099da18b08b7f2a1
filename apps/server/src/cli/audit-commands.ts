import type { Command } from 'commander';
import type { ChainVerification } from '../modules/audit/index.js';
import type { AppConfig } from '../platform/config/config.js';
import { withContext } from './admin-commands.js';

const REASONS: Record<NonNullable<ChainVerification['firstBroken']>['reason'], string> = {
  hash_mismatch: "the event's content differs from what was hashed (edited)",
  prev_mismatch: 'the event does not follow the previous hash (replaced or re-hashed)',
  gap: 'events before it are missing (deleted)',
  head_mismatch:
    'the chain does not end where its head says (the last events were deleted, or the head was changed)',
};

const events = (n: number) => `${n} event${n === 1 ? '' : 's'}`;

/** One line per chain: `<name>: ok, …` or `<name>: BROKEN at …`. */
export function describeVerification(name: string, v: ChainVerification): string {
  const unchained = v.unchained ? `; ${events(v.unchained)} unchained (written before the chain)` : '';
  if (v.ok) return `${name}: ok, ${events(v.checked)} verified${unchained}`;
  const b = v.firstBroken!;
  const where = b.id ? `event ${b.id} (position ${b.seq})` : `position ${b.seq} (event missing)`;
  const missing = b.expectedSeq ? `; first missing position ${b.expectedSeq}` : '';
  return `${name}: BROKEN at ${where}: ${b.reason}, ${REASONS[b.reason]}${missing}; ${events(v.checked)} read${unchained}`;
}

export function registerAuditCommands(program: Command, loadConfig: () => AppConfig) {
  const audit = program.command('audit').description('The audit trail');
  audit
    .command('verify')
    .description(
      "Re-compute the audit trail's hash chains (one organization's, or every chain) and report the first break; exits 1 when one is broken",
    )
    .option('--org <slug>', 'only this organization (default: every organization and the global chain)')
    .option('--tenant <slug>', 'same as --org')
    .option('--json', 'print JSON (an object with --org, else an array)')
    .action(async (opts: { org?: string; tenant?: string; json?: boolean }) => {
      const slug = opts.org ?? opts.tenant;
      await withContext(loadConfig(), async ({ services }) => {
        const chains: { tenantId: string | null; slug: string | null }[] = [];
        if (slug) {
          chains.push({ tenantId: (await services.tenants.tenantBySlug(slug)).id, slug });
        } else {
          for (const tenantId of await services.audit.chains()) {
            const tenant = tenantId ? await services.tenants.tenantById(tenantId) : null;
            chains.push({ tenantId, slug: tenant?.slug ?? null });
          }
        }
        const results = [];
        for (const chain of chains) {
          const verification = await services.audit.verifyChain(chain.tenantId);
          results.push({ chain: chain.tenantId ? 'tenant' : 'global', ...chain, ...verification });
          if (!opts.json) {
            const name = chain.tenantId ? (chain.slug ?? `tenant ${chain.tenantId} (deleted)`) : 'global';
            console.log(describeVerification(name, verification));
          }
        }
        if (opts.json) console.log(JSON.stringify(slug ? results[0] : results));
        else if (results.length === 0) console.log('No audit events are chained yet.');
        if (results.some((r) => !r.ok)) process.exitCode = 1;
      });
    });
}
