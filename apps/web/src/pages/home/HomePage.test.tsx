// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient } from '../../api/client.js';
import type { HomeSummary, HomeTaxpayer } from '../../api/types.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { HomePage } from './HomePage.js';

const RFC = 'EKU9003173C9';
const REQ = '11111111-1111-4111-8111-111111111111';

const taxpayer: HomeTaxpayer = {
  rfc: RFC,
  legalName: 'ESCUELA KEMPER URGATE',
  lastSyncAt: '2026-12-05T18:30:00.000Z',
  thisMonth: { issued: 12, received: 3 },
  attentionCount: 6,
  attention: [
    {
      id: REQ,
      state: 'failed',
      type: 'cfdi',
      direction: 'received',
      period: { start: '2026-01-01T00:00:00', end: '2026-01-31T23:59:59' },
      code: 5002,
      reason: "The SAT's lifetime limit for this exact period is used up.",
      attention: {
        code: 'sat_period_limit',
        params: { satCode: 5002, satMessage: 'Se han agotado las solicitudes de por vida' },
      },
      finishedAt: '2026-12-04T10:00:00.000Z',
    },
  ],
  efirma: { validUntil: '2026-12-20T00:00:00.000Z', daysToExpiry: 14, expired: false, expiresSoon: true },
  missingXml: 7,
};

const summary = (taxpayers: HomeTaxpayer[]): HomeSummary => ({
  month: { key: '2026-12', from: '2026-12-01', to: '2026-12-31' },
  taxpayers,
  totals: {
    taxpayers: taxpayers.length,
    thisMonth: { issued: 12, received: 3 },
    attention: 6,
    efirmasExpiring: 1,
    missingXml: 7,
  },
});

function show(home: HomeSummary) {
  const client = new Proxy({} as ApiClient, {
    get: (_, name) => (name === 'getHome' ? async () => home : () => new Promise(() => {})),
  });
  return render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={client}>
        <HomePage />
      </ApiProvider>
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe('Inicio', () => {
  it('shows a card per taxpayer with links to the explorer, the stopped request and the taxpayer', async () => {
    show(summary([taxpayer]));
    const card = await screen.findByRole('article', { name: /EKU9003173C9/ });
    const links = within(card);
    expect(links.getByRole('link', { name: RFC }).getAttribute('href')).toBe(`/contribuyentes/${RFC}`);
    expect(links.getByRole('link', { name: '12 emitidos' }).getAttribute('href')).toBe(
      `/cfdi?rfc=${RFC}&direction=issued&from=2026-12-01&to=2026-12-31`,
    );
    expect(links.getByRole('link', { name: '3 recibidos' }).getAttribute('href')).toBe(
      `/cfdi?rfc=${RFC}&direction=received&from=2026-12-01&to=2026-12-31`,
    );
    expect(card.textContent).toContain('CFDI de diciembre 2026');
    const request = links.getByRole('link', { name: /CFDI · Recibidos · 2026-01-01 – 2026-01-31/ });
    expect(request.getAttribute('href')).toBe(`/contribuyentes/${RFC}/solicitudes/${REQ}`);
    // The reason is said from its code; the SAT's own Spanish message is quoted as it came.
    expect(card.textContent).toContain(
      'Código 5002: Se agotó el límite del SAT para este periodo exacto (el SAT respondió 5002 («Se han agotado las solicitudes de por vida»))',
    );
    expect(card.textContent).not.toContain('lifetime limit');
    expect(links.getByRole('link', { name: 'y 5 más' }).getAttribute('href')).toBe(`/contribuyentes/${RFC}`);
    expect(card.textContent).toContain('Vence en 14 días');
    expect(
      links
        .getByRole('link', { name: '7 CFDI están en la metadata del SAT pero su XML no está en la bóveda.' })
        .getAttribute('href'),
    ).toBe(`/metadatos?rfc=${RFC}&missingXml=true`);
    expect(links.getByRole('link', { name: 'Ver gráfica' }).getAttribute('href')).toBe(
      `/cfdi?rfc=${RFC}&vista=grafica`,
    );
    const totals = screen.getByRole('region', { name: 'Resumen de la organización' });
    expect(totals.textContent).toContain('12 emitidos · 3 recibidos');
    expect(totals.textContent).toContain('e.firmas por vencer (30 días)1');
  });

  it('says when a taxpayer never synced and has nothing pending', async () => {
    show(
      summary([
        {
          ...taxpayer,
          lastSyncAt: null,
          attention: [],
          attentionCount: 0,
          missingXml: 0,
          efirma: { ...taxpayer.efirma, expiresSoon: false, daysToExpiry: 200 },
        },
      ]),
    );
    const card = await screen.findByRole('article', { name: /EKU9003173C9/ });
    expect(card.textContent).toContain('Todavía no');
    expect(card.textContent).toContain('Ninguna solicitud detenida.');
    expect(card.textContent).toContain('Ninguno: cada CFDI de la metadata tiene su XML.');
    expect(card.textContent).not.toContain('Vence en');
  });

  it('tells an organization without taxpayers what to do first', async () => {
    show(summary([]));
    await screen.findByRole('heading', { name: 'Aún no hay contribuyentes' });
    expect(screen.getByText(/Registra la e\.firma de tu primer contribuyente/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Registrar una e.firma' }).getAttribute('href')).toBe(
      '/contribuyentes',
    );
  });
});
