/**
 * The SAT's catalogues behind the codes a CFDI carries, with the SAT's own names, for the web (forms,
 * the CFDI drawer) and any client. They are the SAT's words, so they are the same in every language
 * of the app.
 *
 * Origin: the SAT's catalogues of Anexo 20 (CFDI 4.0 `catCFDI_V_4_*.xls` and CFDI 3.3 `catCFDI.xls`)
 * and of the nómina 1.2 complement (`catNomina.xls`), as converted to SQL by phpcfdi
 * (public domain): repository <https://github.com/phpcfdi/resources-sat-catalogs>, commit
 * 675be01025d16c2a88b89fa9e86f7a67f02d61cd ("Automatic update 2026-08-06"), files
 * `database/data/<table>.sql`:
 * - CFDI 4.0: cfdi_40_regimenes_fiscales, cfdi_40_usos_cfdi, cfdi_40_formas_pago,
 *   cfdi_40_metodos_pago, cfdi_40_tipos_relaciones, cfdi_40_tipos_comprobantes, cfdi_40_impuestos;
 * - CFDI 3.3 (for the `…Anteriores` lists): cfdi_regimenes_fiscales, cfdi_usos_cfdi,
 *   cfdi_tipos_relaciones;
 * - nómina 1.2: nomina_tipos_nominas, nomina_periodicidades_pagos, nomina_tipos_percepciones,
 *   nomina_tipos_deducciones, nomina_tipos_otros_pagos.
 * Codes and names are copied from those rows (column `texto`) unchanged: the SAT's spelling,
 * accents, punctuation and trailing periods included (e.g. 'Equipo de computo y accesorios.',
 * 'Sueldos, Salarios  Rayas y Jornales' with the SAT's two spaces). Order is the source's.
 * `sat-catalogs.test.ts` spot-checks rows against that commit; when the SAT publishes a new
 * catalogue, compare with a newer commit of the same files and update both. A code missing here shows
 * as the bare code.
 *
 * Each list holds the codes in force (CFDI 4.0 / nómina 1.2, no `vigencia_hasta` or one not yet
 * reached on 2026-12-06); `…Anteriores` hold codes that only older documents carry (in the CFDI 3.3
 * catalogue but not in 4.0's, or nómina codes whose vigencia ended), so a document of 2019 still reads
 * with names. `satCatalogs` joins both.
 */
export type SatCatalog = readonly (readonly [code: string, name: string])[];

/** c_RegimenFiscal: the régimenes a form offers (CFDI 4.0, cfdi_40_regimenes_fiscales). */
export const regimenesFiscales = [
  ['601', 'General de Ley Personas Morales'],
  ['603', 'Personas Morales con Fines no Lucrativos'],
  ['605', 'Sueldos y Salarios e Ingresos Asimilados a Salarios'],
  ['606', 'Arrendamiento'],
  ['607', 'Régimen de Enajenación o Adquisición de Bienes'],
  ['608', 'Demás ingresos'],
  ['610', 'Residentes en el Extranjero sin Establecimiento Permanente en México'],
  ['611', 'Ingresos por Dividendos (socios y accionistas)'],
  ['612', 'Personas Físicas con Actividades Empresariales y Profesionales'],
  ['614', 'Ingresos por intereses'],
  ['615', 'Régimen de los ingresos por obtención de premios'],
  ['616', 'Sin obligaciones fiscales'],
  ['620', 'Sociedades Cooperativas de Producción que optan por diferir sus ingresos'],
  ['621', 'Incorporación Fiscal'],
  ['622', 'Actividades Agrícolas, Ganaderas, Silvícolas y Pesqueras'],
  ['623', 'Opcional para Grupos de Sociedades'],
  ['624', 'Coordinados'],
  ['625', 'Régimen de las Actividades Empresariales con ingresos a través de Plataformas Tecnológicas'],
  ['626', 'Régimen Simplificado de Confianza'],
] as const satisfies SatCatalog;

/**
 * c_RegimenFiscal codes of the CFDI 3.3 catalogue only (cfdi_regimenes_fiscales): 609 (vigencia until
 * 2019-12-31) and 628–630 (absent from the 4.0 catalogue); a form does not offer them but documents
 * carry them.
 */
export const regimenesFiscalesAnteriores = [
  ['609', 'Consolidación'],
  ['628', 'Hidrocarburos'],
  ['629', 'De los Regímenes Fiscales Preferentes y de las Empresas Multinacionales'],
  ['630', 'Enajenación de acciones en bolsa de valores'],
] as const satisfies SatCatalog;

