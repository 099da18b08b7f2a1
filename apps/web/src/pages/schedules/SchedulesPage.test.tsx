// @vitest-environment jsdom
import type { Role } from '@boveda/contracts';
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient } from '../../api/client.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { SchedulesPage } from './SchedulesPage.js';
import { backoffSteps, dailyTime, relativeTime } from './schedule-format.js';
import type { Schedule } from './schedules-api.js';

const minutesAgo = (n: number) => new Date(Date.now() - n * 60_000).toISOString();
const hoursAhead = (n: number) => new Date(Date.now() + n * 3_600_000 + 30_000).toISOString();

const sat: Schedule = {
  kind: 'sat.sync',
  key: 'EKU9003173C9',
  target: { label: 'EKU9003173C9', detail: 'ESCUELA KEMPER URGATE' },
  schedule: {
    cron: '0 23 * * *',
    timeZone: 'America/Mexico_City',
    backoffSeconds: [60, 120, 300, 3600, 3600],
  },
  lastRun: { at: minutesAgo(5), result: 'ok', errorCode: null, durationMs: null },
  nextRunAt: hoursAhead(3),
  paused: null,
  pausable: true,
  runnable: true,
};
const erp: Schedule = {
  kind: 'connector.sync',
  key: 'c1',
  target: { label: 'ERP nocturno', detail: 'https://erp.example.mx/api' },
  schedule: { cron: '*/15 8-18 * * 1-5', timeZone: 'America/Mexico_City', backoffSeconds: null },
  lastRun: { at: minutesAgo(90), result: 'failed', errorCode: 'CONNECTOR_RUN_FAILED', durationMs: 2400 },
  nextRunAt: null,
  paused: { at: minutesAgo(10), by: 'ana@example.com' },
  pausable: true,
  runnable: true,
};
const hook: Schedule = {
  kind: 'webhook.retries',
  key: 'e1',
  target: { label: 'https://hooks.example.mx/boveda', detail: null },
  schedule: { cron: null, timeZone: null, backoffSeconds: [5, 300] },
  lastRun: null,
  nextRunAt: null,
  paused: null,
  pausable: false,
  runnable: false,
};

function fakeApi(items: Schedule[] | Error) {
  const calls: { method: string; path: string }[] = [];
  let rows = items;
  const client = {
    request: async (method: string, path: string) => {
      calls.push({ method, path });
      if (rows instanceof Error) throw rows;
      if (method === 'GET') return { items: rows, nextCursor: null };
      if (path.endsWith('/run')) return { jobId: 'job-1' };
      const paused = path.endsWith('/pause');
      rows = rows.map((r) =>
        path.includes(encodeURIComponent(r.key))
          ? { ...r, paused: paused ? { at: new Date().toISOString(), by: 'yo' } : null }
          : r,
      );
      return rows[0];
    },
  } as unknown as ApiClient;
  return { client, calls };
}

function open(role: Role, items: Schedule[] | Error = [sat, erp, hook]) {
  const api = fakeApi(items);
  render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={api.client}>
        <SchedulesPage params={{}} myRole={role} />
      </ApiProvider>
    </I18nProvider>,
  );
  return api;
}

const row = async (id: string) => {
  await screen.findByText('ERP nocturno');
  return document.querySelector(`tr[data-schedule="${id}"]`) as HTMLElement;
};

afterEach(cleanup);

