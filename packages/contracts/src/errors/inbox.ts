import { defineErrorCatalogue } from './define.js';

/** The invoice inbox: uploads, validation, downloads. */
export const inboxErrors = defineErrorCatalogue({
  INVOICE_NOT_FOUND: {
    status: 404,
    title: 'Invoice not found',
    text: { es: 'No se encontró esa factura en la bandeja.', en: 'That invoice is not in the inbox.' },
    when: 'No invoice with that id in the organization.',
  },
  INVOICE_FILE_NOT_FOUND: {
    status: 404,
    title: 'File not found',
    text: { es: 'No se encontró ese archivo de la factura.', en: 'That file of the invoice was not found.' },
    when: 'The invoice has no file with that id.',
  },
  INVOICE_NO_FILES: {
    status: 422,
    title: 'No file was uploaded',
    text: {
      es: 'Adjunta al menos un archivo (PDF, JPG, PNG o XML) en el campo «file».',
      en: 'Attach at least one file (PDF, JPG, PNG or XML) in the field "file".',
    },
    when: 'A multipart upload without a non-empty part named `file`.',
  },
  INVOICE_TOO_MANY_FILES: {
    status: 422,
    title: 'Too many files in one upload',
    text: {
      es: 'Son demasiados archivos para una sola carga. Súbelos en varias partes.',
      en: 'Too many files for one upload. Upload them in several parts.',
    },
    when: 'More `file` parts than one upload accepts (INBOX_MAX_FILES_PER_UPLOAD).',
  },
  INVOICE_FILE_TOO_LARGE: {
    status: 413,
    title: 'A file is larger than the limit',
    text: {
      es: 'Un archivo supera el tamaño máximo permitido. Nada se guardó.',
      en: 'A file is larger than the allowed size. Nothing was stored.',
    },
    when: 'A part exceeded INBOX_MAX_FILE_BYTES; the whole upload is refused and nothing is stored.',
  },
  INVOICE_UNSUPPORTED_TYPE: {
    status: 415,
    title: 'Not a PDF, JPG, PNG or CFDI XML',
    text: {
      es: 'Un archivo no es PDF, JPG, PNG ni el XML de un CFDI (se revisa su contenido, no su extensión). Nada se guardó.',
      en: 'A file is not a PDF, JPG, PNG or CFDI XML (its content is checked, not its extension). Nothing was stored.',
    },
    when: 'A part whose bytes are none of the accepted types, or an empty part; the upload is refused.',
  },
  INVOICE_WRONG_STATE: {
    status: 409,
    title: 'The invoice is not in a state that allows this',
    text: {
      es: 'La factura cambió de estado y ya no permite esta acción. Recarga para ver su estado actual.',
      en: 'The invoice changed state and no longer allows this. Reload to see its current state.',
    },
    when: 'Editing or confirming outside waiting_validation, rejecting a processed invoice, retrying outside failed/rejected.',
  },
  INVOICE_EDIT_CONFLICT: {
    status: 409,
    title: 'Someone else changed the invoice',
    text: {
      es: 'Alguien más modificó esta factura. Revisa los cambios y vuelve a intentarlo.',
      en: 'Someone else changed this invoice. Review the changes and try again.',
    },
    when: 'The `version` sent is not the invoice’s current version.',
  },
  INVOICE_INCOMPLETE: {
    status: 422,
    title: 'Required fields are missing or invalid',
    text: {
      es: 'Faltan datos obligatorios o no son válidos (UUID, RFC del emisor y del receptor, total). Corrígelos antes de confirmar.',
      en: 'Required data is missing or invalid (UUID, RFC of issuer and receiver, total). Fix them before confirming.',
    },
    when: 'Confirming while a critical field is empty or fails its format check.',
  },
  INVOICE_DUPLICATE: {
    status: 409,
    title: 'The invoice is a duplicate',
    text: {
      es: 'Esta factura ya está en la bandeja. Recházala como duplicada.',
      en: 'This invoice is already in the inbox. Reject it as a duplicate.',
    },
    when: 'Confirming an invoice whose UUID belongs to another invoice of the inbox.',
  },
});