/** c_UsoCFDI (CFDI 4.0, cfdi_40_usos_cfdi). */
export const usosCfdi = [
  ['G01', 'Adquisición de mercancías.'],
  ['G02', 'Devoluciones, descuentos o bonificaciones.'],
  ['G03', 'Gastos en general.'],
  ['I01', 'Construcciones.'],
  ['I02', 'Mobiliario y equipo de oficina por inversiones.'],
  ['I03', 'Equipo de transporte.'],
  ['I04', 'Equipo de computo y accesorios.'],
  ['I05', 'Dados, troqueles, moldes, matrices y herramental.'],
  ['I06', 'Comunicaciones telefónicas.'],
  ['I07', 'Comunicaciones satelitales.'],
  ['I08', 'Otra maquinaria y equipo.'],
  ['D01', 'Honorarios médicos, dentales y gastos hospitalarios.'],
  ['D02', 'Gastos médicos por incapacidad o discapacidad.'],
  ['D03', 'Gastos funerales.'],
  ['D04', 'Donativos.'],
  ['D05', 'Intereses reales efectivamente pagados por créditos hipotecarios (casa habitación).'],
  ['D06', 'Aportaciones voluntarias al SAR.'],
  ['D07', 'Primas por seguros de gastos médicos.'],
  ['D08', 'Gastos de transportación escolar obligatoria.'],
  ['D09', 'Depósitos en cuentas para el ahorro, primas que tengan como base planes de pensiones.'],
  ['D10', 'Pagos por servicios educativos (colegiaturas).'],
  ['S01', 'Sin efectos fiscales.'],
  ['CP01', 'Pagos'],
  ['CN01', 'Nómina'],
] as const satisfies SatCatalog;

/** c_UsoCFDI of CFDI 3.3 only (cfdi_usos_cfdi): P01, vigencia until 2023-06-30. */
export const usosCfdiAnteriores = [['P01', 'Por definir']] as const satisfies SatCatalog;

/** c_FormaPago (CFDI 4.0, cfdi_40_formas_pago; 3.3 has the same codes). */
export const formasPago = [
  ['01', 'Efectivo'],
  ['02', 'Cheque nominativo'],
  ['03', 'Transferencia electrónica de fondos'],
  ['04', 'Tarjeta de crédito'],
  ['05', 'Monedero electrónico'],
  ['06', 'Dinero electrónico'],
  ['08', 'Vales de despensa'],
  ['12', 'Dación en pago'],
  ['13', 'Pago por subrogación'],
  ['14', 'Pago por consignación'],
  ['15', 'Condonación'],
  ['17', 'Compensación'],
  ['23', 'Novación'],
  ['24', 'Confusión'],
  ['25', 'Remisión de deuda'],
  ['26', 'Prescripción o caducidad'],
  ['27', 'A satisfacción del acreedor'],
  ['28', 'Tarjeta de débito'],
  ['29', 'Tarjeta de servicios'],
  ['30', 'Aplicación de anticipos'],
  ['31', 'Intermediario pagos'],
  ['99', 'Por definir'],
] as const satisfies SatCatalog;

/** c_MetodoPago (CFDI 4.0, cfdi_40_metodos_pago). */
export const metodosPago = [
  ['PUE', 'Pago en una sola exhibición'],
  ['PPD', 'Pago en parcialidades o diferido'],
] as const satisfies SatCatalog;

/** c_TipoRelacion (CFDI 4.0, cfdi_40_tipos_relaciones). */
export const tiposRelacion = [
  ['01', 'Nota de crédito de los documentos relacionados'],
  ['02', 'Nota de débito de los documentos relacionados'],
  ['03', 'Devolución de mercancía sobre facturas o traslados previos'],
  ['04', 'Sustitución de los CFDI previos'],
  ['05', 'Traslados de mercancías facturados previamente'],
  ['06', 'Factura generada por los traslados previos'],
  ['07', 'CFDI por aplicación de anticipo'],
] as const satisfies SatCatalog;

/** c_TipoRelacion of CFDI 3.3 only (cfdi_tipos_relaciones): 08 and 09, vigencia until 2022-06-30. */
export const tiposRelacionAnteriores = [
  ['08', 'Factura generada por pagos en parcialidades'],
  ['09', 'Factura generada por pagos diferidos'],
] as const satisfies SatCatalog;

