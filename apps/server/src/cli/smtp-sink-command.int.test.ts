import { spawn } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { bovedaBin } from '../../test/support/cli-process.js';
import { createEmail } from '../platform/email/index.js';
import type { Jobs } from '../platform/jobs/jobs.js';
import { createLogger } from '../platform/logging/index.js';

describe('boveda smtp-sink', () => {
  it('listens, says where, and prints each mail it receives; Ctrl-C stops it', async () => {
    const child = spawn(process.execPath, [bovedaBin, 'smtp-sink', '--port', '0'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
    });
    const until = async (pattern: RegExp) => {
      const deadline = Date.now() + 20_000;
      while (!pattern.test(stdout) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      return pattern.exec(stdout);
    };
    try {
      const url = (await until(/SMTP_URL=(smtp:\/\/127\.0\.0\.1:\d+)/))?.[1];
      expect(url).toBeTruthy();
      const email = createEmail({
        smtpUrl: url,
        from: 'Bóveda <no-reply@localhost>',
        logger: createLogger({ level: 'silent' }),
        jobs: {} as Jobs,
      });
      await email.send({ to: ['contador@despacho.mx'], subject: 'Aviso de prueba', text: 'Hola, despacho.' });
      await until(/Hola, despacho\./);
      expect(stdout).toMatch(/mail for contador@despacho\.mx/);
      expect(stdout).toContain('From:    Bóveda <no-reply@localhost>');
      expect(stdout).toContain('Subject: Aviso de prueba');
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