describe('the Sincronizaciones page', () => {
  it('lists every kind with its schedule, last run and next run in Spanish', async () => {
    open('viewer');
    expect(await screen.findByRole('heading', { level: 1, name: 'Sincronizaciones' })).toBeTruthy();
    const satRow = await row('sat.sync:EKU9003173C9');
    expect(satRow.textContent).toContain('Sincronización SAT');
    expect(satRow.textContent).toContain('ESCUELA KEMPER URGATE');
    expect(satRow.textContent).toContain('Diario a las 23:00 (America/Mexico_City)');
    expect(satRow.textContent).toContain('Después de cada evento: 1 min, 2 min, 5 min, 1 h…');
    expect(within(satRow).getByText('Correcta')).toBeTruthy();
    expect(satRow.textContent).toContain('hace 5 min');
    expect(satRow.textContent).toContain('en 3 h');
    const erpRow = await row('connector.sync:c1');
    expect(within(erpRow).getByText('Falló')).toBeTruthy();
    expect(erpRow.textContent).toContain('CONNECTOR_RUN_FAILED');
    expect(erpRow.textContent).toContain('duró 2.4 s');
    expect(within(erpRow).getByText('Pausada')).toBeTruthy();
    const hookRow = await row('webhook.retries:e1');
    expect(hookRow.textContent).toContain('Reintentos de webhook');
    expect(hookRow.textContent).toContain('Nunca');
    // A viewer reads; no buttons.
    expect(screen.queryByRole('button', { name: /Ejecutar ahora/ })).toBeNull();
    expect(screen.queryByRole('button', { name: /Pausar/ })).toBeNull();
    expect(screen.getByText(/solo un administrador o propietario puede pausar/)).toBeTruthy();
  });

  it('a member runs now (202 → "En cola") but cannot pause', async () => {
    const api = open('member');
    const satRow = await row('sat.sync:EKU9003173C9');
    fireEvent.click(
      within(satRow).getByRole('button', { name: 'Ejecutar ahora: Sincronización SAT EKU9003173C9' }),
    );
    expect(await within(satRow).findByText(/En cola/)).toBeTruthy();
    expect(api.calls).toContainEqual({ method: 'POST', path: '/api/v1/schedules/sat.sync/EKU9003173C9/run' });
    expect(screen.queryByRole('button', { name: /^Pausar/ })).toBeNull();
    // Webhook retries cannot be run from here.
    expect(within(await row('webhook.retries:e1')).queryByRole('button')).toBeNull();
  });

  it('an admin pauses after confirming, and resumes', async () => {
    const api = open('admin');
    const satRow = await row('sat.sync:EKU9003173C9');
    fireEvent.click(within(satRow).getByRole('button', { name: 'Pausar: Sincronización SAT EKU9003173C9' }));
    const dialog = await screen.findByRole('dialog', { name: 'Pausar sincronización' });
    expect(dialog.textContent).toContain('Sincronización SAT · EKU9003173C9');
    // Nothing is sent before the confirmation.
    expect(api.calls.filter((c) => c.method === 'POST')).toEqual([]);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Pausar' }));
    await waitFor(() =>
      expect(api.calls).toContainEqual({
        method: 'POST',
        path: '/api/v1/schedules/sat.sync/EKU9003173C9/pause',
      }),
    );
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    const erpRow = await row('connector.sync:c1');
    fireEvent.click(within(erpRow).getByRole('button', { name: 'Reanudar: Conector ERP nocturno' }));
    await waitFor(() =>
      expect(api.calls).toContainEqual({
        method: 'POST',
        path: '/api/v1/schedules/connector.sync/c1/resume',
      }),
    );
    expect((await row('webhook.retries:e1')).textContent).toContain('desactivando el endpoint');
  });

  it('says when nothing is scheduled, and when the list cannot be read', async () => {
    open('viewer', []);
    expect(await screen.findByText(/Aún no hay nada programado/)).toBeTruthy();
    cleanup();
    open('viewer', new Error('boom'));
    expect(await screen.findByRole('alert')).toBeTruthy();
  });
});

describe('schedule formats', () => {
  it('relative times, daily crons and backoff steps', () => {
    const now = new Date('2026-12-06T12:00:00Z');
    expect(relativeTime('2026-12-06T11:55:00Z', now, 'es-MX')).toBe('hace 5 min');
    expect(relativeTime('2026-12-06T15:00:00Z', now, 'es-MX')).toBe('en 3 h');
    expect(dailyTime('0 23 * * *')).toBe('23:00');
    expect(dailyTime('30 2 * * *')).toBe('02:30');
    expect(dailyTime('*/5 * * * *')).toBeNull();
    expect(backoffSteps([60, 120, 300, 600, 1800, 3600, 7200, 14400])).toBe(
      '1 min, 2 min, 5 min, 10 min, 30 min, 1 h, 2 h, 4 h…',
    );
  });
});
