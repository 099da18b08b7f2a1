// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient } from '../../api/client.js';
import type { NetSummary, Taxpayer, YearSummary } from '../../api/types.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { stack, YearChart } from './YearChart.js';

const RFC = 'EKU9003173C9';
const zero = { base: '0.00', iva: '0.00' };
const emptyNet = (): NetSummary => ({
  income: zero,
  expenses: zero,
  creditNotes: { issued: zero, received: zero },
});
const taxpayer = (rfc: string, legalName: string): Taxpayer => ({
  id: rfc,
  rfc,
  legalName,
  certificateSerial: '30001000000500003415',
  validFrom: '2023-05-18T00:00:00.000Z',
  validUntil: '2027-05-18T00:00:00.000Z',
  status: 'active',
  daysToExpiry: 160,
  expired: false,
  expiresSoon: false,
  createdAt: '2026-01-01T00:00:00.000Z',
  removedAt: null,
});

function year(y: number, yearsWithData: number[]): YearSummary {
  const net = Array.from({ length: 12 }, (_, i) => ({ month: i + 1, ...emptyNet() }));
  net[2] = {
    month: 3,
    income: { base: '2450.00', iva: '392.00' },
    expenses: { base: '450.00', iva: '72.00' },
    creditNotes: { issued: { base: '200.00', iva: '32.00' }, received: { base: '50.00', iva: '8.00' } },
  };
  return {
    rfc: RFC,
    year: y,
    yearsWithData,
    months: Array.from({ length: 12 }, (_, i) => ({ month: i + 1, issued: [], received: [] })),
    net,
    netTotals: net[2],
  };
}

function show(opts: {
  taxpayers: Taxpayer[];
  summary: (rfc: string, y?: number) => YearSummary;
  rfc?: string;
}) {
  const asked: [string, number | undefined][] = [];
  const client = new Proxy({} as ApiClient, {
    get: (_, name) => {
      if (name === 'listTaxpayers') return async () => ({ items: opts.taxpayers, nextCursor: null });
      if (name === 'getTaxpayerSummary')
        return async (rfc: string, y?: number) => {
          asked.push([rfc, y]);
          return opts.summary(rfc, y);
        };
      return () => new Promise(() => {});
    },
  });
  window.history.replaceState(null, '', '/cfdi?vista=grafica');
  render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={client}>
        <YearChart rfc={opts.rfc} />
      </ApiProvider>
    </I18nProvider>,
  );
  return asked;
}

afterEach(cleanup);

describe('the income and expenses chart', () => {
  it('picks the first taxpayer and the newest year with data, with base and IVA apart and the year totals', async () => {
    const asked = show({
      taxpayers: [taxpayer(RFC, 'ESCUELA KEMPER URGATE'), taxpayer('MEMO800101AB1', 'MEMO')],
      summary: (_rfc, y) => year(y ?? 2025, [2025, 2023]),
    });
    await screen.findByRole('img', { name: `Gráfica de ingresos y gastos por mes de ${RFC} en 2025` });
    // Nobody typed a year: the server chose the newest with data.
    expect(asked[0]).toEqual([RFC, undefined]);
    const picker = screen.getByRole('combobox', { name: 'Contribuyente' }) as HTMLSelectElement;
    expect(picker.value).toBe(RFC);
    expect([...picker.options].map((o) => o.textContent)).toEqual([
      `${RFC} · ESCUELA KEMPER URGATE`,
      'MEMO800101AB1 · MEMO',
    ]);
    const years = screen.getByRole('combobox', { name: 'Año' }) as HTMLSelectElement;
    expect(years.value).toBe('2025');
    expect([...years.options].map((o) => o.value)).toEqual(['2025', '2023']);
    const footer = screen.getByRole('row', { name: /Total 2025/ });
    expect(footer.textContent).toContain('$2,450.00');
    expect(footer.textContent).toContain('$392.00');
    expect(footer.textContent).toContain('$232.00'); // credit notes issued, base + IVA
    expect(screen.getByText('Ingresos netos de notas de crédito').nextElementSibling?.textContent).toBe(
      '$2,842.00',
    );
    // Readable axis: abbreviated pesos at round steps.
    const labels = [...document.querySelectorAll('svg[role="img"] text')].map((n) => n.textContent);
    expect(labels).toEqual(expect.arrayContaining(['$0', '$1 mil', '$2 mil', '$3 mil']));
  });

  it('says so when the taxpayer has no CFDI yet, and links where to request them', async () => {
    show({ taxpayers: [taxpayer(RFC, 'KEMPER')], summary: () => ({ ...year(2026, []), net: [] }) });
    await screen.findByText(/Aún no hay CFDI de EKU9003173C9 en la bóveda/);
    expect(screen.queryByRole('img')).toBeNull();
    expect(screen.getByRole('link', { name: 'Ver solicitudes SAT' }).getAttribute('href')).toBe(
      `/contribuyentes/${RFC}`,
    );
  });

  it('asks for a taxpayer first when the organization has none', async () => {
    show({ taxpayers: [], summary: () => year(2025, [2025]) });
    await screen.findByText(/Aún no hay contribuyentes\. Registra la e\.firma/);
    expect(screen.getByRole('link', { name: 'Registrar e.firma' }).getAttribute('href')).toBe(
      '/contribuyentes',
    );
  });

  it('stacks IVA on base, and a month whose credit notes exceed its income below zero', () => {
    expect(stack({ base: '100.00', iva: '16.00' })).toEqual([
      { kind: 'base', from: 0, to: 100 },
      { kind: 'iva', from: 100, to: 116 },
    ]);
    expect(stack({ base: '-50.00', iva: '-8.00' })).toEqual([
      { kind: 'base', from: 0, to: -50 },
      { kind: 'iva', from: -50, to: -58 },
    ]);
  });
});
