// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient, RequestOptions } from '../../api/client.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { WebhooksPage } from './WebhooksPage.js';
import type { WebhookEndpoint } from './webhooks-api.js';

const endpoint = (id: string, over: Partial<WebhookEndpoint> = {}): WebhookEndpoint => ({
  id,
  url: `https://erp.example.mx/${id}`,
  description: '',
  eventTypes: null,
  enabled: true,
  disabledReason: null,
  disabledAt: null,
  headerNames: [],
  rateLimitPerSecond: null,
  failingSince: null,
  previousSecretExpiresAt: null,
  createdAt: '2026-12-01T10:00:00Z',
  updatedAt: '2026-12-01T10:00:00Z',
  ...over,
});

function fakeApi() {
  const calls: { method: string; path: string; body?: unknown }[] = [];
  const client = {
    request: async (method: string, path: string, opts: RequestOptions = {}) => {
      calls.push({ method, path, body: opts.body });
      if (path.endsWith('/event-types'))
        return {
          items: ['document.processed', 'document.failed', 'webhook.test'].map((type) => ({
            type,
            version: 1,
            description: type,
            schema: {},
            example: {},
          })),
          nextCursor: null,
        };
      if (method === 'POST')
        return { ...endpoint('new', opts.body as Partial<WebhookEndpoint>), secret: 'whsec_c2VjcmV0' };
      return {
        items: [
          endpoint('a', { eventTypes: ['document.processed'], failingSince: '2026-12-03T10:00:00Z' }),
          endpoint('b', { enabled: false, disabledReason: 'gone' }),
        ],
        nextCursor: null,
      };
    },
  } as unknown as ApiClient;
  return { client, calls };
}

function open(role: 'owner' | 'member' | 'viewer') {
  window.history.replaceState(null, '', '/webhooks');
  const api = fakeApi();
  render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={api.client}>
        <WebhooksPage params={{}} myRole={role} />
      </ApiProvider>
    </I18nProvider>,
  );
  return api;
}

afterEach(cleanup);

describe('the webhooks page', () => {
  it('lists endpoints with their events and status in Spanish', async () => {
    open('member');
    const rowA = (await screen.findByRole('link', { name: 'https://erp.example.mx/a' })).closest('tr')!;
    expect(rowA.textContent).toContain('document.processed');
    expect(rowA.textContent).toContain('Activo');
    expect(rowA.textContent).toMatch(/Falla desde/);
    const rowB = screen.getByRole('link', { name: 'https://erp.example.mx/b' }).closest('tr')!;
    expect(rowB.textContent).toContain('Todos los eventos');
    expect(rowB.textContent).toContain('Desactivado (el receptor respondió 410 Gone)');
    // Members read; only admins and owners create.
    expect(screen.queryByRole('button', { name: 'Crear endpoint' })).toBeNull();
    expect(screen.getByRole('note').textContent).toMatch(/administrador o propietario/);
  });

  it('a viewer is told why instead of asking the API', async () => {
    const { calls } = open('viewer');
    expect(screen.getByRole('note').textContent).toMatch(/miembros, administradores y propietarios/);
    await new Promise((r) => setTimeout(r, 20));
    expect(calls.filter((c) => c.path.endsWith('/endpoints'))).toEqual([]);
  });

  it('creates an endpoint for the chosen types with a header, and shows the secret once', async () => {
    const { calls } = open('owner');
    fireEvent.change(screen.getByLabelText('URL'), { target: { value: ' https://erp.example.mx/hook ' } });
    const picker = screen.getByTestId('event-type-picker');
    // The test type is sent on request only: nobody subscribes to it.
    await within(picker).findByText('document.failed');
    expect(within(picker).queryByText('webhook.test')).toBeNull();
    fireEvent.click(within(picker).getByRole('checkbox', { name: /Todos/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Crear endpoint' }));
    expect(await screen.findByText(/Elige al menos un tipo de evento/)).toBeTruthy();
    fireEvent.click(within(picker).getByRole('checkbox', { name: 'document.failed' }));
    fireEvent.click(screen.getByRole('button', { name: 'Agregar encabezado' }));
    fireEvent.change(screen.getByLabelText('Nombre del encabezado 1'), { target: { value: 'X-Token' } });
    fireEvent.change(screen.getByLabelText('Valor 1'), { target: { value: 'abc' } });
    fireEvent.change(screen.getByLabelText(/Límite de entregas/), { target: { value: '5' } });
    fireEvent.click(screen.getByRole('button', { name: 'Crear endpoint' }));

    await waitFor(() => expect(screen.getByTestId('webhook-secret')).toBeTruthy());
    expect(calls.find((c) => c.method === 'POST')?.body).toEqual({
      url: 'https://erp.example.mx/hook',
      eventTypes: ['document.failed'],
      headers: { 'X-Token': 'abc' },
      rateLimitPerSecond: 5,
    });
    expect(screen.getByLabelText<HTMLInputElement>('Secreto de firma').value).toBe('whsec_c2VjcmV0');
    expect(screen.getByText('Cópialo ahora: no se volverá a mostrar.')).toBeTruthy();
    expect(screen.getByTestId('verify-note').textContent).toContain('standardwebhooks');
    fireEvent.click(screen.getByRole('button', { name: 'Listo' }));
    expect(screen.queryByTestId('webhook-secret')).toBeNull();
  });
});
