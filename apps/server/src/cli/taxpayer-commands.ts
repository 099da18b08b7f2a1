import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import type { TaxpayerView } from '../modules/taxpayers/index.js';
import type { AppConfig } from '../platform/config/config.js';
import { cliActor, withContext } from './admin-commands.js';

const json = (t: TaxpayerView) => ({
  rfc: t.rfc,
  legalName: t.legalName,
  certificateSerial: t.certificateSerial,
  validFrom: t.validFrom.toISOString(),
  validUntil: t.validUntil.toISOString(),
  status: t.status,
  daysToExpiry: t.daysToExpiry,
  expiresSoon: t.expiresSoon,
});

const line = (t: TaxpayerView) => {
  const flag = t.expired ? '  EXPIRED' : t.expiresSoon ? `  expires in ${t.daysToExpiry} days` : '';
  return `${t.rfc.padEnd(13)}  ${t.certificateSerial}  until ${t.validUntil.toISOString().slice(0, 10)}  ${t.legalName}${flag}`;
};

export function registerTaxpayerCommands(program: Command, loadConfig: () => AppConfig) {
  const taxpayer = program
    .command('taxpayer')
    .description("Taxpayers (the firm's clients) and their e.firma");
  taxpayer
    .command('add')
    .description('Register a taxpayer with its e.firma (.cer, .key and the password in a file)')
    .requiredOption('--tenant <slug>', 'organization slug')
    .requiredOption('--cer <file>', 'e.firma certificate (.cer)')
    .requiredOption('--key <file>', 'e.firma private key (.key)')
    .requiredOption('--password-file <file>', 'file holding the private key password')
    .option('--json', 'print JSON')
    .action(
      async (opts: { tenant: string; cer: string; key: string; passwordFile: string; json?: boolean }) => {
        const [certificate, privateKey, password] = await Promise.all([
          readFile(opts.cer),
          readFile(opts.key),
          // An editor's trailing newline is not part of the password.
          readFile(opts.passwordFile, 'utf8').then((p) => p.replace(/\r?\n$/, '')),
        ]);
        await withContext(loadConfig(), async ({ services }) => {
          const t = await services.tenants.tenantBySlug(opts.tenant);
          const added = await services.taxpayers.addTaxpayer(
            t.id,
            { certificate, privateKey, password },
            cliActor,
          );
          console.log(opts.json ? JSON.stringify(json(added)) : `Registered ${line(added)}`);
        });
      },
    );
  taxpayer
    .command('list')
    .description("The organization's taxpayers with their e.firma validity")
    .requiredOption('--tenant <slug>', 'organization slug')
    .option('--json', 'print JSON')
    .action(async (opts: { tenant: string; json?: boolean }) => {
      await withContext(loadConfig(), async ({ services }) => {
        const t = await services.tenants.tenantBySlug(opts.tenant);
        const items = await services.taxpayers.listTaxpayers(t.id);
        if (opts.json) console.log(JSON.stringify(items.map(json)));
        else console.log(items.length ? items.map(line).join('\n') : `No taxpayers in ${t.slug}.`);
      });
    });
}
