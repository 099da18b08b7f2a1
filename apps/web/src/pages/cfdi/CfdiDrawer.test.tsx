// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CfdiDetail } from '../../api/types.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { CfdiDetailBody } from './CfdiDrawer.js';
import { paidTotals } from './PaymentSection.js';

afterEach(cleanup);

const PAGO = '5b64ada3-aa4c-40b4-a2f5-572ced52be31';
const PAID = '6d7434a6-e3f2-47ad-9e4c-08849946afa0';
const ELSEWHERE = '1a3cd882-eb73-484a-6971-1c2d29c9f264';
const none = { isr: null, iva: null, ieps: null };

const base: CfdiDetail = {
  uuid: PAGO,
  kind: 'cfdi',
  version: '4.0',
  tipo: 'P',
  serie: 'A',
  folio: '123456',
  issuedAt: '2020-01-01T22:40:38',
  certifiedAt: '2020-01-01T22:41:00',
  emisorRfc: 'H&E951128469',
  emisorNombre: 'HERRERIA & ELECTRICOS S DE CV',
  receptorRfc: 'KIJ0906199R1',
  receptorNombre: 'KIJ, S.A DE C.V.',
  moneda: 'XXX',
  tipoCambio: null,
  subtotal: '0.00',
  descuento: null,
  total: '0.00',
  traslados: none,
  retenciones: none,
  metodoPago: null,
  formaPago: null,
  complementos: ['pagos20', 'timbrefiscaldigital11'],
  status: 'cancelado',
  cancelledAt: '2020-02-03T09:15:00',
  paid: { total: '1000.00', moneda: 'MXN' },
  rfcPac: 'SAT970701NN3',
  emisorRegimen: '606',
  receptorRegimen: '601',
  receptorUsoCfdi: 'CP01',
  receptorDomicilio: '59820',
  related: [{ tipoRelacion: '04', uuids: [PAID], inVault: [PAID] }],
  payments: [
    {
      version: '2.0',
      fechaPago: '2020-01-02T22:40:38',
      formaPago: '03',
      moneda: 'MXN',
      tipoCambio: null,
      monto: '17852.75',
      documents: [
        {
          uuid: PAID,
          serie: 'A',
          folio: '123456',
          moneda: 'MXN',
          equivalencia: null,
          numParcialidad: '1',
          saldoAnterior: '17852.75',
          importePagado: '17852.75',
          saldoInsoluto: '0.00',
          inVault: true,
        },
        {
          uuid: ELSEWHERE,
          serie: null,
          folio: null,
          moneda: 'USD',
          equivalencia: '0.05',
          numParcialidad: '2',
          saldoAnterior: '100.00',
          importePagado: '40.00',
          saldoInsoluto: '60.00',
          inVault: false,
        },
      ],
    },
  ],
  nomina: null,
  taxpayer: { rfc: 'KIJ0906199R1', direction: 'received' },
  hasXml: true,
  ingestedAt: '2026-12-01T00:00:00.000Z',
  document: {},
};

const show = (cfdi: CfdiDetail, onOpen = vi.fn()) => {
  render(
    <I18nProvider initialLocale="es-MX">
      <CfdiDetailBody cfdi={cfdi} onOpen={onOpen} />
    </I18nProvider>,
  );
  return { onOpen };
};
const fact = (label: string) => screen.getByText(label, { selector: 'dt' }).nextElementSibling?.textContent;