/** c_TipoDeComprobante (CFDI 4.0, cfdi_40_tipos_comprobantes). */
export const tiposComprobante = [
  ['I', 'Ingreso'],
  ['E', 'Egreso'],
  ['T', 'Traslado'],
  ['N', 'Nómina'],
  ['P', 'Pago'],
] as const satisfies SatCatalog;

/** c_Impuesto (CFDI 4.0, cfdi_40_impuestos). */
export const impuestos = [
  ['001', 'ISR'],
  ['002', 'IVA'],
  ['003', 'IEPS'],
] as const satisfies SatCatalog;

/** c_TipoNomina (nómina 1.2, nomina_tipos_nominas). */
export const tiposNomina = [
  ['O', 'Nómina ordinaria'],
  ['E', 'Nómina extraordinaria'],
] as const satisfies SatCatalog;

/** c_PeriodicidadPago (nómina 1.2, nomina_periodicidades_pagos). */
export const periodicidadesPago = [
  ['01', 'Diario'],
  ['02', 'Semanal'],
  ['03', 'Catorcenal'],
  ['04', 'Quincenal'],
  ['05', 'Mensual'],
  ['06', 'Bimestral'],
  ['07', 'Unidad obra'],
  ['08', 'Comisión'],
  ['09', 'Precio alzado'],
  ['10', 'Decenal'],
  ['99', 'Otra Periodicidad'],
] as const satisfies SatCatalog;

/** c_TipoPercepcion (nómina 1.2, nomina_tipos_percepciones). */
export const tiposPercepcion = [
  ['001', 'Sueldos, Salarios  Rayas y Jornales'],
  ['002', 'Gratificación Anual (Aguinaldo)'],
  ['003', 'Participación de los Trabajadores en las Utilidades PTU'],
  ['004', 'Reembolso de Gastos Médicos Dentales y Hospitalarios'],
  ['005', 'Fondo de Ahorro'],
  ['006', 'Caja de ahorro'],
  ['009', 'Contribuciones a Cargo del Trabajador Pagadas por el Patrón'],
  ['010', 'Premios por puntualidad'],
  ['011', 'Prima de Seguro de vida'],
  ['012', 'Seguro de Gastos Médicos Mayores'],
  ['013', 'Cuotas Sindicales Pagadas por el Patrón'],
  ['014', 'Subsidios por incapacidad'],
  ['015', 'Becas para trabajadores y/o hijos'],
  ['019', 'Horas extra'],
  ['020', 'Prima dominical'],
  ['021', 'Prima vacacional'],
  ['022', 'Prima por antigüedad'],
  ['023', 'Pagos por separación'],
  ['024', 'Seguro de retiro'],
  ['025', 'Indemnizaciones'],
  ['026', 'Reembolso por funeral'],
  ['027', 'Cuotas de seguridad social pagadas por el patrón'],
  ['028', 'Comisiones'],
  ['029', 'Vales de despensa'],
  ['030', 'Vales de restaurante'],
  ['031', 'Vales de gasolina'],
  ['032', 'Vales de ropa'],
  ['033', 'Ayuda para renta'],
  ['034', 'Ayuda para artículos escolares'],
  ['035', 'Ayuda para anteojos'],
  ['036', 'Ayuda para transporte'],
  ['037', 'Ayuda para gastos de funeral'],
  ['038', 'Otros ingresos por salarios'],
  ['039', 'Jubilaciones, pensiones o haberes de retiro'],
  ['044', 'Jubilaciones, pensiones o haberes de retiro en parcialidades'],
  ['045', 'Ingresos en acciones o títulos valor que representan bienes'],
  ['046', 'Ingresos asimilados a salarios'],
  ['047', 'Alimentación diferentes a los establecidos en el Art 94 penúltimo párrafo LISR'],
  ['048', 'Habitación'],
  ['049', 'Premios por asistencia'],
  ['050', 'Viáticos'],
  [
    '051',
    'Pagos por gratificaciones, primas, compensaciones, recompensas u otros a extrabajadores derivados de jubilación en parcialidades',
  ],
  [
    '052',
    'Pagos que se realicen a extrabajadores que obtengan una jubilación en parcialidades derivados de la ejecución de resoluciones judicial o de un laudo',
  ],
  [
    '053',
    'Pagos que se realicen a extrabajadores que obtengan una jubilación en una sola exhibición derivados de la ejecución de resoluciones judicial o de un laudo',
  ],
  ['054', 'Días de descanso laborados'],
  ['055', 'Días de descanso obligatorios laborados'],
  ['056', 'Previsión social, Art 93 fracciones VIII y IX LISR'],
  [
    '057',
    'Premios por concursos científicos, artísticos, literarios u otorgados por la federación Art 93 fracción XXIV LISR',
  ],
] as const satisfies SatCatalog;

