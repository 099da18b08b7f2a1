/**
 * The SAT's catalogues behind the codes a CFDI carries, with the SAT's own names, for the web (forms,
 * the CFDI drawer) and any client. They are the SAT's words, so they are the same in every language
 * of the app.
 *
 * Origin: the SAT's public catalogues of Anexo 20 (CFDI 4.0, `catCFDI_V_4_*.xls`, sheets
 * c_RegimenFiscal, c_UsoCFDI, c_FormaPago, c_MetodoPago, c_TipoRelacion, c_TipoDeComprobante,
 * c_Impuesto; <http://omawww.sat.gob.mx/tramitesyservicios/Paginas/anexo_20.htm>) and of the nómina
 * 1.2 complement (`catNomina.xls`, revisión C, sheets c_TipoNomina, c_PeriodicidadPago,
 * c_TipoPercepcion, c_TipoDeduccion, c_TipoOtroPago;
 * <http://omawww.sat.gob.mx/tramitesyservicios/Paginas/complemento_nomina.htm>), as in force in
 * 2024–2026. Transcribed by hand (names kept as the SAT writes them, accents added where the .xls
 * omits none); see README.md for what was left out. A code missing here shows as the bare code.
 *
 * Each list holds the codes a form may offer today; `…Anteriores` hold codes that only older CFDI
 * (3.3) carry, so a document of 2019 still reads with names.
 */
export type SatCatalog = readonly (readonly [code: string, name: string])[];

/** c_RegimenFiscal: the régimenes a form offers (CFDI 4.0). */
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
  ['625', 'Actividades Empresariales con ingresos a través de Plataformas Tecnológicas'],
  ['626', 'Régimen Simplificado de Confianza'],
] as const satisfies SatCatalog;

/** c_RegimenFiscal codes a form does not offer but documents carry. */
export const regimenesFiscalesAnteriores = [
  ['609', 'Consolidación'],
  ['628', 'Hidrocarburos'],
  ['629', 'De los Regímenes Fiscales Preferentes y de las Empresas Multinacionales'],
  ['630', 'Enajenación de acciones en bolsa de valores'],
] as const satisfies SatCatalog;

/** c_UsoCFDI (CFDI 4.0). */
export const usosCfdi = [
  ['G01', 'Adquisición de mercancías'],
  ['G02', 'Devoluciones, descuentos o bonificaciones'],
  ['G03', 'Gastos en general'],
  ['I01', 'Construcciones'],
  ['I02', 'Mobiliario y equipo de oficina por inversiones'],
  ['I03', 'Equipo de transporte'],
  ['I04', 'Equipo de cómputo y accesorios'],
  ['I05', 'Dados, troqueles, moldes, matrices y herramental'],
  ['I06', 'Comunicaciones telefónicas'],
  ['I07', 'Comunicaciones satelitales'],
  ['I08', 'Otra maquinaria y equipo'],
  ['D01', 'Honorarios médicos, dentales y gastos hospitalarios'],
  ['D02', 'Gastos médicos por incapacidad o discapacidad'],
  ['D03', 'Gastos funerales'],
  ['D04', 'Donativos'],
  ['D05', 'Intereses reales efectivamente pagados por créditos hipotecarios (casa habitación)'],
  ['D06', 'Aportaciones voluntarias al SAR'],
  ['D07', 'Primas por seguros de gastos médicos'],
  ['D08', 'Gastos de transportación escolar obligatoria'],
  ['D09', 'Depósitos en cuentas para el ahorro, primas que tengan como base planes de pensiones'],
  ['D10', 'Pagos por servicios educativos (colegiaturas)'],
  ['S01', 'Sin efectos fiscales'],
  ['CP01', 'Pagos'],
  ['CN01', 'Nómina'],
] as const satisfies SatCatalog;

/** c_UsoCFDI of CFDI 3.3 only. */
export const usosCfdiAnteriores = [['P01', 'Por definir']] as const satisfies SatCatalog;

/** c_FormaPago. */
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

/** c_MetodoPago. */
export const metodosPago = [
  ['PUE', 'Pago en una sola exhibición'],
  ['PPD', 'Pago en parcialidades o diferido'],
] as const satisfies SatCatalog;

