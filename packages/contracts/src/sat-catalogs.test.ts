import { describe, expect, it } from 'vitest';
import {
  catalogName,
  formasPago,
  impuestos,
  metodosPago,
  periodicidadesPago,
  regimenesFiscales,
  regimenesFiscalesAnteriores,
  type SatCatalog,
  satCatalogs,
  satName,
  tiposComprobante,
  tiposDeduccion,
  tiposDeduccionAnteriores,
  tiposNomina,
  tiposOtroPago,
  tiposPercepcion,
  tiposRelacion,
  tiposRelacionAnteriores,
  usosCfdi,
  usosCfdiAnteriores,
} from './sat-catalogs.js';

/** Each catalogue's code format, from the SAT's Anexo 20 / nómina 1.2 catalogues. */
const formats: Record<keyof typeof satCatalogs, RegExp> = {
  c_RegimenFiscal: /^6\d{2}$/,
  c_UsoCFDI: /^(?:[GID]\d{2}|S01|CP01|CN01|P01)$/,
  c_FormaPago: /^\d{2}$/,
  c_MetodoPago: /^(?:PUE|PPD)$/,
  c_TipoRelacion: /^\d{2}$/,
  c_TipoDeComprobante: /^[IETNP]$/,
  c_Impuesto: /^\d{3}$/,
  c_TipoNomina: /^[OE]$/,
  c_PeriodicidadPago: /^\d{2}$/,
  c_TipoPercepcion: /^\d{3}$/,
  c_TipoDeduccion: /^\d{3}$/,
  c_TipoOtroPago: /^\d{3}$/,
};

const codes = (catalog: SatCatalog) => catalog.map(([code]) => code);