/** c_TipoDeduccion in force (nómina 1.2, nomina_tipos_deducciones), the "Ajuste en …" codes included. */
export const tiposDeduccion = [
  ['001', 'Seguridad social'],
  ['002', 'ISR'],
  ['003', 'Aportaciones a retiro, cesantía en edad avanzada y vejez.'],
  ['004', 'Otros'],
  ['005', 'Aportaciones a Fondo de vivienda'],
  ['006', 'Descuento por incapacidad'],
  ['007', 'Pensión alimenticia'],
  ['008', 'Renta'],
  ['009', 'Préstamos provenientes del Fondo Nacional de la Vivienda para los Trabajadores'],
  ['010', 'Pago por crédito de vivienda'],
  ['011', 'Pago de abonos INFONACOT'],
  ['012', 'Anticipo de salarios'],
  ['013', 'Pagos hechos con exceso al trabajador'],
  ['014', 'Errores'],
  ['015', 'Pérdidas'],
  ['016', 'Averías'],
  ['017', 'Adquisición de artículos producidos por la empresa o establecimiento'],
  ['018', 'Cuotas para la constitución y fomento de sociedades cooperativas y de cajas de ahorro'],
  ['019', 'Cuotas sindicales'],
  ['020', 'Ausencia (Ausentismo)'],
  ['021', 'Cuotas obrero patronales'],
  ['022', 'Impuestos Locales'],
  ['023', 'Aportaciones voluntarias'],
  ['024', 'Ajuste en Gratificación Anual (Aguinaldo) Exento'],
  ['025', 'Ajuste en Gratificación Anual (Aguinaldo) Gravado'],
  ['026', 'Ajuste en Participación de los Trabajadores en las Utilidades PTU Exento'],
  ['027', 'Ajuste en Participación de los Trabajadores en las Utilidades PTU Gravado'],
  ['028', 'Ajuste en Reembolso de Gastos Médicos Dentales y Hospitalarios Exento'],
  ['029', 'Ajuste en Fondo de ahorro Exento'],
  ['030', 'Ajuste en Caja de ahorro Exento'],
  ['031', 'Ajuste en Contribuciones a Cargo del Trabajador Pagadas por el Patrón Exento'],
  ['032', 'Ajuste en Premios por puntualidad Gravado'],
  ['033', 'Ajuste en Prima de Seguro de vida Exento'],
  ['034', 'Ajuste en Seguro de Gastos Médicos Mayores Exento'],
  ['035', 'Ajuste en Cuotas Sindicales Pagadas por el Patrón Gravado'],
  ['036', 'Ajuste en Subsidios por incapacidad Exento'],
  ['037', 'Ajuste en Becas para trabajadores y/o hijos Exento'],
  ['038', 'Ajuste en Horas extra Exento'],
  ['039', 'Ajuste en Horas extra Gravado'],
  ['040', 'Ajuste en Prima dominical Exento'],
  ['041', 'Ajuste en Prima dominical Gravado'],
  ['042', 'Ajuste en Prima vacacional Exento'],
  ['043', 'Ajuste en Prima vacacional Gravado'],
  ['044', 'Ajuste en Prima por antigüedad Exento'],
  ['045', 'Ajuste en Prima por antigüedad Gravado'],
  ['046', 'Ajuste en Pagos por separación Exento'],
  ['047', 'Ajuste en Pagos por separación Gravado'],
  ['048', 'Ajuste en Seguro de retiro Exento'],
  ['049', 'Ajuste en Indemnizaciones Exento'],
  ['050', 'Ajuste en Indemnizaciones Gravado'],
  ['051', 'Ajuste en Reembolso por funeral Exento'],
  ['052', 'Ajuste en Cuotas de seguridad social pagadas por el patrón Exento'],
  ['053', 'Ajuste en Comisiones Gravado'],
  ['054', 'Ajuste en Vales de despensa Exento'],
  ['055', 'Ajuste en Vales de restaurante Exento'],
  ['056', 'Ajuste en Vales de gasolina Exento'],
  ['057', 'Ajuste en Vales de ropa Exento'],
  ['058', 'Ajuste en Ayuda para renta Exento'],
  ['059', 'Ajuste en Ayuda para artículos escolares Exento'],
  ['060', 'Ajuste en Ayuda para anteojos Exento'],
  ['061', 'Ajuste en Ayuda para transporte Exento'],
  ['062', 'Ajuste en Ayuda para gastos de funeral Exento'],
  ['064', 'Ajuste en Otros ingresos por salarios Gravado'],
  ['065', 'Ajuste en Jubilaciones, pensiones o haberes de retiro en una sola exhibición Exento'],
  ['066', 'Ajuste en Jubilaciones, pensiones o haberes de retiro en una sola exhibición Gravado'],
  ['067', 'Ajuste en Pagos por separación Acumulable'],
  ['068', 'Ajuste en Pagos por separación No acumulable'],
  ['069', 'Ajuste en Jubilaciones, pensiones o haberes de retiro en parcialidades Exento'],
  ['070', 'Ajuste en Jubilaciones, pensiones o haberes de retiro en parcialidades Gravado'],
  ['071', 'Ajuste en Subsidio para el empleo (efectivamente entregado al trabajador)'],
  ['073', 'Ajuste en Ingresos en acciones o títulos valor que representan bienes Gravado'],
  ['074', 'Ajuste en Alimentación Exento'],
  ['075', 'Ajuste en Alimentación Gravado'],
  ['076', 'Ajuste en Habitación Exento'],
  ['077', 'Ajuste en Habitación Gravado'],
  ['078', 'Ajuste en Premios por asistencia'],
  [
    '079',
    'Ajuste en Pagos distintos a los listados y que no deben considerarse como ingreso por sueldos, salarios o ingresos asimilados.',
  ],
  ['080', 'Ajuste en Viáticos gravados'],
  ['081', 'Ajuste en Viáticos (entregados al trabajador)'],
  ['082', 'Ajuste en Fondo de ahorro Gravado'],
  ['083', 'Ajuste en Caja de ahorro Gravado'],
  ['084', 'Ajuste en Prima de Seguro de vida Gravado'],
  ['085', 'Ajuste en Seguro de Gastos Médicos Mayores Gravado'],
  ['086', 'Ajuste en Subsidios por incapacidad Gravado'],
  ['087', 'Ajuste en Becas para trabajadores y/o hijos Gravado'],
  ['088', 'Ajuste en Seguro de retiro Gravado'],
  ['089', 'Ajuste en Vales de despensa Gravado'],
  ['090', 'Ajuste en Vales de restaurante Gravado'],
  ['091', 'Ajuste en Vales de gasolina Gravado'],
  ['092', 'Ajuste en Vales de ropa Gravado'],
  ['093', 'Ajuste en Ayuda para renta Gravado'],
  ['094', 'Ajuste en Ayuda para artículos escolares Gravado'],
  ['095', 'Ajuste en Ayuda para anteojos Gravado'],
  ['096', 'Ajuste en Ayuda para transporte Gravado'],
  ['097', 'Ajuste en Ayuda para gastos de funeral Gravado'],
  ['098', 'Ajuste a ingresos asimilados a salarios gravados'],
  ['099', 'Ajuste a ingresos por sueldos y salarios gravados'],
  ['100', 'Ajuste en Viáticos exentos'],
  ['101', 'ISR Retenido de ejercicio anterior'],
  [
    '102',
    'Ajuste a pagos por gratificaciones, primas, compensaciones, recompensas u otros a extrabajadores derivados de jubilación en parcialidades, gravados',
  ],
  [
    '103',
    'Ajuste a pagos que se realicen a extrabajadores que obtengan una jubilación en parcialidades derivados de la ejecución de una resolución judicial o de un laudo gravados',
  ],
  [
    '104',
    'Ajuste a pagos que se realicen a extrabajadores que obtengan una jubilación en parcialidades derivados de la ejecución de una resolución judicial o de un laudo exentos',
  ],
  [
    '105',
    'Ajuste a pagos que se realicen a extrabajadores que obtengan una jubilación en una sola exhibición derivados de la ejecución de una resolución judicial o de un laudo gravados',
  ],
  [
    '106',
    'Ajuste a pagos que se realicen a extrabajadores que obtengan una jubilación en una sola exhibición derivados de la ejecución de una resolución judicial o de un laudo exentos',
  ],
  ['107', 'Ajuste al Subsidio Causado'],
  ['108', 'Ajuste a días de descanso laborados gravados'],
  ['109', 'Ajuste a días de descanso laborados exentos'],
  ['110', 'Ajuste a días de descanso obligatorios laborados gravados'],
  ['111', 'Ajuste a días de descanso obligatorios laborados exentos'],
  ['112', 'Ajuste previsión social Art 93 fracciones VIII y IX LISR gravados'],
  ['113', 'Ajuste previsión social Art 93 fracciones VIII y IX LISR exentos'],
  [
    '114',
    'Ajuste a premios por concursos científicos, artísticos, literarios u otorgados por la federación Art 93 fracción XXIV LISR gravados',
  ],
  [
    '115',
    'Ajuste a premios por concursos científicos, artísticos, literarios u otorgados por la federación Art 93 fracción XXIV LISR exentos',
  ],
] as const satisfies SatCatalog;