/** c_TipoRelacion (4.0: 01–07; 08 and 09 only in 3.3). */
export const tiposRelacion = [
  ['01', 'Nota de crédito de los documentos relacionados'],
  ['02', 'Nota de débito de los documentos relacionados'],
  ['03', 'Devolución de mercancía sobre facturas o traslados previos'],
  ['04', 'Sustitución de los CFDI previos'],
  ['05', 'Traslados de mercancías facturados previamente'],
  ['06', 'Factura generada por los traslados previos'],
  ['07', 'CFDI por aplicación de anticipo'],
  ['08', 'Factura generada por pagos en parcialidades'],
  ['09', 'Factura generada por pagos diferidos'],
] as const satisfies SatCatalog;

/** c_TipoDeComprobante. */
export const tiposComprobante = [
  ['I', 'Ingreso'],
  ['E', 'Egreso'],
  ['T', 'Traslado'],
  ['N', 'Nómina'],
  ['P', 'Pago'],
] as const satisfies SatCatalog;

/** c_Impuesto. */
export const impuestos = [
  ['001', 'ISR'],
  ['002', 'IVA'],
  ['003', 'IEPS'],
] as const satisfies SatCatalog;

/** c_TipoNomina (catNomina). */
export const tiposNomina = [
  ['O', 'Nómina ordinaria'],
  ['E', 'Nómina extraordinaria'],
] as const satisfies SatCatalog;

/** c_PeriodicidadPago (catNomina). */
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

/** c_TipoPercepcion (catNomina). */
export const tiposPercepcion = [
  ['001', 'Sueldos, Salarios Rayas y Jornales'],
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
  ['047', 'Alimentación diferentes a los establecidos en el Art 94 último párrafo LISR'],
  ['048', 'Habitación'],
  ['049', 'Premios por asistencia'],
  ['050', 'Viáticos'],
] as const satisfies SatCatalog;

/** c_TipoDeduccion (catNomina): 001–023 and the two most common adjustments; see README.md. */
export const tiposDeduccion = [
  ['001', 'Seguridad social'],
  ['002', 'ISR'],
  ['003', 'Aportaciones a retiro, cesantía en edad avanzada y vejez'],
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
  ['101', 'ISR Retenido de ejercicio anterior'],
  ['107', 'Ajuste al Subsidio Causado'],
] as const satisfies SatCatalog;

/** c_TipoOtroPago (catNomina). */
export const tiposOtroPago = [
  ['001', 'Reintegro de ISR pagado en exceso (siempre que no haya sido enterado al SAT)'],
  ['002', 'Subsidio para el empleo (efectivamente entregado al trabajador)'],
  ['003', 'Viáticos (entregados al trabajador)'],
  ['004', 'Aplicación de saldo a favor por compensación anual'],
  [
    '005',
    'Reintegro de ISR retenido en exceso de ejercicio anterior (siempre que no haya sido enterado al SAT)',
  ],
  ['006', 'Alimentos en bienes (Servicios de comedor y comida) Art 94 último párrafo LISR'],
  ['007', 'ISR ajustado por subsidio'],
  ['008', 'Subsidio efectivamente entregado que no correspondía'],
  ['009', 'Reembolso de descuentos efectuados para el crédito de vivienda'],
  [
    '999',
    'Pagos distintos a los listados y que no deben considerarse como ingreso por sueldos, salarios o ingresos asimilados',
  ],
] as const satisfies SatCatalog;

/** Every catalogue by its SAT name, with the codes of older CFDI, for reading documents. */
export const satCatalogs = {
  c_RegimenFiscal: [...regimenesFiscales, ...regimenesFiscalesAnteriores],
  c_UsoCFDI: [...usosCfdi, ...usosCfdiAnteriores],
  c_FormaPago: formasPago,
  c_MetodoPago: metodosPago,
  c_TipoRelacion: tiposRelacion,
  c_TipoDeComprobante: tiposComprobante,
  c_Impuesto: impuestos,
  c_TipoNomina: tiposNomina,
  c_PeriodicidadPago: periodicidadesPago,
  c_TipoPercepcion: tiposPercepcion,
  c_TipoDeduccion: tiposDeduccion,
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
