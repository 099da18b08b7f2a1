import { defineErrorCatalogue } from './define.js';

/** The CFDI and metadata explorer. */
export const cfdiErrors = defineErrorCatalogue({
  RECONCILIATION_PERIOD_TOO_LONG: {
    status: 422,
    title: 'The reconciliation covers too many months',
    text: {
      es: 'La conciliación abarca demasiados meses (máximo 24).',
      en: 'The reconciliation covers too many months (24 at most).',
    },
    when: 'A metadata reconciliation whose `from`–`to` spans more than 24 months.',
  },
  CFDI_NOT_FOUND: {
    status: 404,
    title: 'CFDI not found',
    text: { es: 'No se encontró ese CFDI.', en: 'That CFDI was not found.' },
    when: 'No CFDI with that UUID in the organization.',
  },
  CFDI_XML_UNAVAILABLE: {
    status: 404,
    title: 'The original XML of this CFDI is not stored',
    text: {
      es: 'El XML original de este CFDI no está guardado.',
      en: 'The original XML of this CFDI is not stored.',
    },
    when: 'The CFDI is known (metadata) but its XML was never downloaded, or its package was removed.',
  },
  CFDI_XML_UNREADABLE: {
    status: 502,
    title: 'The stored original XML could not be read',
    text: {
      es: 'No se pudo leer el XML guardado de este CFDI.',
      en: 'The stored XML of this CFDI could not be read.',
    },
    when: 'The package holding the XML is in storage but cannot be read (storage fault, damaged zip).',
  },
  CFDI_UNPARSABLE: {
    status: 422,
    title: 'The document is not a CFDI that can be read',
    text: {
      es: 'El documento no es un CFDI legible (XML mal formado, otro tipo de XML o una versión no soportada).',
      en: 'The document is not a readable CFDI (malformed XML, another kind of XML or an unsupported version).',
    },
    when: "A document sent to be parsed is not well-formed XML, not a CFDI or Retenciones, or breaks a rule of the parser; `detail` starts with the parser's code (XML_MALFORMED, NOT_CFDI, …).",
  },
  CFDI_ZIP_TOO_LARGE: {
    status: 422,
    title: 'Too many CFDI for one ZIP',
    text: {
      es: 'La descarga tiene más CFDI de los que caben en un ZIP. Acota la búsqueda (por ejemplo, por mes) o descarga sin PDF.',
      en: 'The download has more CFDI than one ZIP holds. Narrow the search (by month, say) or download without PDF.',
    },
    when: 'The search (or selection) matches more CFDI than CFDI_ZIP_MAX_DOCUMENTS, or than CFDI_ZIP_MAX_PDF with `pdf=true`; `detail` says how many and the limit.',
  },
  CFDI_PDF_FAILED: {
    status: 422,
    title: 'The PDF of this CFDI could not be generated',
    text: {
      es: 'No se pudo generar el PDF de este CFDI; su XML sigue disponible.',
      en: 'The PDF of this CFDI could not be generated; its XML is still available.',
    },
    when: 'The stored XML lacks what the printed representation needs (a timbre, an emisor) or the renderer refused it.',
  },
});
