// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import type { ApiKey, CreateApiKeyInput, UpdateOrganizationSettingsInput } from '../../api/types.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { ApiKeysPage } from './ApiKeysPage.js';

const key = (id: string, over: Partial<ApiKey> = {}): ApiKey => ({
  id,
  name: `Clave ${id}`,
  prefix: `bov_live_${id}`,
  role: 'member',
  scopes: [],
  createdAt: '2026-12-01T10:00:00Z',
  lastUsedAt: null,
  revokedAt: null,
  createdBy: null,
  signingSecretCreatedAt: '2026-12-01T10:00:00Z',
  ...over,
});

function fakeApi(opts: { refuseSettings?: boolean } = {}) {
  const created: CreateApiKeyInput[] = [];
  const settingsChanges: UpdateOrganizationSettingsInput[] = [];
  let requireSignedRequests = false;
  const client = {
    listApiKeys: async () => ({
      items: [key('almacen', { scopes: ['orders:read', 'orders:write'] }), key('erp')],
      nextCursor: null,
    }),
    createApiKey: async (input: CreateApiKeyInput) => {
      created.push(input);
      return {
        ...key('nueva', { name: input.name, scopes: input.scopes ?? [] }),
        key: 'bov_live_x_y',
        signingSecret: 'bsk_z',
      };
    },
    organizationSettings: async () => ({ requireSignedRequests }),
    updateOrganizationSettings: async (input: UpdateOrganizationSettingsInput) => {
      if (opts.refuseSettings)
        throw new ApiError({ type: '', title: 'Forbidden', status: 403, code: 'FORBIDDEN', requestId: 'r1' });
      settingsChanges.push(input);
      requireSignedRequests = input.requireSignedRequests ?? requireSignedRequests;
      return { requireSignedRequests };
    },
    rotateApiKeySigningSecret: async (id: string) => ({
      id,
      signingSecret: 'bsk_nuevo',
      signingSecretCreatedAt: '2026-12-02T10:00:00Z',
    }),
  } as unknown as ApiClient;
  return { client, created, settingsChanges };
}

function open(api: ReturnType<typeof fakeApi>) {
  render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={api.client}>
        <ApiKeysPage myRole="admin" />
      </ApiProvider>
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe('ApiKeysPage', () => {
  it('lists each key’s scope in Spanish', async () => {
    open(fakeApi());
    const row = (await screen.findByText('Clave almacen')).closest('tr')!;
    expect(within(row).getByText('Pedidos: consultar')).toBeTruthy();
    expect(within(row).getByText('Pedidos: crear y modificar')).toBeTruthy();
    const other = screen.getByText('Clave erp').closest('tr')!;
    expect(within(other).getByText('Todo lo de su rol')).toBeTruthy();
  });

  it('creates a key restricted to the ticked resource scopes and shows its signing secret once', async () => {
    const api = fakeApi();
    open(api);
    const form = screen.getByRole('group', { name: 'Limitar a recursos (opcional)' });
    for (const label of [
      'Clientes: consultar',
      'Clientes: crear y modificar',
      'Pedidos: consultar',
      'Pedidos: crear y modificar',
    ])
      expect(within(form).getByLabelText<HTMLInputElement>(label).checked).toBe(false);
    fireEvent.change(screen.getByLabelText('Nombre'), { target: { value: 'App de almacén' } });
    // Ticked out of order, sent in the catalogue's order.
    fireEvent.click(within(form).getByLabelText('Pedidos: crear y modificar'));
    fireEvent.click(within(form).getByLabelText('Clientes: consultar'));
    fireEvent.click(screen.getByRole('button', { name: 'Crear clave' }));
    await waitFor(() => expect(api.created).toHaveLength(1));
    expect(api.created[0]).toEqual({
      name: 'App de almacén',
      role: 'member',
      scopes: ['clients:read', 'orders:write'],
    });
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByLabelText<HTMLInputElement>('Secreto de firma').value).toBe('bsk_z');
    // The form is cleared for the next key.
    expect(within(form).getByLabelText<HTMLInputElement>('Pedidos: crear y modificar').checked).toBe(false);
  });

  it('turns the signed-requests requirement on', async () => {
    const api = fakeApi();
    open(api);
    const toggle = await screen.findByRole('switch', {
      name: 'Exigir solicitudes firmadas a las claves API',
    });
    await waitFor(() => expect((toggle as HTMLInputElement).disabled).toBe(false));
    expect((toggle as HTMLInputElement).checked).toBe(false);
    fireEvent.click(toggle);
    await waitFor(() => expect((toggle as HTMLInputElement).checked).toBe(true));
    expect(api.settingsChanges).toEqual([{ requireSignedRequests: true }]);
  });

  it('shows the refusal in Spanish when the change is not allowed', async () => {
    open(fakeApi({ refuseSettings: true }));
    const toggle = await screen.findByRole('switch', {
      name: 'Exigir solicitudes firmadas a las claves API',
    });
    await waitFor(() => expect((toggle as HTMLInputElement).disabled).toBe(false));
    fireEvent.click(toggle);
    expect(await screen.findByText('Tu rol no permite esta acción.')).toBeTruthy();
    expect((toggle as HTMLInputElement).checked).toBe(false);
  });

  it('rotates a key’s signing secret after confirming, and shows the new one', async () => {
    open(fakeApi());
    fireEvent.click(await screen.findByRole('button', { name: 'Nuevo secreto de firma: Clave erp' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Sí, generar' }));
    const secret = await screen.findByLabelText<HTMLInputElement>('Secreto de firma');
    expect(secret.value).toBe('bsk_nuevo');
  });
});
