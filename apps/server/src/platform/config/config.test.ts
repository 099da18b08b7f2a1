import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, envVariables, loadConfig } from './config.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../..');

describe('config', () => {
  it('starts with defaults on an empty environment', () => {
    const config = loadConfig({});
    expect(config.env.PORT).toBe(3000);
    expect(config.env.STORAGE_DRIVER).toBe('fs');
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.masterKeyFile).toBe(path.join(config.dataDir, 'master.key'));
  });

  it('gives password reset links an hour by default, between a minute and a day', () => {
    expect(loadConfig({}).env.PASSWORD_RESET_TTL_MINUTES).toBe(60);
    expect(loadConfig({ PASSWORD_RESET_TTL_MINUTES: '15' }).env.PASSWORD_RESET_TTL_MINUTES).toBe(15);
    for (const bad of ['0', '1441', 'una hora'])
      expect(() => loadConfig({ PASSWORD_RESET_TTL_MINUTES: bad })).toThrow(/PASSWORD_RESET_TTL_MINUTES/);
  });

  it('reads TRUST_PROXY as off, on, a hop count or proxy addresses', () => {
    expect(loadConfig({}).env.TRUST_PROXY).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'true' }).env.TRUST_PROXY).toBe(true);
    expect(loadConfig({ TRUST_PROXY: '1' }).env.TRUST_PROXY).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '127.0.0.1, 10.0.0.0/8' }).env.TRUST_PROXY).toEqual([
      '127.0.0.1',
      '10.0.0.0/8',
    ]);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.local' })).toThrow(/TRUST_PROXY/);
  });

  it('keeps metrics off by default and wants a long token', () => {
    const { env } = loadConfig({});
    expect([env.METRICS_PORT, env.METRICS_TOKEN, env.METRICS_HOST]).toEqual([
      undefined,
      undefined,
      '127.0.0.1',
    ]);
    expect(loadConfig({ METRICS_PORT: '9464' }).env.METRICS_PORT).toBe(9464);
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN/);
  });

  it('names every wrong variable, without echoing its value', () => {
    const secret = 'bm90LTMyLWJ5dGVz';
    try {
      loadConfig({ PORT: 'abc', DATABASE_URL: 'mysql://x', BOVEDA_MASTER_KEY: secret });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigError);
      const message = (e as Error).message;
      expect(message).toContain('PORT');
      expect(message).toContain('DATABASE_URL');
      expect(message).toContain('BOVEDA_MASTER_KEY');
      expect(message).not.toContain(secret);
    }
  });

  it('requires the bucket and credentials when STORAGE_DRIVER=s3', () => {
    expect(() => loadConfig({ STORAGE_DRIVER: 's3' })).toThrow(
      /S3_BUCKET[\s\S]*S3_ACCESS_KEY_ID[\s\S]*S3_SECRET_ACCESS_KEY/,
    );
  });

  it('keeps the inbox LLM off by default and requires a model with its URL', () => {
    expect(loadConfig({}).env.INBOX_LLM_URL).toBeUndefined();
    expect(() => loadConfig({ INBOX_LLM_URL: 'http://127.0.0.1:11434/v1' })).toThrow(/INBOX_LLM_MODEL/);
    expect(() => loadConfig({ INBOX_LLM_URL: 'file:///etc/passwd', INBOX_LLM_MODEL: 'm' })).toThrow(
      /INBOX_LLM_URL/,
    );
    const on = loadConfig({ INBOX_LLM_URL: 'http://127.0.0.1:11434/v1', INBOX_LLM_MODEL: 'qwen2.5' }).env;
    expect(on).toMatchObject({ INBOX_LLM_MODEL: 'qwen2.5', INBOX_LLM_TIMEOUT_MS: 60_000 });
    // The key is a secret: a wrong value elsewhere never echoes it.
    expect(() => loadConfig({ INBOX_LLM_API_KEY: 'sk-very-secret', INBOX_LLM_TIMEOUT_MS: 'x' })).toThrow(
      /^(?![\s\S]*sk-very-secret)/,
    );
  });

  it('caps the CFDI ZIP by default and keeps it within zip32 entries', () => {
    expect(loadConfig({}).env).toMatchObject({ CFDI_ZIP_MAX_DOCUMENTS: 50_000, CFDI_ZIP_MAX_PDF: 1_000 });
    expect(loadConfig({ CFDI_ZIP_MAX_DOCUMENTS: '10' }).env.CFDI_ZIP_MAX_DOCUMENTS).toBe(10);
    expect(() => loadConfig({ CFDI_ZIP_MAX_DOCUMENTS: '70000' })).toThrow(/CFDI_ZIP_MAX_DOCUMENTS/);
    expect(() => loadConfig({ CFDI_ZIP_MAX_PDF: '0' })).toThrow(/CFDI_ZIP_MAX_PDF/);
  });

  it('reads the webhook retry schedule as seconds and refuses a malformed one', () => {
    expect(loadConfig({}).env.WEBHOOK_RETRY_SCHEDULE).toEqual([5, 300, 1800, 7200, 18000, 36000, 36000]);
    expect(loadConfig({ WEBHOOK_RETRY_SCHEDULE: '1, 2,3' }).env.WEBHOOK_RETRY_SCHEDULE).toEqual([1, 2, 3]);
    for (const bad of ['5,x', '-1', '5,,6', '1e3', String(8 * 86_400)])
      expect(() => loadConfig({ WEBHOOK_RETRY_SCHEDULE: bad }), bad).toThrow(/WEBHOOK_RETRY_SCHEDULE/);
  });

  it('sends no mail by default and validates SMTP_URL and EMAIL_FROM without echoing the password', () => {
    const env = loadConfig({}).env;
    expect(env.SMTP_URL).toBeUndefined();
    expect(env.EMAIL_FROM).toBe('Bóveda <no-reply@localhost>');
    expect(env.SMTP_TIMEOUT_MS).toBe(15_000);
    expect(
      loadConfig({
        SMTP_URL: 'smtps://avisos%40despacho.mx:p%40ss@smtp.despacho.mx:465',
        EMAIL_FROM: 'Despacho Pérez <avisos@despacho.mx>',
        SMTP_TIMEOUT_MS: '5000',
      }).env,
    ).toMatchObject({ EMAIL_FROM: 'Despacho Pérez <avisos@despacho.mx>', SMTP_TIMEOUT_MS: 5000 });
    expect(
      loadConfig({ SMTP_URL: 'smtp://127.0.0.1:2525', EMAIL_FROM: 'avisos@despacho.mx' }).env.SMTP_URL,
    ).toBe('smtp://127.0.0.1:2525');
    for (const bad of [
      'http://user:hunter2-secret@mail.example.com',
      'smtp://user:hunter2-secret@',
      'smtp://user:hunter2-secret@mail.example.com/path',
      'smtp://user:hunter2-secret@mail.example.com?x=1',
      'not a url hunter2-secret',
    ]) {
      try {
        loadConfig({ SMTP_URL: bad });
        expect.unreachable(bad);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        expect((e as Error).message).toContain('SMTP_URL');
        expect((e as Error).message).not.toContain('hunter2-secret');
      }
    }
    for (const bad of ['nobody', 'a@b\r\nBcc: x@y', 'Name <not-an-address>'])
      expect(() => loadConfig({ EMAIL_FROM: bad })).toThrow(/EMAIL_FROM/);
    expect(() => loadConfig({ SMTP_TIMEOUT_MS: '10' })).toThrow(/SMTP_TIMEOUT_MS/);
  });

  it('treats empty values as unset, as .env files write them', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' }).env.DATABASE_URL).toBeUndefined();
  });

  it('documents every variable in .env.example', () => {
    const example = readFileSync(path.join(root, '.env.example'), 'utf8');
    const documented = new Set([...example.matchAll(/^([A-Z][A-Z0-9_]*)=/gm)].map((m) => m[1]));
    expect(envVariables.length).toBeGreaterThan(20);
    for (const name of envVariables) expect(documented, `${name} missing from .env.example`).toContain(name);
  });
});