describe('SAT catalogues', () => {
  it.each(Object.entries(satCatalogs))('%s: codes are unique, well formed and named', (name, catalog) => {
    const list = codes(catalog);
    expect(list.length).toBeGreaterThan(0);
    expect(new Set(list).size).toBe(list.length);
    for (const code of list) expect(code).toMatch(formats[name as keyof typeof satCatalogs]);
    for (const [, text] of catalog) {
      expect(text.trim()).not.toBe('');
      expect(text).toBe(text.trim());
    }
  });

  it('keeps the codes of older documents apart from the ones in force, and names both', () => {
    const pairs: [SatCatalog, SatCatalog, SatCatalog][] = [
      [regimenesFiscales, regimenesFiscalesAnteriores, satCatalogs.c_RegimenFiscal],
      [usosCfdi, usosCfdiAnteriores, satCatalogs.c_UsoCFDI],
      [tiposRelacion, tiposRelacionAnteriores, satCatalogs.c_TipoRelacion],
      [tiposDeduccion, tiposDeduccionAnteriores, satCatalogs.c_TipoDeduccion],
    ];
    for (const [current, older, all] of pairs) {
      const now = new Set(codes(current));
      for (const code of codes(older)) expect(now.has(code)).toBe(false);
      expect(codes(all)).toEqual([...codes(current), ...codes(older)]);
    }
    expect(codes(regimenesFiscalesAnteriores)).toEqual(['609', '628', '629', '630']);
    expect(codes(usosCfdiAnteriores)).toEqual(['P01']);
    expect(codes(tiposRelacion)).toEqual(['01', '02', '03', '04', '05', '06', '07']);
    expect(codes(tiposRelacionAnteriores)).toEqual(['08', '09']);
    expect(codes(tiposDeduccionAnteriores)).toEqual(['063', '072']);
  });

  it('has as many codes as the source', () => {
    // phpcfdi/resources-sat-catalogs@675be01025d16c2a88b89fa9e86f7a67f02d61cd, database/data/*.sql
    expect(regimenesFiscales).toHaveLength(19);
    expect(usosCfdi).toHaveLength(24);
    expect(formasPago).toHaveLength(22);
    expect(metodosPago).toHaveLength(2);
    expect(tiposComprobante).toHaveLength(5);
    expect(impuestos).toHaveLength(3);
    expect(tiposNomina).toHaveLength(2);
    expect(periodicidadesPago).toHaveLength(11);
    expect(tiposPercepcion).toHaveLength(48);
    expect(tiposDeduccion.length + tiposDeduccionAnteriores.length).toBe(115);
    expect(tiposOtroPago).toHaveLength(10);
  });

  // Rows read from phpcfdi/resources-sat-catalogs@675be01025d16c2a88b89fa9e86f7a67f02d61cd, verbatim.
  it.each([
    ['c_RegimenFiscal', '601', 'General de Ley Personas Morales'],
    [
      'c_RegimenFiscal',
      '625',
      'Régimen de las Actividades Empresariales con ingresos a través de Plataformas Tecnológicas',
    ],
    ['c_RegimenFiscal', '626', 'Régimen Simplificado de Confianza'],
    ['c_RegimenFiscal', '609', 'Consolidación'],
    ['c_UsoCFDI', 'G03', 'Gastos en general.'],
    ['c_UsoCFDI', 'I04', 'Equipo de computo y accesorios.'],
    ['c_UsoCFDI', 'S01', 'Sin efectos fiscales.'],
    ['c_UsoCFDI', 'CP01', 'Pagos'],
    ['c_UsoCFDI', 'CN01', 'Nómina'],
    ['c_UsoCFDI', 'P01', 'Por definir'],
    ['c_FormaPago', '03', 'Transferencia electrónica de fondos'],
    ['c_FormaPago', '99', 'Por definir'],
    ['c_MetodoPago', 'PPD', 'Pago en parcialidades o diferido'],
    ['c_TipoRelacion', '04', 'Sustitución de los CFDI previos'],
    ['c_TipoRelacion', '09', 'Factura generada por pagos diferidos'],
    ['c_TipoDeComprobante', 'T', 'Traslado'],
    ['c_Impuesto', '002', 'IVA'],
    ['c_TipoNomina', 'O', 'Nómina ordinaria'],
    ['c_PeriodicidadPago', '99', 'Otra Periodicidad'],
    ['c_TipoPercepcion', '001', 'Sueldos, Salarios  Rayas y Jornales'],
    [
      'c_TipoPercepcion',
      '047',
      'Alimentación diferentes a los establecidos en el Art 94 penúltimo párrafo LISR',
    ],
    ['c_TipoPercepcion', '054', 'Días de descanso laborados'],
    ['c_TipoDeduccion', '001', 'Seguridad social'],
    ['c_TipoDeduccion', '002', 'ISR'],
    ['c_TipoDeduccion', '003', 'Aportaciones a retiro, cesantía en edad avanzada y vejez.'],
    ['c_TipoDeduccion', '063', 'Ajuste en Otros ingresos por salarios Exento'],
    ['c_TipoDeduccion', '107', 'Ajuste al Subsidio Causado'],
    [
      'c_TipoOtroPago',
      '001',
      'Reintegro de ISR retenido en exceso (siempre que no haya sido enterado al SAT).',
    ],
    ['c_TipoOtroPago', '002', 'Subsidio para el empleo (efectivamente entregado al trabajador).'],
  ] as const)('%s %s → %s', (catalog, code, name) => {
    expect(satName(satCatalogs[catalog], code)).toBe(name);
  });

  it('spells a code with its name, the bare code when unknown, a dash for none', () => {
    expect(catalogName(satCatalogs.c_RegimenFiscal, ' 626 ')).toBe('626 · Régimen Simplificado de Confianza');
    expect(catalogName(satCatalogs.c_RegimenFiscal, '999')).toBe('999');
    expect(catalogName(satCatalogs.c_RegimenFiscal, null)).toBe('—');
    expect(satName(satCatalogs.c_Impuesto, '004')).toBeNull();
  });
});
