// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient, RequestOptions } from '../../api/client.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { DeliveryLog } from './DeliveryLog.js';
import type { WebhookAttempt } from './webhooks-api.js';

const EP = '1e2d3c4b-5a6f-4e7d-8c9b-0a1b2c3d4e5f';
const attempt = (id: string, over: Partial<WebhookAttempt> = {}): WebhookAttempt => ({
  id,
  messageId: `m-${id}`,
  endpointId: EP,
  eventType: 'webhook.test',
  attempt: 1,
  trigger: 'test',
  outcome: 'succeeded',
  responseStatus: 200,
  latencyMs: 87,
  responseExcerpt: '{"ok":true}',
  errorCode: null,
  errorMessage: null,
  at: '2026-12-04T20:00:00Z',
  ...over,
});

function fakeApi() {
  const calls: { method: string; path: string; query?: unknown; body?: unknown }[] = [];
  const client = {
    request: async (method: string, path: string, opts: RequestOptions = {}) => {
      calls.push({ method, path, query: opts.query, body: opts.body });
      if (path.endsWith('/event-types')) return { items: [], nextCursor: null };
      if (path.endsWith('/resend')) return { queued: 1 };
      if (path.includes('/messages/'))
        return {
          id: 'm-a',
          eventType: 'webhook.test',
          version: 1,
          createdAt: '',
          deliveries: [],
          payload: { type: 'webhook.test', data: { message: 'hola' } },
        };
      return {
        items: [
          attempt('a'),
          attempt('b', {
            eventType: 'document.processed',
            trigger: 'scheduled',
            attempt: 2,
            outcome: 'failed',
            responseStatus: null,
            responseExcerpt: null,
            errorCode: 'TIMEOUT',
            errorMessage: 'no answer in 15 s',
          }),
        ],
        nextCursor: null,
      };
    },
  } as unknown as ApiClient;
  return { client, calls };
}

function open(url: string, canManage: boolean) {
  window.history.replaceState(null, '', url);
  const api = fakeApi();
  render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={api.client}>
        <DeliveryLog endpointId={EP} canManage={canManage} />
      </ApiProvider>
    </I18nProvider>,
  );
  return api;
}

afterEach(cleanup);

describe('the delivery log', () => {
  it('asks for the endpoint’s attempts with the URL’s filters and shows each one in Spanish', async () => {
    const { calls } = open(`/webhooks/${EP}?outcome=failed&eventType=Bad%20Type`, false);
    await screen.findByText('Tiempo agotado');
    // The junk event type is ignored, like in every URL-kept search.
    expect(calls.find((c) => c.path.endsWith('/attempts'))?.query).toEqual({
      endpointId: EP,
      outcome: 'failed',
      limit: 50,
      cursor: null,
    });
    const rows = document.querySelectorAll('tr[data-attempt-id]');
    expect(rows[0]!.textContent).toMatch(/Exitoso.*200.*webhook\.test.*#1.*prueba.*87 ms/);
    expect(rows[1]!.textContent).toMatch(/Fallido.*document\.processed.*#2.*programado.*Tiempo agotado/);
    // Members read the log; resending is for admins and owners.
    expect(screen.queryByRole('button', { name: 'Reenviar' })).toBeNull();
  });

  it('opens an attempt’s detail with the answer and the message as sent, and resends it', async () => {
    const { calls } = open(`/webhooks/${EP}`, true);
    const row = (await screen.findAllByText('webhook.test'))[0]!.closest('tr')!;
    fireEvent.click(within(row).getByRole('button', { name: /Ver detalle/ }));
    expect((await screen.findByTestId('response-excerpt')).textContent).toContain('"ok": true');
    await waitFor(() =>
      expect(screen.getByTestId('message-payload').textContent).toContain('"message": "hola"'),
    );
    expect(calls.some((c) => c.path === '/api/v1/webhooks/messages/m-a')).toBe(true);

    fireEvent.click(within(row).getByRole('button', { name: 'Reenviar' }));
    await screen.findByText(/Reenvío programado/);
    expect(calls.find((c) => c.path.endsWith('/resend'))).toEqual({
      method: 'POST',
      path: '/api/v1/webhooks/messages/m-a/resend',
      query: undefined,
      body: { endpointId: EP },
    });
  });
});
