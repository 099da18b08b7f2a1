// @vitest-environment jsdom
import type { Role } from '@boveda/contracts';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { lazy, Suspense } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { App } from './App.js';
import { ApiProvider } from './api/ApiProvider.js';
import type { ApiClient } from './api/client.js';
import { PageErrorBoundary } from './components/PageErrorBoundary.js';
import { I18nProvider } from './i18n/i18n.js';

/** A client that knows who is signed in; every other call stays pending (the pages show "loading"). */
function fakeClient(role: Role): ApiClient {
  const me = {
    user: { id: 'u1', email: 'lucia@ruiz.mx', name: null },
    apiKey: null,
    oauthClient: null,
    tenant: { id: 't1', slug: 'ruiz', name: 'Despacho Ruiz' },
    role,
  };
  return new Proxy({} as ApiClient, {
    get: (_, name) => (name === 'me' ? async () => me : () => new Promise(() => {})),
  });
}

function openAt(path: string, role: Role = 'viewer') {
  window.history.replaceState(null, '', path);
  return render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={fakeClient(role)}>
        <App />
      </ApiProvider>
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe('the app picks the page from the path', () => {
  it('loads a page with path parameters from its own chunk', async () => {
    openAt('/contribuyentes/EKU9003173C9');
    // The first lazy chunk is transformed on demand: on a busy 2-core machine that can pass 1 s.
    await screen.findByRole(
      'heading',
      { level: 1, name: 'Solicitudes SAT de EKU9003173C9' },
      { timeout: 5_000 },
    );
  });

  it('shows "not found" inside the app for a path no route knows', async () => {
    openAt('/contribuyentes/EKU9003173C9/otra-cosa');
    await screen.findByRole('heading', { level: 1, name: 'Página no encontrada' });
    expect(screen.getByRole('link', { name: 'Ir al inicio' }).getAttribute('href')).toBe('/inicio');
  });

  it('filters the navigation by role', async () => {
    openAt('/usuarios', 'viewer');
    const nav = await screen.findByRole('navigation', { name: 'Navegación principal' });
    expect([...nav.querySelectorAll('a')].map((a) => a.textContent)).toEqual([
      'Inicio',
      'Contribuyentes',
      'CFDI',
      'Metadatos',
      'Bandeja',
      'Catálogo contable',
      'Sincronizaciones',
      'Clientes',
      'Órdenes',
      'Facturación',
      'Usuarios',
    ]);
    expect(screen.getByRole('link', { name: 'Usuarios' }).getAttribute('aria-current')).toBe('page');
  });

  it('shows Inteligencia artificial and Plan y uso to admins only, before Auditoría', async () => {
    openAt('/inteligencia-artificial', 'admin');
    const nav = await screen.findByRole('navigation', { name: 'Navegación principal' });
    const labels = [...nav.querySelectorAll('a')].map((a) => a.textContent);
    expect(labels.slice(-3)).toEqual(['Inteligencia artificial', 'Plan y uso', 'Auditoría']);
    expect(screen.getByRole('link', { name: 'Inteligencia artificial' }).getAttribute('href')).toBe(
      '/inteligencia-artificial',
    );
    await screen.findByRole('heading', { level: 1, name: 'Inteligencia artificial' }, { timeout: 5_000 });
    cleanup();
    openAt('/inicio', 'member');
    const memberNav = await screen.findByRole('navigation', { name: 'Navegación principal' });
    const memberLabels = [...memberNav.querySelectorAll('a')].map((a) => a.textContent);
    expect(memberLabels).not.toContain('Inteligencia artificial');
    expect(memberLabels).not.toContain('Plan y uso');
  });

  it('on a phone, the pages sit behind "Menú", which closes on the page chosen', async () => {
    openAt('/inicio', 'owner');
    const nav = await screen.findByRole('navigation', { name: 'Navegación principal' });
    const menu = screen.getByRole('button', { name: 'Menú' });
    // Hidden on small screens until opened (`sm:block` shows it on wider ones).
    expect(nav.className).toMatch(/(^| )hidden( |$)/);
    expect(menu.getAttribute('aria-controls')).toBe(nav.id);
    fireEvent.click(menu);
    expect(menu.getAttribute('aria-expanded')).toBe('true');
    expect(menu.textContent).toBe('Cerrar menú');
    expect(nav.className).toMatch(/(^| )block( |$)/);
    fireEvent.click(screen.getByRole('link', { name: 'Auditoría' }));
    await screen.findByRole('button', { name: 'Menú' });
    expect(screen.getByRole('button', { name: 'Menú' }).getAttribute('aria-expanded')).toBe('false');
  });

  it('shows the sign-in form without asking who is signed in', async () => {
    openAt('/iniciar-sesion?siguiente=%2Fcfdi');
    await screen.findByRole('heading', { level: 1, name: 'Iniciar sesión' });
    expect(screen.queryByRole('navigation')).toBeNull();
  });

  it('shows the password reset page without asking who is signed in, and "Mi cuenta" inside the app', async () => {
    openAt('/restablecer?token=abc');
    await screen.findByRole('heading', { level: 1, name: 'Elige una contraseña nueva' });
    expect(screen.queryByRole('navigation')).toBeNull();
    cleanup();
    openAt('/mi-cuenta', 'viewer');
    await screen.findByRole('heading', { level: 1, name: 'Mi cuenta' });
    // The account link sits in the top bar (and under it on small screens).
    for (const link of screen.getAllByRole('link', { name: 'lucia@ruiz.mx' }))
      expect(link.getAttribute('href')).toBe('/mi-cuenta');
  });

  it('sends "/" to the role\'s home, Inicio', async () => {
    openAt('/', 'admin');
    await screen.findByRole('heading', { level: 1, name: 'Inicio' });
    expect(window.location.pathname).toBe('/inicio');
  });
});

describe('a page that fails to load', () => {
  it('says so and offers to reload, instead of blanking the app', async () => {
    const Stale = lazy(() => Promise.reject(new TypeError('Failed to fetch dynamically imported module')));
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    render(
      <I18nProvider initialLocale="es-MX">
        <PageErrorBoundary>
          <Suspense fallback="…">
            <Stale />
          </Suspense>
        </PageErrorBoundary>
      </I18nProvider>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Si Bóveda se actualizó');
    expect(screen.getByRole('button', { name: 'Recargar' })).toBeTruthy();
    quiet.mockRestore();
  });
});
