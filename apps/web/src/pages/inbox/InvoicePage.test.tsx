// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient, RequestOptions } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { InvoicePage } from './InvoicePage.js';
import type { InvoiceDetail, InvoiceItem } from './inbox-api.js';

const ID = '11111111-1111-4111-8111-111111111111';
const NEXT = '22222222-2222-4222-8222-222222222222';

const item = (id: string, over: Partial<InvoiceItem> = {}): InvoiceItem => ({
  id,
  status: 'waiting_validation',
  fileName: 'factura.pdf',
  extraction: 'pdf-image',
  uuid: null,
  serie: 'A',
  folio: '100',
  fecha: '2026-11-30T10:15:00',
  emisorRfc: 'EKU9003173C9',
  emisorNombre: 'ESCUELA KEMPER URGATE',
  receptorRfc: 'XAXX010101000',
  receptorNombre: null,
  total: '1160.00',
  moneda: 'MXN',
  direction: null,
  inVault: false,
  duplicateOf: null,
  lowConfidenceFields: ['total'],
  failure: null,
  createdAt: '2026-12-04T20:00:00Z',
  updatedAt: '2026-12-04T20:00:00Z',
  ...over,
});

const detail = (over: Partial<InvoiceDetail> = {}): InvoiceDetail => ({
  ...item(ID),
  version: 3,
  files: [
    {
      id: '33333333-3333-4333-8333-333333333333',
      kind: 'pdf',
      name: 'factura.pdf',
      mediaType: 'application/pdf',
      size: 1000,
      sha256: 'ab',
      createdAt: '2026-12-04T20:00:00Z',
    },
  ],
  preview: {
    fields: {
      serie: { value: 'A', source: 'text', confidence: 0.95 },
      folio: { value: '100', source: 'text', confidence: 0.95 },
      emisorRfc: { value: 'EKU9003173C9', source: 'qr', confidence: 0.99 },
      total: { value: '1160.00', source: 'ocr', confidence: 0.62 },
    },
    taxes: {
      items: [{ kind: 'traslado', impuesto: '002', tasa: '0.160000', importe: '160.00' }],
      source: 'ocr',
      confidence: 0.7,
    },
    conceptos: {
      items: [
        {
          claveProdServ: '84111506',
          cantidad: '1',
          claveUnidad: 'E48',
          descripcion: 'Honorarios',
          valorUnitario: '1000.00',
          importe: '1000.00',
          descuento: null,
        },
      ],
      source: 'ocr',
      confidence: 0.7,
    },
    checks: [
      {
        code: 'DUPLICATE_IN_INBOX',
        ok: false,
        message: 'The inbox already has this CFDI.',
        fields: ['uuid'],
      },
      { code: 'BRAND_NEW_CHECK', ok: false, message: 'Something the web does not know yet.', fields: [] },
      {
        code: 'TOTAL_ARITHMETIC',
        ok: false,
        message: 'subtotal − descuento + traslados − retenciones = 1160.00, total says 1150.00',
        fields: ['subtotal', 'total'],
        params: { expected: '1160.00', total: '1150.00' },
      },
    ],
  },
  finalData: null,
  rejectionReason: null,
  satStatus: null,
  edits: [{ field: 'folio', from: '10O', to: '100', by: 'ana@despacho.mx', at: '2026-12-04T20:05:00Z' }],
  processedAt: null,
  processedBy: null,
  registeredInVault: false,
  ...over,
});

interface Call {
  method: string;
  path: string;
  body?: unknown;
}

function fakeApi(answer: (call: Call) => unknown) {
  const calls: Call[] = [];
  const client = {
    request: async (method: string, path: string, opts: RequestOptions = {}) => {
      const call = { method, path, body: opts.body };
      calls.push(call);
      const result = answer(call);
      if (result instanceof Error) throw result;
      return result;
    },
  } as unknown as ApiClient;
  return { client, calls };
}

function open(client: ApiClient, role: 'member' | 'viewer' = 'member') {
  window.history.replaceState(null, '', `/bandeja/${ID}`);
  return render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={client}>
        <InvoicePage params={{ id: ID }} myRole={role} />
      </ApiProvider>
    </I18nProvider>,
  );
}

const queue = { items: [item(ID), item(NEXT)], nextCursor: null };

afterEach(cleanup);

