import { spawn } from 'node:child_process';
import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { bovedaBin } from '../../test/support/cli-process.js';
import { newWebhookSecret } from '../modules/webhooks/index.js';

describe('boveda webhook-listen', () => {
  it('says where it listens and how to allow it, prints each verified delivery; Ctrl-C stops it', async () => {
    const secret = newWebhookSecret();
    const child = spawn(
      process.execPath,
      [bovedaBin, 'webhook-listen', '--port', '0', '--secret', secret, '--status', '202'],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
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
      const url = (await until(/Listening for webhooks on (http:\/\/127\.0\.0\.1:\d+\/)/))?.[1];
      expect(url).toBeTruthy();
      expect(stdout).toMatch(/OUTBOUND_ALLOWED_HOSTS=127\.0\.0\.1:\d+/);
      const body = JSON.stringify({
        id: 'msg_cli',
        type: 'webhook.test',
        version: 1,
        timestamp: new Date().toISOString(),
        data: { endpointId: 'e', message: 'Evento de prueba' },
      });
      const now = new Date();
      const res = await fetch(url!, {
        method: 'POST',
        headers: {
          'webhook-id': 'msg_cli',
          'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
          'webhook-signature': new Webhook(secret).sign('msg_cli', now, body),
        },
        body,
      });
      expect(res.status).toBe(202);
      expect(
        (await until(/webhook\.test {2}msg_cli {2}signature ok {2}-> 202 {2}Evento de prueba/))?.[0],
      ).toBeTruthy();
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('refuses a secret that is not whsec_', async () => {
    const child = spawn(process.execPath, [bovedaBin, 'webhook-listen', '--secret', 'hunter2'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const code = await new Promise((r) => child.once('exit', r));
    expect(code).toBe(1);
    expect(stderr).toMatch(/--secret must be a webhook secret/);
  });
});
