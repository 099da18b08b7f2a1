import type { Command } from 'commander';
import { parseCfdiFiles } from '../modules/cfdi/index.js';

/**
 * `boveda cfdi parse <files…>`: one JSON line per file (its normalized fields, or its error code),
 * for checking a folder of XML by hand or in a script. No database, no configuration. The exit
 * code is 1 when any file failed, so `&&` chains notice.
 */
export function registerCfdiCommands(program: Command) {
  const cfdi = program.command('cfdi').description('CFDI tools that need no server');
  cfdi
    .command('parse <files...>')
    .description('Parse CFDI XML files and print one JSON line per file')
    .action(async (files: string[]) => {
      let failed = 0;
      for await (const line of parseCfdiFiles(files)) {
        if ('error' in line) failed += 1;
        process.stdout.write(`${JSON.stringify(line)}\n`);
      }
      // Exit once stdout has taken the last line (a pipe may still be draining it).
      if (failed > 0)
        await new Promise<void>((done) => process.stdout.write('', () => done())).then(() => process.exit(1));
    });
}
