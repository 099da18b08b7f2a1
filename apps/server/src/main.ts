import { Command } from 'commander';
import { registerAdminCommands } from './cli/admin-commands.js';
import { registerAuditCommands } from './cli/audit-commands.js';
import { registerCfdiCommands } from './cli/cfdi-commands.js';
import { registerPlanCommands } from './cli/plan-commands.js';
import { runServer } from './cli/run-server.js';
import { registerSatCommands } from './cli/sat-commands.js';
import { registerSmtpSinkCommand } from './cli/smtp-sink-command.js';
import { registerTaxpayerCommands } from './cli/taxpayer-commands.js';
import { registerWebhookListenCommand } from './cli/webhook-listen-command.js';
import { type AppConfig, ConfigError, loadConfig } from './platform/config/config.js';
import { isAppError } from './platform/errors/app-error.js';

const program = new Command('boveda')
  .description('Bóveda: fiscal vault for Mexican businesses')
  .showHelpAfterError();

let overrides: Record<string, string> = {};
/** Set by commands that keep running (servers, the simulator); the others exit when done. */
let longRunning = false;
const config = (): AppConfig => loadConfig(undefined, overrides);

program
  .command('start')
  .description('API, job worker and web app in one process (the default way to run Bóveda)')
  .option('--demo', 'run the bundled SAT simulator with the SAT test e.firma')
  .action(async (opts: { demo?: boolean }) => {
    if (opts.demo) overrides = { ...overrides, BOVEDA_DEMO: '1' };
    longRunning = true;
    await runServer(config(), 'all');
  });
program
  .command('api')
  .description('Only the HTTP API and web app (scale out next to workers)')
  .action(() => {
    longRunning = true;
    return runServer(config(), 'api');
  });
program
  .command('worker')
  .description('Only the job worker')
  .action(() => {
    longRunning = true;
    return runServer(config(), 'worker');
  });
registerAdminCommands(program, config);
program
  .command('sat-sim')
  .description('Run the SAT Descarga Masiva simulator (same as boveda-sat-sim; --help for its options)')
  .allowUnknownOption()
  .helpOption(false)
  .argument('[args...]')
  .action(async (args: string[]) => {
    // The simulator's CLI reads process.argv itself.
    longRunning = true;
    process.argv = [process.argv[0]!, 'boveda-sat-sim', ...args];
    await import('@boveda/sat-simulator/cli');
  });
program
  .command('erp-sim')
  .description(
    'Run the local ERP simulator for the ERP connectors (same as boveda-erp-sim; --help for its options)',
  )
  .allowUnknownOption()
  .helpOption(false)
  .argument('[args...]')
  .action(async (args: string[]) => {
    longRunning = true;
    process.argv = [process.argv[0]!, 'boveda-erp-sim', ...args];
    await import('@boveda/erp-simulator/cli');
  });
program
  .command('facturify-sim')
  .description('Run the local Facturify PAC simulator (same as boveda-facturify-sim; --help for its options)')
  .allowUnknownOption()
  .helpOption(false)
  .argument('[args...]')
  .action(async (args: string[]) => {
    longRunning = true;
    process.argv = [process.argv[0]!, 'boveda-facturify-sim', ...args];
    await import('@boveda/facturify-simulator/cli');
  });
registerSmtpSinkCommand(program, () => {
  longRunning = true;
});
registerWebhookListenCommand(program, () => {
  longRunning = true;
});
registerCfdiCommands(program);
registerTaxpayerCommands(program, config);
registerSatCommands(program, config);
registerAuditCommands(program, config);
registerPlanCommands(program, config);

program
  .parseAsync(process.argv)
  .then(() => {
    // Exit explicitly with the command's code: open handles (pools, timers) of a finished command
    // must not keep the process alive.
    if (!longRunning) process.exit(process.exitCode ?? 0);
  })
  .catch((err: unknown) => {
    if (err instanceof ConfigError) console.error(err.message);
    else if (isAppError(err)) console.error(`Error ${err.code}: ${err.detail ?? err.title}`);
    else console.error(err instanceof Error ? err.message : String(err));
    process.exit(1);
  });
