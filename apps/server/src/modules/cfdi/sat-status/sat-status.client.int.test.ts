import { type RunningSimulator, startSimulator } from '@boveda/sat-simulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createSatStatusClient,
  resolveSatStatusEndpoint,
  SAT_STATUS_PRODUCTION_URL,
  type SatStatusClient,
  SatStatusError,
} from './index.js';

interface Cfdi {
  uuid: string;
  issuerRfc: string;
  receiverRfc: string;
  total: string;
  status: string;
  xml(): string;
}

let sim: RunningSimulator;
let client: SatStatusClient;
let active: Cfdi;
let cancelled: Cfdi;
const checkedAt = new Date('2026-03-01T12:00:00Z');

async function admin(method: string, path: string, body?: unknown) {
  const response = await fetch(`${sim.url}/__admin${path}`, {
    method,
    ...(body === undefined
      ? {}
      : { body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } }),
  });
  expect(response.status).toBeLessThan(300);
  return response.json();
}

const queryOf = (c: Cfdi) => ({
  uuid: c.uuid.toLowerCase(),
  rfcEmisor: c.issuerRfc,
  rfcReceptor: c.receiverRfc,
  total: c.total,
  sealTail: /\bSello="([^"]+)"/.exec(c.xml())![1]!,
});

async function failure(promise: Promise<unknown>): Promise<SatStatusError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SatStatusError);
  return error as SatStatusError;
}

beforeAll(async () => {
  sim = await startSimulator({ seed: 'sat-status-client' });
  client = createSatStatusClient({ satEndpoints: sim.url, timeoutMs: 2000, now: () => checkedAt });
  const all = [
    ...sim.universe().select({
      requesterRfc: 'EKU9003173C9',
      direction: 'received',
      kind: 'cfdi',
      from: '2025-01-01T00:00:00',
      to: '2025-12-31T23:59:59',
      status: 'Todos',
    }),
  ] as Cfdi[];
  active = all.find((c) => c.status === 'vigente')!;
  cancelled = all.find((c) => c.status === 'cancelado')!;
});
afterAll(() => sim?.close());
beforeEach(async () => {
  await admin('DELETE', '/cfdi-status');
  await admin('DELETE', '/faults');
});

