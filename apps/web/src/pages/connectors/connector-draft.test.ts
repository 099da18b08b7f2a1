import type { ProblemDetails } from '@boveda/contracts';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../api/errors.js';
import { esMX } from '../../i18n/es-MX.js';
import { bodyOfDraft, DEFAULT_BODY_TEMPLATE, draftOf, emptyDraft } from './connector-draft.js';
import { fieldErrorsOf } from './connector-errors.js';
import type { Connector } from './connectors-api.js';
import { pushTargets } from './ExportToConnector.js';

const problem = (over: Partial<ProblemDetails>): ApiError =>
  new ApiError({ type: 'about:blank', title: 'x', status: 422, code: 'VALIDATION_FAILED', ...over });

const stored = (over: Partial<Connector> = {}): Connector => {
  const { body } = bodyOfDraft({ ...emptyDraft(), name: 'ERP', baseUrl: 'https://erp.example.mx' });
  return {
    ...(body as unknown as Connector),
    id: 'c1',
    auth: {
      type: 'api_key',
      header: 'X-Api-Key',
      username: null,
      tokenUrl: null,
      clientId: null,
      scope: null,
      hasSecret: true,
    },
    testPath: null,
    timeoutMs: 15000,
    rateLimitPerSecond: null,
    schedule: null,
    nextRunAt: null,
    enabled: true,
    pull: null,
    lastRun: null,
    createdAt: '',
    updatedAt: '',
    push: {
      source: 'inbox',
      method: 'POST',
      path: '/api/invoices',
      body: DEFAULT_BODY_TEMPLATE,
      externalIdPath: 'id',
      concurrency: 4,
    },
    ...over,
  };
};

describe('the connector form', () => {
  it('builds the API body: push mapping from the JSON text, no pull for a push connector', () => {
    const { body, problems } = bodyOfDraft({
      ...emptyDraft(),
      name: 'ERP',
      baseUrl: 'https://erp.example.mx',
      authType: 'bearer',
      secret: 't0k',
      scheduleOn: true,
    });
    expect(problems).toEqual({});
    expect(body.auth).toEqual({ type: 'bearer', token: 't0k' });
    expect(body.push?.body).toEqual(DEFAULT_BODY_TEMPLATE);
    expect(body.pull).toBeNull();
    expect(body.schedule).toEqual({ cron: '0 2 * * *', timeZone: 'America/Mexico_City' });
  });

  it('asks for the secret on create, keeps the stored one on edit unless the method changes', () => {
    const draft = { ...emptyDraft(), name: 'ERP', baseUrl: 'https://e.mx', authType: 'api_key' as const };
    expect(bodyOfDraft(draft).problems['auth.secret']).toBe('secret');
    const edit = bodyOfDraft(draftOf(stored()), stored());
    expect(edit.problems).toEqual({});
    expect(edit.body.auth).toEqual({ type: 'api_key', header: 'X-Api-Key' });
    expect(bodyOfDraft({ ...draftOf(stored()), authType: 'bearer' }, stored()).problems['auth.secret']).toBe(
      'secret',
    );
  });

  it('refuses bad JSON, numbers out of range and empty required fields before sending', () => {
    const { problems } = bodyOfDraft({
      ...emptyDraft(),
      direction: 'both',
      body: '{nope',
      timeoutMs: '10',
      resources: [{ ...emptyDraft().resources[0]!, name: '' }],
    });
    expect(problems).toMatchObject({
      name: 'required',
      baseUrl: 'required',
      'push.body': 'json',
      timeoutMs: 'number',
      'pull.resources.0.name': 'required',
    });
  });

  it('puts the API refusals next to their fields, in Spanish', () => {
    const errors = fieldErrorsOf(
      problem({
        errors: [
          {
            path: 'body.push.path',
            code: 'invalid_format',
            message: 'a path starting with /, without spaces or #',
          },
          {
            path: 'body.auth.clientSecret',
            code: 'too_small',
            params: { min: 1, origin: 'string' },
            message: 'Too small',
          },
        ],
      }),
      esMX,
    );
    expect(errors['push.path']).toBe('Una ruta que empiece con /, sin espacios ni #.');
    expect(errors['auth.secret']).toBe('No puede estar vacío.');
    expect(fieldErrorsOf(problem({ code: 'CONNECTOR_SCHEDULE_INVALID' }), esMX)['schedule.cron']).toMatch(
      /cinco campos cron/,
    );
    expect(fieldErrorsOf(problem({ code: 'CONNECTOR_URL_BLOCKED' }), esMX).baseUrl).toMatch(/red privada/);
    // A broken template rule is said from its code and the value at fault, not the server's English.
    const template = problem({
      code: 'CONNECTOR_TEMPLATE_INVALID',
      detail: 'total: unknown filter "round"',
      params: { rule: 'unknown_filter', at: 'total', value: 'round' },
    });
    expect(fieldErrorsOf(template, esMX)['push.body']).toBe(
      `${esMX.errors.codes.CONNECTOR_TEMPLATE_INVALID} No existe el filtro «round». (en total)`,
    );
    expect(fieldErrorsOf(template, esMX)['push.body']).not.toContain('unknown filter');
  });

  it('offers "Exportar a…" only the enabled push connectors of the documents’ source', () => {
    const inbox = stored();
    const cfdi = stored({ id: 'c2', push: { ...inbox.push!, source: 'cfdi' } });
    const off = stored({ id: 'c3', enabled: false });
    const pull = stored({ id: 'c4', direction: 'pull', push: null });
    expect(pushTargets([inbox, cfdi, off, pull], 'invoice').map((c) => c.id)).toEqual(['c1']);
    expect(pushTargets([inbox, cfdi, off, pull], 'cfdi').map((c) => c.id)).toEqual(['c2']);
  });
});
