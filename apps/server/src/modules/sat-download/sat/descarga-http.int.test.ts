import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createCache } from '../../../platform/cache/index.js';
import { createFsObjectStore, type ObjectStore } from '../../../platform/storage/index.js';
import { storeInto } from '../package-store.js';
import { createSatGateway, resolveEndpoints, SatCallError, type SatCredentials } from './sat-gateway.js';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../../..');
const soap = path.join(repo, 'test-fixtures/sat-soap');
const efirma = path.join(repo, 'test-fixtures/efirma');
const DESCARGAR = 'http://DescargaMasivaTerceros.sat.gob.mx/IDescargaMasivaTercerosService/Descargar';

type Handler = (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>;

/**
 * A local HTTP server speaking the SAT's SOAP: Autentica answers the recorded token, Descargar runs
 * the scenario of each test (gzip, a connection cut mid-package, a stall, a fault).
 */
describe('Descargar over HTTP, streamed into storage', () => {
  let server: Server;
  let url: string;
  let tokenAnswer: string;
  let answer: Buffer;
  let zipBase64: string;
  let credentials: SatCredentials;
  let dir: string;
  let store: ObjectStore;
  let descargar: Handler = () => {};
  const seen: { action: string | undefined; authorization: string | undefined; body: string }[] = [];

  beforeAll(async () => {
    tokenAnswer = await readFile(path.join(soap, 'response-with-token.xml'), 'utf8');
    answer = await readFile(path.join(soap, 'response-with-package.xml'));
    zipBase64 = /<Paquete>([^<]*)<\/Paquete>/.exec(answer.toString('utf8'))![1]!;
    credentials = {
      rfc: 'EKU9003173C9',
      certificateDer: await readFile(path.join(efirma, 'fiel-EKU9003173C9.cer')),
      privateKeyDer: await readFile(path.join(efirma, 'fiel-EKU9003173C9.key')),
      password: (await readFile(path.join(efirma, 'fiel-EKU9003173C9-password.txt'), 'utf8')).trim(),
    };
    server = createServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = Buffer.concat(chunks).toString('utf8');
      const action = req.headers.soapaction?.toString().replace(/"/g, '');
      if (action?.endsWith('/Autentica')) {
        res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(tokenAnswer);
        return;
      }
      seen.push({ action, authorization: req.headers.authorization, body });
      await descargar(req, res, body);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    dir = await mkdtemp(path.join(tmpdir(), 'descarga-http-'));
    store = createFsObjectStore({ rootDir: dir });
  });
  afterAll(async () => {
    server?.closeAllConnections();
    server?.close();
    await rm(dir, { recursive: true, force: true });
  });
  afterEach(() => {
    seen.length = 0;
  });

  const session = async (events: string[], timeoutMs = 2000) =>
    createSatGateway({
      endpoints: resolveEndpoints(url)!,
      http: { timeoutMs, backoffMs: 10, maxAttempts: 2 },
      cache: await createCache(),
    }).session(`t:${Math.random()}`, credentials, (e) =>
      events.push(`${e.operation} ${e.code ?? e.message}`),
    );
  const keyOf = (name: string) => `tenants/t/clientes/EKU9003173C9/2018/paquetes/cfdi/${name}.zip`;
  const writeSlowly = async (res: ServerResponse, bytes: Buffer, step = 512) => {
    for (let i = 0; i < bytes.length; i += step) {
      if (!res.write(bytes.subarray(i, i + step))) await once(res, 'drain');
    }
  };

  it('sends the signed request with the token, and stores the zip of a gzip answer sent in small pieces', async () => {
    descargar = async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8', 'content-encoding': 'gzip' });
      await writeSlowly(res, gzipSync(answer), 97);
      res.end();
    };
    const events: string[] = [];
    const got = await (await session(events)).download('PKG_01', storeInto(store, keyOf('gzip')));
    expect(got.code).toBe(5000);
    expect((await store.getBuffer(keyOf('gzip'))).toString('base64')).toBe(zipBase64);
    expect(got.stored?.size).toBe(Buffer.from(zipBase64, 'base64').length);

    const [call] = seen;
    expect(call?.action).toBe(DESCARGAR);
    const token = /<AutenticaResult>([^<]+)</.exec(tokenAnswer)![1];
    expect(call?.authorization).toBe(`WRAP access_token="${token}"`);
    expect(call?.body).toMatch(/<des:peticionDescarga IdPaquete="PKG_01" RfcSolicitante="EKU9003173C9">/);
    expect(call?.body).toMatch(/<SignatureValue>[A-Za-z0-9+/=]{100,}<\/SignatureValue>/);
    expect(events).toEqual(['autentica token obtained', 'descarga 5000']);
  });

  it('a connection cut mid-package is retried with a fresh request, and only the whole package is stored', async () => {
    let attempt = 0;
    descargar = async (_req, res) => {
      attempt++;
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      if (attempt === 1) {
        await writeSlowly(res, answer.subarray(0, 2500));
        await new Promise((r) => setTimeout(r, 20));
        res.socket?.destroy();
        return;
      }
      await writeSlowly(res, answer);
      res.end();
    };
    const events: string[] = [];
    const got = await (await session(events)).download('PKG_02', storeInto(store, keyOf('cut')));
    expect(got.code).toBe(5000);
    expect(seen).toHaveLength(2);
    expect(events).toContain('descarga retry 1: connection closed mid-response');
    expect((await store.getBuffer(keyOf('cut'))).toString('base64')).toBe(zipBase64);
  });

  it('a package that stalls past the inactivity limit on every attempt fails the call and stores nothing', async () => {
    descargar = async (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      await writeSlowly(res, answer.subarray(0, 3000));
    };
    const events: string[] = [];
    const failure = await (await session(events, 300))
      .download('PKG_03', storeInto(store, keyOf('stall')))
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(SatCallError);
    expect((failure as Error).message).toMatch(/no answer within 300 ms/);
    expect(events).toContain('descarga retry 1: no answer within 300 ms');
    expect(await store.head(keyOf('stall'))).toBeNull();
  });

  it('an answer that ends early with a clean HTTP close is unreadable, not retried, and stores nothing', async () => {
    descargar = (_req, res) => {
      res.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(answer.subarray(0, 3000));
    };
    const failure = await (await session([]))
      .download('PKG_04', storeInto(store, keyOf('short')))
      .catch((e: unknown) => e);
    expect((failure as Error).message).toMatch(
      /descarga: unreadable package: the answer ends inside the package/,
    );
    expect(seen).toHaveLength(1);
    expect(await store.head(keyOf('short'))).toBeNull();
  });

  it('a SOAP fault with HTTP 500 is retried, then reported with its code; 5008 comes back without a package', async () => {
    const fault = await readFile(path.join(soap, 'fault-invalid-security.xml'));
    descargar = (_req, res) => {
      res.writeHead(500, { 'content-type': 'text/xml; charset=utf-8' }).end(fault);
    };
    const events: string[] = [];
    const s = await session(events);
    const failure = await s.download('PKG_05', storeInto(store, keyOf('fault'))).catch((e: unknown) => e);
    expect((failure as Error).message).toBe(
      'descarga: SOAP fault a:InvalidSecurity: An error occurred when verifying security for the message.',
    );
    expect(events).toContain('descarga retry 1: HTTP 500');

    const template = await readFile(path.join(soap, 'response-with-package-template.xml'), 'utf8');
    descargar = (_req, res) => {
      res
        .writeHead(200, { 'content-type': 'text/xml; charset=utf-8' })
        .end(
          template.replace('5000', '5008').replace('Solicitud Aceptada', 'Máximo de descargas permitidas'),
        );
    };
    let sinkCalls = 0;
    const gone = await s.download('PKG_05', async () => {
      sinkCalls++;
      return null;
    });
    expect(gone).toEqual({ code: 5008, message: 'Máximo de descargas permitidas', stored: null });
    expect(sinkCalls).toBe(0);
  });
});