/** c_TipoDeduccion codes whose vigencia ended: 063 (until 2026-03-01), 072 (until 2018-10-14). */
export const tiposDeduccionAnteriores = [
  ['063', 'Ajuste en Otros ingresos por salarios Exento'],
  ['072', 'Ajuste en Ingresos en acciones o títulos valor que representan bienes Exento'],
] as const satisfies SatCatalog;

/** c_TipoOtroPago (nómina 1.2, nomina_tipos_otros_pagos). */
export const tiposOtroPago = [
  ['001', 'Reintegro de ISR retenido en exceso (siempre que no haya sido enterado al SAT).'],
  ['002', 'Subsidio para el empleo (efectivamente entregado al trabajador).'],
  ['003', 'Viáticos (entregados al trabajador).'],
  ['004', 'Aplicación de saldo a favor por compensación anual.'],
  [
    '005',
    'Reintegro de ISR retenido en exceso de ejercicio anterior (siempre que no haya sido enterado al SAT).',
  ],
  ['006', 'Alimentos en bienes (Servicios de comedor y comida) Art 94 penúltimo párrafo LISR.'],
  ['007', 'ISR ajustado por subsidio.'],
  [
    '008',
    'Subsidio efectivamente entregado que no correspondía (Aplica sólo cuando haya ajuste al cierre de mes en relación con el Apéndice 7 de la guía de llenado de nómina).',
  ],
  ['009', 'Reembolso de descuentos efectuados para el crédito de vivienda.'],
  [
    '999',
    'Pagos distintos a los listados y que no deben considerarse como ingreso por sueldos, salarios o ingresos asimilados.',
  ],
] as const satisfies SatCatalog;

