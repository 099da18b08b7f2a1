/** The JSON shape both XML readers produce (`xml.ts` and its scanner share it; kept apart so neither imports the other for it). */

/** Attribute keys carry this prefix, text content is under TEXT_KEY (the xmltodict convention). */
export const ATTR = '@';
export const TEXT_KEY = '#text';

/** Real CFDI nest about 8 levels (Carta Porte ~10); addenda rarely beyond 20. Bounds the parser stack. */
export const MAX_XML_DEPTH = 100;

/**
 * Elements that the Anexo 20 and complement XSDs declare repeatable (maxOccurs > 1), by local name.
 * They are always arrays in the JSON, even with one occurrence, so consumers never branch on shape.
 */
export const REPEATABLE_ELEMENTS: ReadonlySet<string> = new Set([
  // CFDI 3.2 / 3.3 / 4.0
  'CfdiRelacionados',
  'CfdiRelacionado',
  'Concepto',
  'Traslado',
  'Retencion',
  'InformacionAduanera',
  'CuentaPredial',
  'Parte',
  'RegimenFiscal', // 3.2: element under Emisor (in 3.3/4.0 it is an attribute, which this never touches)
  'Complemento',
  'Addenda',
  // Pagos 1.0 / 2.0
  'Pago',
  'DoctoRelacionado',
  'TrasladoDR',
  'RetencionDR',
  'TrasladoP',
  'RetencionP',
  // Nómina 1.1 / 1.2
  'Percepcion',
  'Deduccion',
  'OtroPago',
  'Incapacidad',
  'HorasExtra',
  'SubContratacion',
  // Retenciones
  'ImpRetenidos',
  'CfdiRetenRelacionados',
  // frequent complements
  'Ubicacion',
  'Mercancia',
  'TiposFigura',
  'Remolque',
  'RetencionesLocales',
  'TrasladosLocales',
  'Leyenda',
]);
