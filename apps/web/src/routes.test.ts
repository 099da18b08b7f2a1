import { roles } from '@boveda/contracts';
import { describe, expect, it } from 'vitest';
import { matchPattern } from './lib/route-pattern.js';
import { homeFor, href, pagesFor, paths, SIGN_IN_PATH } from './paths.js';
import { findRoute, routes } from './routes.js';

const RFC = 'EKU9003173C9';
const ID = '11111111-1111-4111-8111-111111111111';

describe('the route table', () => {
  it('matches each page with its parameters', () => {
    expect(findRoute('/inicio')).toEqual({ route: routes.home, params: {} });
    expect(findRoute('/contribuyentes')).toEqual({ route: routes.taxpayers, params: {} });
    expect(findRoute(`/contribuyentes/${RFC}`)).toEqual({ route: routes.taxpayer, params: { rfc: RFC } });
    expect(findRoute(`/contribuyentes/${RFC}/solicitudes/${ID}`)).toEqual({
      route: routes.satRequest,
      params: { rfc: RFC, id: ID },
    });
    expect(findRoute('/cfdi')?.route).toBe(routes.cfdi);
    expect(findRoute('/iniciar-sesion')?.route).toBe(routes.signIn);
    expect(findRoute('/olvide-contrasena')?.route).toBe(routes.forgotPassword);
    expect(findRoute('/restablecer')?.route).toBe(routes.resetPassword);
    expect(routes.resetPassword.public && routes.forgotPassword.public).toBe(true);
    expect(findRoute('/mi-cuenta')?.route).toBe(routes.account);
    expect(routes.account.public).toBe(false);
    expect(findRoute('/webhooks')?.route).toBe(routes.webhooks);
    // The catalogue's fixed path wins over an endpoint id.
    expect(findRoute('/webhooks/eventos')?.route).toBe(routes.webhookEvents);
    expect(findRoute(`/webhooks/${ID}`)).toEqual({ route: routes.webhookEndpoint, params: { id: ID } });
    expect(findRoute('/clientes')?.route).toBe(routes.clients);
    expect(findRoute(`/clientes/${ID}`)).toEqual({ route: routes.client, params: { id: ID } });
    expect(findRoute('/ordenes')?.route).toBe(routes.orders);
    // Any order number is a number, even one that reads like a word: returns live at /devoluciones.
    expect(findRoute('/ordenes/devoluciones')).toEqual({
      route: routes.order,
      params: { number: 'devoluciones' },
    });
    expect(findRoute('/ordenes/PED-1001.A_2')).toEqual({
      route: routes.order,
      params: { number: 'PED-1001.A_2' },
    });
    expect(findRoute('/devoluciones')?.route).toBe(routes.returns);
  });

  it('tolerates a trailing slash and decodes percent-encoded parameters', () => {
    expect(findRoute('/cfdi/')?.route).toBe(routes.cfdi);
    expect(findRoute('/contribuyentes/A%26%C3%91A010101AAA/')).toEqual({
      route: routes.taxpayer,
      params: { rfc: 'A&ÑA010101AAA' },
    });
  });

  it('knows nothing of other paths: they are "not found", never an exception', () => {
    for (const path of [
      '/',
      '/no-existe',
      '/contribuyentes//solicitudes/x',
      `/contribuyentes/${RFC}/solicitudes`,
      `/contribuyentes/${RFC}/solicitudes/${ID}/mas`,
      '/contribuyentes/%E0%A4%A', // broken percent-encoding
      '/CFDI',
    ])
      expect(findRoute(path), path).toBeNull();
  });

  it('builds links that match back to the same route and parameters', () => {
    const awkward = { rfc: 'A&ÑA010101AAA', id: 'a/b?c#d' };
    expect(href(paths.satRequest, awkward)).toBe(
      '/contribuyentes/A%26%C3%91A010101AAA/solicitudes/a%2Fb%3Fc%23d',
    );
    expect(findRoute(href(paths.satRequest, awkward))).toEqual({
      route: routes.satRequest,
      params: awkward,
    });
    expect(findRoute(href(paths.taxpayer, { rfc: RFC }))).toEqual({
      route: routes.taxpayer,
      params: { rfc: RFC },
    });
    expect(href(paths.cfdi)).toBe('/cfdi');
  });

  it('adds a query string when given one, and none when it is empty', () => {
    expect(href(paths.cfdi, {}, { rfc: RFC, direction: 'issued' })).toBe(`/cfdi?rfc=${RFC}&direction=issued`);
    expect(href(paths.cfdi, {}, new URLSearchParams())).toBe('/cfdi');
  });

  it('shows each role only the navigation entries it may use, Inicio and the taxpayers first', () => {
    const nav = (role: (typeof roles)[number]) => pagesFor(role).map((r) => r.path);
    expect(nav('viewer')).toEqual([
      '/inicio',
      '/contribuyentes',
      '/cfdi',
      '/metadatos',
      '/bandeja',
      '/catalogo-contable',
      '/sincronizaciones',
      '/clientes',
      '/ordenes',
      '/facturacion',
      '/usuarios',
    ]);
    expect(nav('member')).toEqual([
      '/inicio',
      '/contribuyentes',
      '/cfdi',
      '/metadatos',
      '/bandeja',
      '/catalogo-contable',
      '/webhooks',
      '/conectores',
      '/sincronizaciones',
      '/clientes',
      '/ordenes',
      '/facturacion',
      '/usuarios',
    ]);
    expect(nav('admin')).toEqual([
      '/inicio',
      '/contribuyentes',
      '/cfdi',
      '/metadatos',
      '/bandeja',
      '/catalogo-contable',
      '/claves-api',
      '/aplicaciones',
      '/webhooks',
      '/conectores',
      '/sincronizaciones',
      '/clientes',
      '/ordenes',
      '/facturacion',
      '/usuarios',
      '/inteligencia-artificial',
      '/plan',
      '/auditoria',
    ]);
    expect(nav('owner')).toEqual(nav('admin'));
    for (const role of roles) expect(homeFor(role)).toBe('/inicio');
  });

  it('keeps the sign-in page public and every other page behind a session', () => {
    expect(SIGN_IN_PATH).toBe('/iniciar-sesion');
    expect(Object.values(routes).filter((r) => r.public)).toEqual([
      routes.signIn,
      routes.forgotPassword,
      routes.resetPassword,
    ]);
    expect(() => routes.cfdi.render({}, null)).toThrow(/signed-in/);
  });

  it('shows a page at every place pages link to, with the same path, navigation and role', () => {
    for (const [key, place] of Object.entries(paths)) {
      const route = routes[key as keyof typeof routes];
      expect({ path: route.path, nav: route.nav, minRole: route.minRole, public: route.public }).toEqual({
        nav: undefined,
        ...place,
      });
    }
  });
});

describe('path patterns', () => {
  it('read each parameter by name and compare fixed segments exactly', () => {
    expect(matchPattern('/a/:x/b/:y', '/a/1/b/2')).toEqual({ x: '1', y: '2' });
    expect(matchPattern('/a/:x/b/:y', '/a/1/c/2')).toBeNull();
    expect(matchPattern('/', '/')).toEqual({});
  });
});