/** Every catalogue by its SAT name, with the codes of older CFDI, for reading documents. */
export const satCatalogs = {
  c_RegimenFiscal: [...regimenesFiscales, ...regimenesFiscalesAnteriores],
  c_UsoCFDI: [...usosCfdi, ...usosCfdiAnteriores],
  c_FormaPago: formasPago,
  c_MetodoPago: metodosPago,
  c_TipoRelacion: [...tiposRelacion, ...tiposRelacionAnteriores],
  c_TipoDeComprobante: tiposComprobante,
  c_Impuesto: impuestos,
  c_TipoNomina: tiposNomina,
  c_PeriodicidadPago: periodicidadesPago,
  c_TipoPercepcion: tiposPercepcion,
  c_TipoDeduccion: [...tiposDeduccion, ...tiposDeduccionAnteriores],
  c_TipoOtroPago: tiposOtroPago,
} as const satisfies Record<string, SatCatalog>;
export type SatCatalogName = keyof typeof satCatalogs;

/** The SAT's name of a code, or null when the catalogue lacks it. */
export function satName(catalog: SatCatalog, code: string | null | undefined): string | null {
  if (!code) return null;
  const key = code.trim();
  return catalog.find(([k]) => k === key)?.[1] ?? null;
}

/** "601 · General de Ley Personas Morales", the bare code when the catalogue lacks it, '—' for none. */
export function catalogName(catalog: SatCatalog, code: string | null | undefined): string {
  if (!code) return '—';
  const name = satName(catalog, code);
  return name ? `${code.trim()} · ${name}` : code;
}
