// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { SatRequest, SatRequestDetail } from '../../api/types.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { RequestDetail } from './SatRequestPage.js';

const base: SatRequest = {
  id: '11111111-1111-4111-8111-111111111111',
  rfc: 'EKU9003173C9',
  type: 'cfdi',
  direction: 'received',
  period: { start: '2025-03-01T00:00:00', end: '2025-03-31T23:59:59' },
  filters: { status: 'Vigente' },
  folio: null,
  state: 'replaced',
  origin: 'year',
  satRequestId: 'sat-1',
  sat: { statusCode: 5000, statusMessage: 'Solicitud Aceptada', requestState: 2, requestCode: 5000 },
  cfdiCount: null,
  replaces: null,
  replacedBy: '22222222-2222-4222-8222-222222222222',
  splitFrom: null,
  attempts: { stale: 1 },
  needsAttention: null,
  attention: null,
  submittedAt: '2025-04-01T10:00:00Z',
  lastVerifiedAt: '2025-04-06T10:00:00Z',
  finishedAt: '2025-04-06T10:00:01Z',
  createdAt: '2025-04-01T09:59:00Z',
};
const replacement: SatRequest = {
  ...base,
  id: '22222222-2222-4222-8222-222222222222',
  state: 'accepted',
  origin: 'recovery',
  replaces: base.id,
  replacedBy: null,
};

function show(request: SatRequestDetail, canRetry: boolean) {
  return render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider>
        <RequestDetail request={request} canRetry={canRetry} />
      </ApiProvider>
    </I18nProvider>,
  );
}

afterEach(cleanup);

describe('a SAT request in detail', () => {
  it('links the request that replaced it and reads its history in Spanish', () => {
    show(
      {
        ...base,
        related: [replacement],
        packages: [],
        history: [
          {
            at: '2025-04-01T09:59:00Z',
            type: 'state',
            operation: null,
            fromState: null,
            toState: 'pending',
            satCode: null,
            satMessage: null,
            message: 'Request created (year)',
            code: 'request_created',
            params: { origin: 'year' },
          },
          {
            at: '2025-04-01T10:00:00Z',
            type: 'call',
            operation: 'solicita',
            fromState: null,
            toState: null,
            satCode: 5000,
            satMessage: 'Solicitud Aceptada',
            message: 'solicita → 5000 Solicitud Aceptada',
            code: 'sat_call',
            params: { operation: 'solicita', satCode: 5000, satMessage: 'Solicitud Aceptada' },
          },
          {
            at: '2025-04-06T10:00:00Z',
            type: 'note',
            operation: null,
            fromState: null,
            toState: null,
            satCode: null,
            satMessage: null,
            message:
              'Filing it again because it stayed accepted or in progress at the SAT for more than 4 days',
            code: 'refiling',
            params: { cause: 'stale' },
          },
          {
            at: '2025-04-06T10:00:01Z',
            type: 'state',
            operation: null,
            fromState: 'accepted',
            toState: 'replaced',
            satCode: null,
            satMessage: null,
            message: 'Retired: replaced by request 2222',
            code: 'retired',
            params: { replacementId: '2222', satRequestId: 'sat-2' },
          },
          {
            // A line written before the server sent codes: its own words are all there is.
            at: '2025-04-06T10:00:02Z',
            type: 'note',
            operation: null,
            fromState: null,
            toState: null,
            satCode: null,
            satMessage: null,
            message: 'An old note',
            code: null,
            params: null,
          },
        ],
      },
      true,
    );
    const related = screen.getByRole('region', { name: 'Solicitudes relacionadas' });
    expect(within(related).getByText('Reemplazada por')).toBeTruthy();
    const link = within(related).getByRole('link', { name: 'CFDI · Recibidos · marzo de 2025' });
    expect(link.getAttribute('href')).toBe(`/contribuyentes/EKU9003173C9/solicitudes/${replacement.id}`);
    const history = screen.getByTestId('history');
    expect(within(history).getByText('Solicitud · SAT 5000: Solicitud Aceptada')).toBeTruthy();
    expect(within(history).getByText('Aceptada → Reemplazada')).toBeTruthy();
    expect(within(history).getByText('Solicitud creada (descarga anual).')).toBeTruthy();
    expect(
      within(history).getByText(
        'Se presenta de nuevo porque siguió aceptada o en proceso en el SAT por más de 4 días.',
      ),
    ).toBeTruthy();
    expect(within(history).getByText('Retirada: la reemplaza la solicitud 2222 (sat-2).')).toBeTruthy();
    expect(within(history).getByText('An old note')).toBeTruthy();
    expect(history.textContent).not.toMatch(/Filing it again|Retired|Request created/);
    // Nothing to act on: no attention box, no retry.
    expect(screen.queryByRole('region', { name: 'Requiere atención' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Reintentar' })).toBeNull();
  });

  it('a stopped request says why; only members and up are offered the retry', () => {
    const failed: SatRequestDetail = {
      ...base,
      state: 'failed',
      replacedBy: null,
      needsAttention:
        'The SAT\u2019s lifetime limit for this exact period is used up (the SAT answered 5002 "Se han agotado las solicitudes de por vida").',
      attention: {
        code: 'sat_period_limit',
        params: { satCode: 5002, satMessage: 'Se han agotado las solicitudes de por vida' },
      },
      related: [],
      packages: [],
      history: [],
    };
    show(failed, false);
    const box = screen.getByRole('region', { name: 'Requiere atención' });
    expect(box.textContent).toContain(
      'Se agotó el límite del SAT para este periodo exacto (el SAT respondió 5002',
    );
    expect(box.textContent).not.toContain('lifetime limit');
    expect(within(box).queryByRole('button', { name: 'Reintentar' })).toBeNull();
    cleanup();
    show(failed, true);
    expect(screen.getByRole('button', { name: 'Reintentar' })).toBeTruthy();
  });

  it('offers each stored package as a download to members, and none to viewers', () => {
    const pkg = (satPackageId: string, state: string) => ({
      satPackageId,
      type: 'cfdi',
      state,
      storageKey: `tenants/t/clientes/EKU9003173C9/2025/paquetes/cfdi/${satPackageId}.zip`,
      size: state === 'stored' ? 2048 : null,
      sha256: null,
      downloadAttempts: 1,
      storedAt: state === 'stored' ? '2025-04-06T10:00:00Z' : null,
    });
    const request: SatRequestDetail = {
      ...base,
      related: [],
      history: [],
      packages: [pkg('SAT_PKG_01', 'stored'), pkg('SAT_PKG_02', 'pending')],
    };
    show(request, true);
    const link = screen.getByRole('link', { name: 'Descargar el paquete SAT_PKG_01' });
    expect(link.getAttribute('href')).toBe(
      `/api/v1/taxpayers/EKU9003173C9/sat-requests/${base.id}/packages/SAT_PKG_01`,
    );
    expect(screen.queryByRole('link', { name: 'Descargar el paquete SAT_PKG_02' })).toBeNull();
    cleanup();
    show(request, false);
    expect(screen.queryByRole('link', { name: /Descargar el paquete/ })).toBeNull();
  });
});
