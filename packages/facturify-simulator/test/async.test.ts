import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type RunningFacturifySimulator, startFacturifySimulator, type WebhookBody } from '../src/index.js';
import { call, invoice, login } from './support/client.js';

let sim: RunningFacturifySimulator;
let receiver: Server | undefined;
afterEach(async () => {
  await sim?.close();
  await new Promise((resolve) => (receiver ? receiver.close(resolve) : resolve(undefined)));
  receiver = undefined;
});

/** A local HTTP server that records the webhooks it receives. */
async function listen() {
  const received: WebhookBody[] = [];
  let notify: () => void = () => {};
  receiver = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => {
      received.push(JSON.parse(text));
      res.writeHead(200).end('ok');
      notify();
    });
  });
  await new Promise<void>((resolve) => receiver!.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/secret`;
  const next = (count: number) =>
    new Promise<void>((resolve) => {
      notify = () => received.length >= count && resolve();
      notify();
    });
  return { url, received, next };
}

describe('asynchronous stamping (code 70 + webhook)', () => {
  it('auto: answers code 70 with job_id, POSTs STAMP/TIMBRADO to the account callback, then GET shows it', async () => {
    const hook = await listen();
    sim = await startFacturifySimulator({ stamping: 'async', asyncDelayMs: 20, callbackUrl: hook.url });
    const token = await login(sim);
    const reply = await call(sim, '/api/v1/factura', { json: invoice(), token });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      success: true,
      code: '70',
      message: 'La factura está en proceso de timbrado',
      data: { job_id: expect.any(String) },
    });
    const jobId = reply.body.data.job_id;
    await hook.next(1);
    const [body] = hook.received;
    expect(body).toMatchObject({
      module: 'invoice',
      action: 'STAMP',
      status: 'TIMBRADO',
      data: { job_id: jobId, serie: 'A', folio: 1, factura: 'ingreso' },
    });
    const uuid = body!.data.cfdi_uuid as string;
    const got = await call(sim, `/api/v1/factura/${uuid}`, { token });
    expect(got.body.data).toMatchObject({ cfdi_uuid: uuid, job_id: jobId, status: 'valid' });
    expect(got.body.data.xml).toBe(body!.data.xml);
    expect((await call(sim, `/api/v1/factura/${jobId}`, { token })).body.data.cfdi_uuid).toBe(uuid);
  });

  it('manual: queued until POST /__admin/jobs/complete; per-request webhook_url wins; errors go out as ERROR', async () => {
    const hook = await listen();
    sim = await startFacturifySimulator({
      asyncCompletion: 'manual',
      callbackUrl: 'http://127.0.0.1:9/unused',
    });
    const token = await login(sim);
    sim.addFault({ operation: 'factura.create', kind: 'async', count: 2 });
    const first = await call(sim, '/api/v1/factura', {
      json: { ...invoice(), webhook_url: hook.url },
      token,
    });
    const jobId = first.body.data.job_id;
    expect(first.body.code).toBe('70');
    const queued = await call(sim, `/api/v1/factura/${jobId}`, { token });
    expect(queued.body).toMatchObject({ code: '70', data: { job_id: jobId, status: 'queued' } });
    const done = await call(sim, '/__admin/jobs/complete', { json: { job_id: jobId } });
    expect(done.body.completed).toEqual([jobId]);
    expect(hook.received[0]).toMatchObject({ action: 'STAMP', status: 'TIMBRADO', data: { job_id: jobId } });
    expect((await call(sim, `/api/v1/factura/${jobId}`, { token })).body.data.status).toBe('valid');

    const second = await call(sim, '/api/v1/factura', {
      json: { ...invoice(), webhook_url: hook.url },
      token,
    });
    await sim.completeJobs(second.body.data.job_id, 'error');
    expect(hook.received[1]).toMatchObject({
      action: 'STAMP',
      status: 'ERROR',
      data: { job_id: second.body.data.job_id, success: false, code: 'CFDI40147', pac: 'Finkok' },
    });
    const failed = await call(sim, `/api/v1/factura/${second.body.data.job_id}`, { token });
    expect(failed.body).toMatchObject({ success: false, code: 'CFDI40147', data: { status: 'error' } });
    // The third create is synchronous again (the fault was for two).
    expect((await call(sim, '/api/v1/factura', { json: invoice(), token })).body.code).toBe('0');
    expect(sim.webhooks().map((d) => d.status)).toEqual([200, 200]);
  });

  it('a final cancellation is announced with CANCELLATION/CANCELADO to the empresa webhook', async () => {
    const hook = await listen();
    sim = await startFacturifySimulator({ cancellation: 'pending' });
    sim.addEmpresa({ ...sim.empresas()[0]!, webhook_url: hook.url });
    const token = await login(sim);
    const stamped = (await call(sim, '/api/v1/factura', { json: invoice(), token })).body.data;
    await call(sim, `/api/v1/factura/${stamped.cfdi_uuid}/cancel`, {
      method: 'PUT',
      token,
      json: { motivo: '03' },
    });
    expect(hook.received).toHaveLength(0);
    await call(sim, `/__admin/cancellations/${stamped.cfdi_uuid}`, { json: { result: 'accepted' } });
    expect(hook.received[0]).toMatchObject({
      module: 'invoice',
      action: 'CANCELLATION',
      status: 'CANCELADO',
      data: { cfdi_uuid: stamped.cfdi_uuid, cancellation_status: 'accepted', motivo: '03' },
    });
  });
});
