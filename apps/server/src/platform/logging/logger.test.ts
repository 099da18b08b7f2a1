import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Fastify from 'fastify';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const pem = readFileSync(
  path.join(here, '../../../../../test-fixtures/logging/EKU9003173C9.key.pem'),
  'utf8',
);

function memoryDestination() {
  const chunks: string[] = [];
  return { chunks, write: (s: string) => void chunks.push(s), text: () => chunks.join('') };
}

// Each secret, plus the pieces of it that must not leak either (a PEM leaks line by line).
function planted() {
  const pemLines = pem.split('\n').filter((l) => l && !l.startsWith('-----'));
  return {
    password: `Contraseña-${randomBytes(6).toString('hex')}`,
    apiKey: `bov_live_${randomBytes(18).toString('base64url')}`,
    masterKey: randomBytes(32).toString('base64'),
    bearer: randomBytes(24).toString('base64url'),
    session: randomBytes(24).toString('base64url'),
    wrap: `eyJhbGciOiJodHRwOi8v.${randomBytes(30).toString('base64url')}%26wrap_subject%3d3330303031303030303030353030303033343135`,
    pemLines,
  };
}

function leaks(output: string, s: ReturnType<typeof planted>): string[] {
  const needles = [s.password, s.apiKey, s.masterKey, s.bearer, s.session, s.wrap, ...s.pemLines];
  return needles.filter((n) => output.includes(n) || output.includes(JSON.stringify(n).slice(1, -1)));
}

describe('logger redaction', () => {
  it('keeps planted secrets out of every kind of log line', () => {
    const s = planted();
    const dest = memoryDestination();
    const log = createLogger({ level: 'trace', destination: dest });

    log.info({ user: { email: 'ana@example.com', password: s.password } }, 'user created');
    log.info({ a: { b: { c: { d: { password: s.password, apiKey: s.apiKey } } } } }, 'deep');
    log.info(
      { efirma: { key: pem, password: s.password, certificate: 'public cert ok' } },
      'efirma uploaded',
    );
    log.info({ config: { BOVEDA_MASTER_KEY: s.masterKey }, masterKey: s.masterKey }, 'config loaded');
    log.info(
      {
        req: { headers: { authorization: `Bearer ${s.bearer}`, cookie: `boveda_session=${s.session}` } },
        res: { headers: { 'set-cookie': [`boveda_session=${s.session}; HttpOnly`] } },
      },
      'request',
    );
    log.info(
      {
        upstream: { headers: { cookie: `boveda_session=${s.session}`, 'set-cookie': [`sid=${s.session}`] } },
      },
      'upstream answered',
    );
    log.warn(`login failed for ana with password=${s.password}`);
    log.warn('api key %s rejected, sent as %s', s.apiKey, `Bearer ${s.bearer}`);
    log.debug(`SAT answered, header was WRAP access_token="${s.wrap}"`);
    log.debug(`raw headers: Cookie: boveda_session=${s.session}`);
    log.info(`master key ${s.masterKey} loaded`);
    log.info({ blob: Buffer.from(pem) }, 'bytes');
    log.error(new Error(`could not parse key:\n${pem}`));
    log.error({ err: new Error(`upstream said WRAP access_token="${s.wrap}"`) }, 'sat call failed');
    const withCause = new Error('outer', { cause: new Error(`inner with ${s.apiKey}`) });
    log.error({ err: withCause, token: s.bearer }, 'chained');
    const child = log.child({ apiKey: s.apiKey, requestId: 'r-1' });
    child.info({ headers: { authorization: `Bearer ${s.bearer}` } }, `using ${s.apiKey}`);

    const output = dest.text();
    expect(dest.chunks.length).toBe(16);
    expect(leaks(output, s)).toEqual([]);
    // Redaction leaves the rest of the entry useful.
    expect(output).toContain('ana@example.com');
    expect(output).toContain('public cert ok');
    expect(output).toContain('"requestId":"r-1"');
    expect(output).toContain('[redacted]');
    const lines = output
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    const parsedError = lines.find((l) => l.msg?.startsWith('could not parse key'));
    expect(parsedError.err.type).toBe('Error');
  });

  it('redacts secrets in the logs of a Fastify server that uses it', async () => {
    const s = planted();
    const dest = memoryDestination();
    const app = Fastify({ loggerInstance: createLogger({ level: 'info', destination: dest }) });
    app.get('/hook', async (request) => {
      request.log.info({ headers: request.headers }, 'incoming headers');
      throw new Error(`connector refused token ${s.apiKey}`);
    });
    const res = await app.inject({
      method: 'GET',
      url: `/hook?access_token=${s.session}`,
      headers: { authorization: `Bearer ${s.bearer}`, cookie: `boveda_session=${s.session}` },
    });
    await app.close();
    expect(res.statusCode).toBe(500);
    const output = dest.text();
    expect(output).toContain('incoming headers');
    expect(output).toContain('/hook?access_token=[redacted]');
    expect(leaks(output, s)).toEqual([]);
  });
});
