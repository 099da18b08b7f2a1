// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient, SatYearProgress } from '../../api/client.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { SatYearsCard } from './SatYearsCard.js';

afterEach(cleanup);

const show = (years: SatYearProgress[]) => {
  const client = new Proxy({} as ApiClient, {
    get: (_, name) => (name === 'listSatYears' ? async () => years : () => new Promise(() => {})),
  });
  render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={client}>
        <SatYearsCard rfc="EKU9003173C9" />
      </ApiProvider>
    </I18nProvider>,
  );
};

describe('SatYearsCard', () => {
  it('says which years are complete and what the others lack, in Spanish', async () => {
    const thisYear = new Date().getFullYear();
    show([
      {
        year: thisYear,
        complete: true,
        states: { downloaded: 10, empty: 2 },
        active: 0,
        failed: 0,
        missing: [],
        until: `${thisYear}-03-01T00:00:00`,
      },
      {
        year: thisYear - 1,
        complete: false,
        states: { downloaded: 25, in_progress: 2, failed: 1 },
        active: 2,
        failed: 1,
        missing: [
          { kind: 'cfdi', direction: 'issued' },
          { kind: 'metadata', direction: 'received' },
        ],
        until: `${thisYear - 1}-12-31T23:59:59`,
      },
      {
        year: thisYear - 2,
        complete: true,
        states: { downloaded: 28 },
        active: 0,
        failed: 0,
        missing: [],
        until: '',
      },
    ]);
    const rows = await screen.findAllByRole('listitem');
    expect(rows.map((r) => r.getAttribute('data-year'))).toEqual(
      [thisYear, thisYear - 1, thisYear - 2].map(String),
    );
    expect(within(rows[0]!).getByText('Al día')).toBeTruthy();
    expect(within(rows[0]!).getByText('12 de 12 solicitudes terminadas')).toBeTruthy();
    expect(within(rows[1]!).getByText('Incompleto')).toBeTruthy();
    expect(within(rows[1]!).getByText('25 de 28 solicitudes terminadas')).toBeTruthy();
    expect(within(rows[1]!).getByText('· 2 en proceso con el SAT')).toBeTruthy();
    expect(within(rows[1]!).getByText('· 1 detenida: revísala abajo')).toBeTruthy();
    expect(within(rows[1]!).getByText('Falta: CFDI emitidos, metadata recibidos')).toBeTruthy();
    expect(within(rows[2]!).getByText('Completo')).toBeTruthy();
  });

  it('says when nothing was requested yet', async () => {
    show([]);
    await screen.findByText('Aún no hay años solicitados.');
  });
});
