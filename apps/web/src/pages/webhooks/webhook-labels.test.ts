import {
  webhookEndpointDisabled,
  webhookEndpointFailing,
  webhookEndpointRecovered,
  webhookEventTypeNames,
} from '@boveda/contracts';
import { describe, expect, it } from 'vitest';
import { staleKeys } from '../../api/live.js';
import type { LiveEvent } from '../../api/types.js';
import { esMX } from '../../i18n/es-MX.js';
import { endpointStatus, headersFromRows, localDateTimeToIso, prettyJson } from './webhook-labels.js';
import { webhookKeys } from './webhooks-api.js';

const m = esMX.webhooks;

describe('webhook labels', () => {
  it('says why an endpoint is disabled, in Spanish', () => {
    expect(endpointStatus({ enabled: true, disabledReason: null }, m)).toEqual({
      tone: 'success',
      text: 'Activo',
    });
    expect(endpointStatus({ enabled: false, disabledReason: 'manual' }, m).text).toBe(
      'Desactivado (por una persona)',
    );
    expect(endpointStatus({ enabled: false, disabledReason: 'gone' }, m).text).toBe(
      'Desactivado (el receptor respondió 410 Gone)',
    );
    expect(endpointStatus({ enabled: false, disabledReason: 'failing' }, m)).toEqual({
      tone: 'danger',
      text: 'Desactivado (falló durante 5 días)',
    });
  });

  it('has a Spanish description for every type of the catalogue', () => {
    for (const type of webhookEventTypeNames) expect(m.eventDescriptions[type], type).toBeTruthy();
  });

  it('turns header rows into the API object, refusing what the contract refuses', () => {
    const { headers, errors } = headersFromRows(
      [
        { key: 1, name: 'Authorization', value: 'Bearer x' },
        { key: 2, name: '', value: '' },
        { key: 3, name: 'webhook-signature', value: 'y' },
        { key: 4, name: 'mal nombre', value: 'z' },
        { key: 5, name: 'authorization', value: 'otra' },
        { key: 6, name: 'Host', value: 'evil' },
      ],
      m,
    );
    expect(headers).toEqual({ Authorization: 'Bearer x' });
    expect(Object.keys(errors).map(Number)).toEqual([3, 4, 5, 6]);
    expect(errors[5]).toBe(m.headerDuplicate);
    expect(errors[3]).toBe(m.headerNameInvalid);
  });

  it('reads a datetime-local value as an instant and pretty-prints JSON text', () => {
    expect(localDateTimeToIso('2026-12-01T10:30')).toBe(new Date('2026-12-01T10:30').toISOString());
    expect(localDateTimeToIso('ayer')).toBeNull();
    expect(prettyJson('{"ok":true}')).toBe('{\n  "ok": true\n}');
    expect(prettyJson('<html>')).toBe('<html>');
  });

  it('refreshes the endpoint, its list, its stats and Sincronizaciones when the live channel says its health moved', () => {
    const id = 'ep-1';
    for (const { type } of [webhookEndpointFailing, webhookEndpointDisabled, webhookEndpointRecovered])
      expect(staleKeys({ type, payload: { endpointId: id } } as unknown as LiveEvent)).toEqual([
        webhookKeys.endpoints,
        webhookKeys.endpoint(id),
        webhookKeys.stats(id),
        // The endpoint's retries are a row of the sync administration page.
        ['schedules'],
      ]);
  });
});
