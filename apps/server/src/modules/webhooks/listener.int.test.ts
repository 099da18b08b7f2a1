import { documentProcessedType, satRequestStateChangedType } from '@boveda/contracts';
import { Webhook } from 'standardwebhooks';
import { afterEach, describe, expect, it } from 'vitest';
import { type ReceivedWebhook, startWebhookListener, type WebhookListener } from './listener.js';
import { newWebhookSecret } from './signature.js';

const envelope = (id: string, type: string, data: unknown) =>
  JSON.stringify({ id, type, version: 1, timestamp: new Date().toISOString(), data });

/** Signed by the official library, as any Standard Webhooks sender would (not by our signer). */
function signed(secret: string, id: string, body: string, at = new Date()) {
  return {
    'content-type': 'application/json',
    'webhook-id': id,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(id, at, body),
  };
}

describe('webhook listener', () => {
  let listener: WebhookListener | undefined;
  afterEach(async () => {
    await listener?.close();
    listener = undefined;
  });

  it('verifies with the secret: signed gets --status, tampered and unsigned get 401; one line each', async () => {
    const secret = newWebhookSecret();
    const lines: string[] = [];
    const deliveries: ReceivedWebhook[] = [];
    listener = await startWebhookListener({
      port: 0,
      secret,
      status: 200,
      log: (l) => lines.push(l),
      onDelivery: (d) => deliveries.push(d),
    });
    expect(listener.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);

    const body = envelope('msg_1', documentProcessedType.type, documentProcessedType.example);
    const ok = await fetch(listener.url, { method: 'POST', headers: signed(secret, 'msg_1', body), body });
    expect(ok.status).toBe(200);

    // Same headers, one byte of the body changed after signing.
    const tamperedBody = body.replace('11600.00', '99999.00');
    const tampered = await fetch(listener.url, {
      method: 'POST',
      headers: signed(secret, 'msg_2', body),
      body: tamperedBody,
    });
    expect(tampered.status).toBe(401);

    const unsigned = await fetch(listener.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: envelope('msg_3', 'webhook.test', { message: 'hola' }),
    });
    expect(unsigned.status).toBe(401);

    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(
      /^\d{4}-\d\d-\d\dT\S+Z {2}document\.processed {2}msg_1 {2}signature ok {2}-> 200 {2}A-1024, total 11600\.00 MXN, counterpart ESCUELA KEMPER URGATE \(EKU9003173C9\)$/,
    );
    expect(lines[1]).toMatch(
      /document\.processed {2}msg_2 {2}signature FAILED \(No matching signature found\) {2}-> 401/,
    );
    expect(lines[2]).toMatch(
      /webhook\.test {2}\(no webhook-id\) {2}signature FAILED \(Missing required headers\) {2}-> 401/,
    );
    expect(deliveries.map((d) => d.signature)).toEqual(['ok', 'failed', 'failed']);
  });

  it('refuses a signature older than five minutes (the library’s tolerance)', async () => {
    const secret = newWebhookSecret();
    const lines: string[] = [];
    listener = await startWebhookListener({ secret, log: (l) => lines.push(l) });
    const body = envelope('msg_old', 'webhook.test', { message: 'hola' });
    const old = new Date(Date.now() - 6 * 60_000);
    const res = await fetch(listener.url, {
      method: 'POST',
      headers: signed(secret, 'msg_old', body, old),
      body,
    });
    expect(res.status).toBe(401);
    expect(lines[0]).toMatch(/signature FAILED \(Message timestamp too old\)/);
  });

  it('without a secret answers --status and says the signature was not checked', async () => {
    const lines: string[] = [];
    listener = await startWebhookListener({ status: 204, log: (l) => lines.push(l) });
    const data = satRequestStateChangedType.example;
    const res = await fetch(listener.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'webhook-id': 'msg_4' },
      body: envelope('msg_4', satRequestStateChangedType.type, data),
    });
    expect(res.status).toBe(204);
    expect(lines[0]).toMatch(
      /sat\.request\.state_changed {2}msg_4 {2}signature not checked {2}-> 204 {2}EKU9003173C9 cfdi received 2026-11-01\.\.2026-11-30: in_progress -> ready \(412 CFDI\)$/,
    );
    // Not a delivery: nothing is printed.
    expect((await fetch(listener.url)).status).toBe(405);
    expect(lines).toHaveLength(1);
  });

  it('keeps control characters from the sender out of the terminal', async () => {
    const lines: string[] = [];
    listener = await startWebhookListener({ log: (l) => lines.push(l) });
    await fetch(listener.url, {
      method: 'POST',
      body: envelope('x', 'webhook.test', { message: 'a\nb\u001b[2Jc' }),
    });
    expect(lines[0]).not.toContain('\n');
    expect(lines[0]).not.toContain('\u001b');
    expect(lines[0]).toContain('a b [2Jc');
  });
});