describe('the validation view', () => {
  it('shows the document, the grouped fields with their sources, doubtful ones highlighted, and the failed checks', async () => {
    const { client } = fakeApi(({ path }) => (path.endsWith(ID) ? detail() : queue));
    open(client);
    const total = await screen.findByLabelText('Total');
    expect((total as HTMLInputElement).value).toBe('1160.00');
    const totalBox = total.closest('[data-field]')!;
    expect(totalBox.getAttribute('data-low-confidence')).toBe('true');
    expect(within(totalBox as HTMLElement).getByText('Revisar')).toBeTruthy();
    expect(total.getAttribute('aria-describedby')).toBeTruthy();
    expect(within(totalBox as HTMLElement).getByText('Origen: OCR · confianza 62 %')).toBeTruthy();
    const rfcBox = screen.getByLabelText('RFC del emisor').closest('[data-field]')!;
    expect(rfcBox.getAttribute('data-low-confidence')).toBeNull();
    expect(rfcBox.getAttribute('data-source')).toBe('qr');

    const legends = [...document.querySelectorAll('legend')].map((l) => l.textContent);
    expect(legends).toEqual(['Comprobante', 'Emisor', 'Receptor', 'Importes', 'Pago']);

    const frame = screen.getByTitle('Documento factura.pdf');
    expect(frame.getAttribute('src')).toBe(
      `/api/v1/invoices/${ID}/files/33333333-3333-4333-8333-333333333333`,
    );

    const checks = screen.getByTestId('failed-checks');
    expect(checks.textContent).toContain('La bandeja ya tiene este CFDI (mismo UUID).');
    expect(checks.textContent).toContain('Something the web does not know yet.');
    // The values a check compared come from its params, in Spanish, not the server's English.
    expect(checks.textContent).toContain('La suma da 1160.00; el total impreso dice 1150.00.');
    expect(checks.textContent).not.toContain('total says');
    expect(checks.textContent).not.toContain('The inbox already has this CFDI.');
    // The UUID is required to confirm and empty here.
    expect(screen.getAllByText('Obligatorio para confirmar').length).toBeGreaterThan(0);
    expect(screen.getByText('Folio: 10O → 100')).toBeTruthy();
    expect((screen.getByLabelText('Descripción del concepto 1') as HTMLInputElement).value).toBe(
      'Honorarios',
    );
    expect(screen.getByText('1 de 2 por validar')).toBeTruthy();
  });

  it('Ctrl+Enter saves the corrections with the version, confirms, and opens the next waiting invoice', async () => {
    const { client, calls } = fakeApi(({ method, path }) => {
      if (method === 'PATCH') return detail({ version: 4 });
      if (path.endsWith('/confirm')) return detail({ version: 5, status: 'processed' });
      return path.endsWith(ID) ? detail() : queue;
    });
    open(client);
    const total = await screen.findByLabelText('Total');
    await screen.findByText('1 de 2 por validar');
    fireEvent.change(total, { target: { value: '1,160.00' } });
    expect(screen.getByText('Cambiado por ti, sin guardar')).toBeTruthy();
    fireEvent.change(total, { target: { value: '1260.00' } });
    fireEvent.change(screen.getByLabelText('Importe del impuesto 1'), { target: { value: '260.00' } });
    fireEvent.keyDown(window, { key: 'Enter', ctrlKey: true });

    await waitFor(() => expect(window.location.pathname).toBe(`/bandeja/${NEXT}`));
    const writes = calls.filter((c) => c.method !== 'GET');
    expect(writes).toEqual([
      {
        method: 'PATCH',
        path: `/api/v1/invoices/${ID}`,
        body: {
          version: 3,
          fields: { total: '1260.00' },
          taxes: [{ kind: 'traslado', impuesto: '002', tasa: '0.160000', importe: '260.00' }],
        },
      },
      { method: 'POST', path: `/api/v1/invoices/${ID}/confirm`, body: { version: 4 } },
    ]);
  });

  it('a stale version shows the Spanish conflict text, reloads, and keeps what the person typed', async () => {
    let version = 3;
    const { client, calls } = fakeApi(({ method, path }) => {
      if (method === 'PATCH') {
        version = 4;
        return new ApiError({
          type: 'about:blank',
          title: 'Someone else changed the invoice',
          status: 409,
          code: 'INVOICE_EDIT_CONFLICT',
        });
      }
      return path.endsWith(ID) ? detail({ version }) : queue;
    });
    open(client);
    const folio = await screen.findByLabelText('Folio');
    fireEvent.change(folio, { target: { value: '101' } });
    fireEvent.click(screen.getByRole('button', { name: 'Guardar cambios' }));
    await screen.findByText('Alguien más modificó esta factura. Revisa los cambios y vuelve a intentarlo.');
    await screen.findByText(/Cargamos la versión actual/);
    expect((screen.getByLabelText('Folio') as HTMLInputElement).value).toBe('101');
    expect(calls.filter((c) => c.method === 'GET' && c.path.endsWith(ID)).length).toBeGreaterThanOrEqual(2);
  });

  it('saves a corrected concepto with the version', async () => {
    const { client, calls } = fakeApi(({ method, path }) =>
      method === 'PATCH' ? detail({ version: 4 }) : path.endsWith(ID) ? detail() : queue,
    );
    open(client);
    fireEvent.change(await screen.findByLabelText('Descripción del concepto 1'), {
      target: { value: 'Honorarios de noviembre' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Agregar concepto' }));
    fireEvent.change(screen.getByLabelText('Descripción del concepto 2'), { target: { value: 'Viáticos' } });
    fireEvent.change(screen.getByLabelText('Importe del concepto 2'), {
      target: { value: '100.00' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Guardar cambios' }));
    await screen.findByText('Cambios guardados.');
    const patch = calls.find((c) => c.method === 'PATCH');
    expect(patch?.body).toEqual({
      version: 3,
      conceptos: [
        {
          claveProdServ: '84111506',
          cantidad: '1',
          claveUnidad: 'E48',
          descripcion: 'Honorarios de noviembre',
          valorUnitario: '1000.00',
          importe: '1000.00',
          descuento: null,
        },
        {
          claveProdServ: null,
          cantidad: '1',
          claveUnidad: null,
          descripcion: 'Viáticos',
          valorUnitario: null,
          importe: '100.00',
          descuento: null,
        },
      ],
    });
  });

  it('J moves to the next waiting invoice, but not while typing in a field', async () => {
    const { client } = fakeApi(({ path }) => (path.endsWith(ID) ? detail() : queue));
    open(client);
    const folio = await screen.findByLabelText('Folio');
    await screen.findByText('1 de 2 por validar');
    fireEvent.keyDown(folio, { key: 'j' });
    expect(window.location.pathname).toBe(`/bandeja/${ID}`);
    fireEvent.keyDown(document.body, { key: 'k' });
    expect(window.location.pathname).toBe(`/bandeja/${ID}`);
    fireEvent.keyDown(document.body, { key: 'j' });
    expect(window.location.pathname).toBe(`/bandeja/${NEXT}`);
  });

  it('rejects with a reason and the version, then opens the next waiting invoice', async () => {
    const { client, calls } = fakeApi(({ method, path }) =>
      method === 'POST' ? detail({ status: 'rejected' }) : path.endsWith(ID) ? detail() : queue,
    );
    open(client);
    await screen.findByText('1 de 2 por validar');
    fireEvent.click(screen.getByRole('button', { name: 'Rechazar' }));
    fireEvent.click(screen.getByRole('button', { name: 'Rechazar factura' }));
    expect(screen.getByText('Escribe el motivo.')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Motivo del rechazo'), { target: { value: 'No es nuestra' } });
    fireEvent.click(screen.getByRole('button', { name: 'Rechazar factura' }));
    await waitFor(() => expect(window.location.pathname).toBe(`/bandeja/${NEXT}`));
    expect(calls.filter((c) => c.method === 'POST')).toEqual([
      {
        method: 'POST',
        path: `/api/v1/invoices/${ID}/reject`,
        body: { version: 3, reason: 'No es nuestra' },
      },
    ]);
  });

  it('a viewer reads without inputs to change or buttons to act', async () => {
    const { client } = fakeApi(({ path }) => (path.endsWith(ID) ? detail() : queue));
    open(client, 'viewer');
    const total = await screen.findByLabelText('Total');
    expect(total.hasAttribute('readonly')).toBe(true);
    expect(screen.queryByRole('button', { name: /Confirmar/ })).toBeNull();
    expect(screen.getByText(/Tu rol es de solo lectura/)).toBeTruthy();
  });

  it('a failed invoice says why in Spanish and offers a retry', async () => {
    const failed = detail({
      status: 'failed',
      preview: null,
      failure: { code: 'PDF_ENCRYPTED', message: 'The PDF is password-protected.' },
    });
    const { client, calls } = fakeApi(({ method, path }) =>
      method === 'POST' ? { ...failed, status: 'processing' } : path.endsWith(ID) ? failed : queue,
    );
    open(client);
    await screen.findByText('El PDF está protegido con contraseña. Sube una copia sin protección.');
    fireEvent.click(screen.getByRole('button', { name: 'Reintentar lectura' }));
    await waitFor(() => expect(calls.some((c) => c.path.endsWith('/retry'))).toBe(true));
  });
});