describe('SAT status client against the simulator', () => {
  it('vigente: a CFDI of the universe, by its Anexo 20 expression', async () => {
    const result = await client.check(queryOf(active));
    expect(result).toMatchObject({
      found: true,
      estado: 'vigente',
      cancellationStatus: null,
      efos: { listed: false },
      checkedAt,
    });
    expect(['sin_aceptacion', 'con_aceptacion']).toContain(result.cancelable);
    expect(result.raw.codigoEstatus).toBe('S - Comprobante obtenido satisfactoriamente.');
    expect(result.raw.estado).toBe('Vigente');
  });

  it('cancelado: one the universe cancelled, and one cancelled through the admin API', async () => {
    expect(await client.check(queryOf(cancelled))).toMatchObject({
      found: true,
      estado: 'cancelado',
      cancelable: 'no_cancelable',
    });
    await admin('POST', '/cfdi-status', {
      uuid: active.uuid,
      estado: 'Cancelado',
      esCancelable: 'No cancelable',
      estatusCancelacion: 'Plazo vencido',
    });
    expect(await client.check(queryOf(active))).toMatchObject({
      found: true,
      estado: 'cancelado',
      cancelable: 'no_cancelable',
      cancellationStatus: 'plazo_vencido',
      raw: { estatusCancelacion: 'Plazo vencido' },
    });
  });

  it('cancellation requested and pending: Vigente, con aceptación, En proceso', async () => {
    await admin('POST', '/cfdi-status', {
      uuid: active.uuid,
      estado: 'Vigente',
      esCancelable: 'Cancelable con aceptación',
      estatusCancelacion: 'En proceso',
    });
    expect(await client.check(queryOf(active))).toMatchObject({
      estado: 'vigente',
      cancelable: 'con_aceptacion',
      cancellationStatus: 'en_proceso',
    });
  });

  it('no encontrado: unknown UUID, or data that do not match the CFDI (wrong total)', async () => {
    const unknown = await client.check({ ...queryOf(active), uuid: '11111111-2222-4333-8444-555555555555' });
    expect(unknown).toEqual({
      found: false,
      estado: 'no_encontrado',
      cancelable: null,
      cancellationStatus: null,
      efos: { listed: false, code: null },
      raw: {
        codigoEstatus: 'N - 602: Comprobante no encontrado.',
        estado: 'No Encontrado',
        esCancelable: '',
        estatusCancelacion: '',
        validacionEfos: '',
      },
      checkedAt,
    });
    const wrongTotal = await client.check({ ...queryOf(active), total: '0.01' });
    expect(wrongTotal.found).toBe(false);
  });

  it('EFOS listed: an uploaded invoice outside the universe, with & in the issuer RFC', async () => {
    const uuid = 'C2832671-DA6D-11EF-8E4A-00155D012007';
    await admin('POST', '/cfdi-status', {
      uuid,
      estado: 'Vigente',
      esCancelable: 'Cancelable sin aceptación',
      validacionEfos: '100',
      rfcEmisor: 'A&B010101AB1',
      rfcReceptor: 'EKU9003173C9',
      total: '1160.00',
    });
    const query = { uuid, rfcEmisor: 'A&B010101AB1', rfcReceptor: 'EKU9003173C9', total: '1160' };
    expect(await client.check(query)).toMatchObject({
      found: true,
      estado: 'vigente',
      cancelable: 'sin_aceptacion',
      efos: { listed: true, code: '100' },
    });
  });

  it('malformed: the SAT answers 601 to an expression sent as printed → SAT_STATUS_INVALID_EXPRESSION', async () => {
    const error = await failure(client.checkExpression('?re=EKU9003173C9&tt=1.0'));
    expect(error.code).toBe('SAT_STATUS_INVALID_EXPRESSION');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('N - 601');
  });

  it('bad input never leaves the process', async () => {
    const error = await failure(client.check({ ...queryOf(active), total: '1,160.00' }));
    expect(error.code).toBe('SAT_STATUS_INVALID_EXPRESSION');
  });

  it.each([
    ['http500', 'HTTP 500'],
    ['soapFault', 'InternalServiceFault'],
  ])('%s → SAT_STATUS_UNAVAILABLE (retryable), then service again', async (kind, message) => {
    await admin('POST', '/faults', { operation: 'consulta', kind });
    const error = await failure(client.check(queryOf(active)));
    expect(error).toMatchObject({ code: 'SAT_STATUS_UNAVAILABLE', retryable: true, httpStatus: 500 });
    expect(error.message).toContain(message);
    expect((await client.check(queryOf(active))).found).toBe(true);
  });

  it('timeout → SAT_STATUS_UNAVAILABLE within the configured time', async () => {
    await admin('POST', '/faults', { operation: 'consulta', kind: 'timeout' });
    const quick = createSatStatusClient({ satEndpoints: sim.url, timeoutMs: 300 });
    const started = Date.now();
    const error = await failure(quick.check(queryOf(active)));
    expect(error).toMatchObject({ code: 'SAT_STATUS_UNAVAILABLE', retryable: true });
    expect(error.message).toContain('300 ms');
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a truncated answer → SAT_STATUS_BAD_RESPONSE', async () => {
    await admin('POST', '/faults', { operation: 'consulta', kind: 'malformed' });
    const error = await failure(client.check(queryOf(active)));
    expect(error).toMatchObject({ code: 'SAT_STATUS_BAD_RESPONSE', retryable: false });
  });

  it('nothing listening → SAT_STATUS_UNAVAILABLE', async () => {
    const closed = await startSimulator({});
    const url = closed.url;
    await closed.close();
    const error = await failure(
      createSatStatusClient({ endpoint: `${url}/ConsultaCFDIService.svc`, timeoutMs: 1000 }).check(
        queryOf(active),
      ),
    );
    expect(error).toMatchObject({ code: 'SAT_STATUS_UNAVAILABLE', retryable: true });
  });
});

describe('resolveSatStatusEndpoint (SAT_ENDPOINTS)', () => {
  it('production, a base URL, the bundled simulator', async () => {
    expect(resolveSatStatusEndpoint('production')).toBe(SAT_STATUS_PRODUCTION_URL);
    expect(resolveSatStatusEndpoint('http://127.0.0.1:8080/')).toBe(
      'http://127.0.0.1:8080/ConsultaCFDIService.svc',
    );
    expect(resolveSatStatusEndpoint('simulator', 'http://127.0.0.1:9')).toBe(
      'http://127.0.0.1:9/ConsultaCFDIService.svc',
    );
    expect(resolveSatStatusEndpoint('simulator')).toBeNull();
    const error = await failure(
      createSatStatusClient({ satEndpoints: 'simulator', timeoutMs: 100 }).check(queryOf(active)),
    );
    expect(error).toMatchObject({ code: 'SAT_STATUS_UNAVAILABLE', retryable: false });
  });
});
