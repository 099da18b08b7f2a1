// @vitest-environment jsdom
import type { Role } from '@boveda/contracts';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient } from '../../api/client.js';
import type { TenantUser } from '../../api/types.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { UsersPage } from './UsersPage.js';

const person = (id: string, email: string, role: Role, over: Partial<TenantUser> = {}): TenantUser => ({
  id,
  email,
  name: null,
  role,
  status: 'active',
  createdAt: '2026-12-01T10:00:00Z',
  ...over,
});

function open(myRole: Role) {
  const calls: string[] = [];
  const users = [
    person('me', 'yo@despacho.mx', myRole),
    person('o2', 'duena@despacho.mx', 'owner'),
    person('m1', 'ana@despacho.mx', 'member'),
    person('v1', 'beto@despacho.mx', 'viewer', { status: 'deactivated' }),
  ];
  const client = new Proxy({} as ApiClient, {
    get: (_, name: string) => {
      if (name === 'me')
        return async () => ({
          user: { id: 'me', email: 'yo@despacho.mx', name: null },
          apiKey: null,
          oauthClient: null,
          tenant: { id: 't1', slug: 'd', name: 'Despacho' },
          role: myRole,
        });
      if (name === 'listUsers') return async () => ({ items: users, nextCursor: null });
      if (name === 'listInvitations') return async () => ({ items: [], nextCursor: null });
      return async (...args: unknown[]) => {
        calls.push(`${name} ${args.map((a) => JSON.stringify(a)).join(' ')}`);
      };
    },
  });
  render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={client}>
        <UsersPage myRole={myRole} />
      </ApiProvider>
    </I18nProvider>,
  );
  return calls;
}

// Generous: these machines run several suites at once.
const WAIT = { timeout: 5_000 };

afterEach(cleanup);

describe('managing people on the users page', () => {
  it('removes a person only after confirming, naming them', async () => {
    const calls = open('admin');
    fireEvent.click(
      await screen.findByRole('button', { name: 'Quitar de la organización: ana@despacho.mx' }, WAIT),
    );
    const dialog = await screen.findByRole(
      'dialog',
      { name: '¿Quitar a esta persona de la organización?' },
      WAIT,
    );
    expect(dialog.textContent).toContain('ana@despacho.mx dejará de pertenecer');
    expect(calls).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Quitar de la organización' }));
    await waitFor(() => expect(calls).toEqual(['removeUser "m1"']), WAIT);
  });

  it('offers actions by role: none on oneself, none on owners for an admin, reactivation for the deactivated', async () => {
    open('admin');
    await screen.findByRole('button', { name: 'Cambiar rol: ana@despacho.mx' }, WAIT);
    expect(screen.queryByRole('button', { name: /yo@despacho\.mx/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /duena@despacho\.mx/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Reactivar: beto@despacho.mx' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Desactivar: beto@despacho.mx' })).toBeNull();
    expect(screen.getByText('Desactivada')).toBeTruthy();
  });

  it('changes a role through the dialog, offering roles up to one’s own', async () => {
    const calls = open('admin');
    fireEvent.click(await screen.findByRole('button', { name: 'Cambiar rol: ana@despacho.mx' }, WAIT));
    const dialog = await screen.findByRole('dialog', { name: 'Cambiar el rol de ana@despacho.mx' }, WAIT);
    const select = within(dialog).getByLabelText('Nuevo rol') as HTMLSelectElement;
    expect([...select.options].map((o) => o.value)).toEqual(['admin', 'member', 'viewer']);
    fireEvent.change(select, { target: { value: 'viewer' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Guardar rol' }));
    await waitFor(() => expect(calls).toEqual(['changeUserRole "m1" "viewer"']), WAIT);
  });

  it('sends a reset link after confirming, and says so', async () => {
    const calls = open('owner');
    fireEvent.click(
      await screen.findByRole(
        'button',
        {
          name: 'Enviar enlace para restablecer contraseña: duena@despacho.mx',
        },
        WAIT,
      ),
    );
    const dialog = await screen.findByRole(
      'dialog',
      {
        name: '¿Enviar un enlace para restablecer la contraseña?',
      },
      WAIT,
    );
    fireEvent.click(
      within(dialog).getByRole('button', { name: 'Enviar enlace para restablecer contraseña' }),
    );
    await screen.findByText('Enlace enviado a duena@despacho.mx.', {}, WAIT);
    expect(calls).toEqual(['sendPasswordReset "o2"']);
  });

  it('shows no actions to members and viewers', async () => {
    open('member');
    await screen.findByText('ana@despacho.mx', {}, WAIT);
    expect(screen.queryByRole('button', { name: /Quitar/ })).toBeNull();
  });
});
