// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient, RequestOptions } from '../../api/client.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { EndpointPage } from './EndpointPage.js';
import type { WebhookEndpoint } from './webhooks-api.js';

const ID = '1e2d3c4b-5a6f-4e7d-8c9b-0a1b2c3d4e5f';
const endpoint: WebhookEndpoint = {
  id: ID,
  url: 'https://erp.example.mx/hook',
  description: 'ERP',
  eventTypes: null,
  enabled: true,
  disabledReason: null,
  disabledAt: null,
  headerNames: ['Authorization'],
  rateLimitPerSecond: null,
  failingSince: null,
  previousSecretExpiresAt: null,
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:00Z',
};

function fakeApi() {
  const calls: { method: string; path: string; body?: unknown }[] = [];
  let current = endpoint;
  const client = {
    request: async (method: string, path: string, opts: RequestOptions = {}) => {
      calls.push({ method, path, body: opts.body });
      if (path.endsWith('/stats'))
        return {
          periods: [
            {
              period: '24h',
              attempts: 4,
              succeeded: 3,
              failed: 1,
              successRate: 0.75,
              latencyP50Ms: 90,
              latencyP95Ms: 300,
            },
          ],
          pending: 2,
          lastSuccessAt: null,
          lastFailureAt: null,
        };
      if (path.endsWith('/test')) return { messageId: 'm1' };
      if (path.endsWith('/secret/rotate'))
        return { secret: 'whsec_bnVldm8=', previousSecretExpiresAt: '2026-12-06T10:00:00Z' };
      if (path.endsWith('/attempts') || path.endsWith('/event-types')) return { items: [], nextCursor: null };
      if (method === 'PATCH') {
        current = { ...current, ...(opts.body as Partial<WebhookEndpoint>), disabledReason: 'manual' };
        return current;
      }
      return current;
    },
  } as unknown as ApiClient;
  return { client, calls };
}

function open(role: 'owner' | 'member' | 'viewer') {
  window.history.replaceState(null, '', `/webhooks/${ID}`);
  const api = fakeApi();
  render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={api.client}>
        <EndpointPage params={{ id: ID }} myRole={role} />
      </ApiProvider>
    </I18nProvider>,
  );
  return api;
}

afterEach(cleanup);

describe('an endpoint page', () => {
  it('shows a member the endpoint, its stats and log, without the admin actions', async () => {
    open('member');
    await screen.findByTestId('endpoint-url');
    await waitFor(() => expect(screen.getByTestId('success-24h').textContent).toBe('75%'));
    expect(screen.getByTestId('stats-pending').textContent).toBe('2');
    expect(screen.getByText('Aún no hay entregas a este endpoint.')).toBeTruthy();
    for (const name of ['Enviar evento de prueba', 'Mostrar secreto', 'Rotar secreto', 'Eliminar endpoint'])
      expect(screen.queryByRole('button', { name })).toBeNull();
    expect(screen.queryByRole('switch')).toBeNull();
    expect(screen.getByRole('note').textContent).toMatch(/administradores y propietarios/);
  });

  it('lets an owner switch it off, send a test event and rotate the secret after confirming', async () => {
    const { calls } = open('owner');
    fireEvent.click(await screen.findByRole('switch', { name: 'Activo' }));
    await screen.findByText('Desactivado (por una persona)');
    expect(calls.find((c) => c.method === 'PATCH')?.body).toEqual({ enabled: false });

    fireEvent.click(screen.getByRole('button', { name: 'Enviar evento de prueba' }));
    await screen.findByText(/Evento de prueba en camino/);

    fireEvent.click(screen.getByRole('button', { name: 'Rotar secreto' }));
    expect(calls.some((c) => c.path.endsWith('/rotate'))).toBe(false);
    const confirm = screen.getAllByRole('button', { name: 'Rotar secreto' }).at(-1)!;
    fireEvent.click(confirm);
    await waitFor(() =>
      expect(screen.getByLabelText<HTMLInputElement>('Secreto de firma').value).toBe('whsec_bnVldm8='),
    );
    expect(screen.getByText(/El secreto anterior sigue firmando hasta/)).toBeTruthy();
  });

  it('tells a viewer who may read webhooks instead of asking the API', async () => {
    const { calls } = open('viewer');
    expect(screen.getByRole('note').textContent).toMatch(/miembros, administradores y propietarios/);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls).toEqual([]);
  });
});