describe('CFDI drawer', () => {
  it('names every catalogue code, says whose it is and when it was cancelled', () => {
    show(base);
    expect(fact('Contribuyente')).toBe('KIJ0906199R1 · Recibido');
    expect(fact('Tipo')).toBe('P · Pago');
    expect(fact('Emisor · Régimen fiscal')).toBe('606 · Arrendamiento');
    expect(fact('Receptor · Régimen fiscal')).toBe('601 · General de Ley Personas Morales');
    expect(fact('Uso del CFDI')).toBe('CP01 · Pagos');
    expect(fact('Fecha de cancelación')).toBe('3 feb 2020, 9:15:00 a.m.');
    expect(screen.getByText(/Tipo de relación: 04 · Sustitución de los CFDI previos/)).toBeTruthy();
  });

  it("shows a payment's amounts, never its zero total in XXX", () => {
    show(base);
    expect(fact('Monto pagado (MXN)')).toBe('$17,852.75');
    expect(screen.queryByText('Total', { selector: 'dt' })).toBeNull();
    expect(screen.queryByText('XXX')).toBeNull();
  });

  it('lists each paid document; the ones in the vault open in the drawer', () => {
    const { onOpen } = show(base);
    const pagos = screen.getByRole('region', { name: 'Pagos' });
    expect(within(pagos).getByText('Pago 1 · 2 ene 2020, 10:40:38 p.m.')).toBeTruthy();
    expect(within(pagos).getByText('03 · Transferencia electrónica de fondos')).toBeTruthy();
    const table = within(pagos).getByRole('table', { name: 'Documentos pagados' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(
      rows.map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
    ).toEqual([
      [`${PAID}A 123456`, '1', '$17,852.75 MXN', '$17,852.75 MXN', '$0.00 MXN'],
      [ELSEWHERE, '2', '$100.00 USD', '$40.00 USD', '$60.00 USD'],
    ]);
    const link = within(table).getByRole('link', { name: `Abrir el CFDI ${PAID}` });
    expect(link.getAttribute('href')).toBe(`/cfdi?q=${PAID}`);
    fireEvent.click(link);
    expect(onOpen).toHaveBeenCalledWith(PAID);
    // Not in the vault: no link to nowhere.
    expect(within(table).queryByRole('link', { name: `Abrir el CFDI ${ELSEWHERE}` })).toBeNull();
  });

  it('shows a nómina: its lines with SAT names and the net', () => {
    show({
      ...base,
      tipo: 'N',
      moneda: 'MXN',
      total: '2034.00',
      payments: [],
      related: [],
      status: 'vigente',
      cancelledAt: null,
      taxpayer: { rfc: 'AAA010101AAA', direction: 'issued' },
      nomina: {
        version: '1.2',
        tipoNomina: 'O',
        periodicidadPago: '04',
        fechaPago: '2025-07-10',
        fechaInicialPago: '2025-07-01',
        fechaFinalPago: '2025-07-15',
        numDiasPagados: '15',
        totalPercepciones: '3871.74',
        totalDeducciones: '1838.57',
        totalOtrosPagos: '0.83',
        percepciones: [
          {
            tipo: '001',
            clave: '001',
            concepto: 'Sueldo',
            importe: '2788.10',
            importeGravado: '2788.10',
            importeExento: '0.00',
          },
        ],
        deducciones: [
          {
            tipo: '002',
            clave: '045',
            concepto: 'I.S.R. mes',
            importe: '42.79',
            importeGravado: null,
            importeExento: null,
          },
        ],
        otrosPagos: [],
        neto: '2034.00',
      },
    });
    expect(fact('Contribuyente')).toBe('AAA010101AAA · Emitido');
    expect(screen.queryByText('Fecha de cancelación', { selector: 'dt' })).toBeNull();
    const nomina = screen.getByRole('region', { name: 'Nómina' });
    expect(within(nomina).getByText('O · Nómina ordinaria')).toBeTruthy();
    expect(within(nomina).getByText('04 · Quincenal')).toBeTruthy();
    expect(within(nomina).getByText('2025-07-01 – 2025-07-15')).toBeTruthy();
    expect(within(nomina).getByText('Neto a pagar', { selector: 'dt' }).nextElementSibling?.textContent).toBe(
      '$2,034.00',
    );
    const perc = within(nomina).getByRole('table', { name: 'Percepciones' });
    expect(within(perc).getByText('001 · Sueldos, Salarios Rayas y Jornales')).toBeTruthy();
    const ded = within(nomina).getByRole('table', { name: 'Deducciones' });
    expect(within(ded).getByText('002 · ISR')).toBeTruthy();
    expect(within(nomina).getByText('Sin otros pagos.')).toBeTruthy();
  });

  it('adds the amounts paid per currency exactly', () => {
    const p = base.payments[0]!;
    expect(
      paidTotals([
        { ...p, monto: '0.10' },
        { ...p, monto: '0.20' },
        { ...p, moneda: 'USD', monto: '5.00' },
      ]),
    ).toEqual([
      { moneda: 'MXN', monto: '0.30' },
      { moneda: 'USD', monto: '5.00' },
    ]);
  });
});
