import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError } from '../api/errors.js';
import { actionLabel, actorLabel, targetLabel } from '../pages/audit/audit-labels.js';
import { describeError } from './describe-error.js';
import { en } from './en.js';
import { esMX } from './es-MX.js';
import { formatDateTime } from './format.js';

const problem = (code: string, extra: Partial<ApiError['problem']> = {}) =>
  new ApiError({
    type: 'about:blank',
    title: 'English title',
    status: 400,
    code,
    requestId: 'req-1',
    ...extra,
  });

describe('error messages', () => {
  it('known codes are shown in Spanish with the request id for support', () => {
    expect(describeError(problem('INVALID_CREDENTIALS', { status: 401 }), esMX)).toEqual({
      message: 'Correo o contraseña incorrectos.',
      detail: undefined,
      requestId: 'req-1',
    });
  });

  it('validation problems say which field failed and why, from its code and params, never in English', () => {
    const invalid = problem('VALIDATION_FAILED', {
      detail: 'querystring.rfc: not an RFC',
      errors: [
        { path: 'querystring.rfc', code: 'invalid_rfc', message: 'not an RFC' },
        {
          path: 'body.password',
          code: 'too_small',
          params: { min: 10, origin: 'string' },
          message: 'Too small',
        },
      ],
    });
    const d = describeError(invalid, esMX);
    expect(d.message).toBe('Revisa los datos del formulario.');
    expect(d.detail).toBe(
      'RFC: no es un RFC válido (3–4 letras, 6 dígitos, 3 letras o dígitos); Contraseña: debe tener al menos 10 caracteres',
    );
    expect(describeError(invalid, en).detail).toBe(
      'RFC: is not a valid RFC (3–4 letters, 6 digits, 3 letters or digits); Password: must have at least 10 characters',
    );
  });

  it('a field without a known label keeps its path; a code this web does not know reads as not valid', () => {
    const d = describeError(
      problem('VALIDATION_FAILED', {
        errors: [{ path: 'body.lines.0.weird', code: 'brand_new' as 'invalid', message: 'x' }],
      }),
      esMX,
    );
    expect(d.detail).toBe('lines.0.weird: no es válido');
  });

  it('a weak password names the broken rule in Spanish, not the server sentence', () => {
    const weak = problem('WEAK_PASSWORD', {
      status: 422,
      detail: 'Use at least 10 characters.',
      params: { rule: 'too_short', minLength: 10 },
    });
    expect(describeError(weak, esMX)).toMatchObject({
      message: 'La contraseña es demasiado débil.',
      detail: 'Usa al menos 10 caracteres.',
    });
    expect(describeError(weak, en).detail).toBe('Use at least 10 characters.');
  });

  it('unknown codes fall back to the server detail, then the title', () => {
    expect(describeError(problem('SAT_DOWN', { detail: 'El SAT no responde' }), esMX).message).toBe(
      'El SAT no responde',
    );
    expect(describeError(problem('SAT_DOWN'), esMX).message).toBe('English title');
  });

  it('a network failure says so', () => {
    expect(describeError(new NetworkError(new TypeError('fetch failed')), esMX).message).toMatch(
      /No se pudo conectar/,
    );
  });
});

describe('audit labels', () => {
  it('known actions are human Spanish; unknown ones stay raw', () => {
    expect(actionLabel('api_key.revoked', esMX)).toBe('Clave API revocada');
    expect(actionLabel('cfdi.downloaded', esMX)).toBe('cfdi.downloaded');
    // Inherited object keys are not actions.
    expect(actionLabel('toString', esMX)).toBe('toString');
  });

  it('the target shows the recorded name when there is one', () => {
    const event = {
      id: '1',
      action: 'api_key.created',
      actorType: 'user',
      actorId: null,
      actorLabel: null,
      targetType: 'api_key',
      targetId: 'k-1',
      ip: null,
      userAgent: null,
      metadata: { name: 'ERP' },
      createdAt: '2025-01-01T00:00:00Z',
    };
    expect(targetLabel(event, esMX)).toEqual({ kind: 'Clave API', name: 'ERP', id: 'k-1' });
  });

  it('names Bóveda’s own actors in the person’s language; people and keys keep their own names', () => {
    const by = (actorType: string, actorLabel: string | null) => ({
      id: '1',
      action: 'secret.decrypted',
      actorType,
      actorId: 'j-1',
      actorLabel,
      targetType: null,
      targetId: null,
      ip: null,
      userAgent: null,
      metadata: null,
      createdAt: '2025-01-01T00:00:00Z',
    });
    expect(actorLabel(by('system', 'job:sat.sync-taxpayer'), esMX)).toBe(
      'Tarea automática (sat.sync-taxpayer)',
    );
    expect(actorLabel(by('system', 'job:sat.sync-taxpayer'), en)).toBe('Background job (sat.sync-taxpayer)');
    expect(actorLabel(by('system', 'connector:Contpaqi'), esMX)).toBe('Conector Contpaqi');
    expect(actorLabel(by('cli', 'cli:maria'), esMX)).toBe('Línea de comandos (maria)');
    expect(actorLabel(by('system', 'webhooks'), esMX)).toBe('Bóveda: webhooks');
    expect(actorLabel(by('cli', 'orders'), esMX)).toBe('Bóveda: órdenes');
    expect(actorLabel(by('user', 'ana@despacho.mx'), esMX)).toBe('ana@despacho.mx');
    // A person's own label that looks like ours is still theirs.
    expect(actorLabel(by('api_key', 'job:ERP (bov_live_ab…)'), esMX)).toBe('job:ERP (bov_live_ab…)');
    expect(actorLabel(by('system', null), esMX)).toBe('Sistema j-1');
  });

  it('English labels every action Spanish does', () => {
    expect(Object.keys(en.audit.actions).sort()).toEqual(Object.keys(esMX.audit.actions).sort());
    expect(Object.keys(en.errors.codes).sort()).toEqual(Object.keys(esMX.errors.codes).sort());
  });
});

describe('dates', () => {
  it('are formatted for Mexico', () => {
    // Noon UTC is the same calendar day in every Mexican time zone.
    expect(formatDateTime('2025-03-07T18:30:00Z', 'es-MX')).toMatch(/7 mar 2025/);
    expect(formatDateTime('not a date', 'es-MX')).toBe('not a date');
  });
});
