import { defineErrorCatalogue } from './define.js';

/** The accounting catalogue (categories and accounts) and the suggestions learned from the inbox. */
export const catalogErrors = defineErrorCatalogue({
  CATALOG_ENTRY_NOT_FOUND: {
    status: 404,
    title: 'Catalogue entry not found',
    text: {
      es: 'No se encontró esa categoría o cuenta en el catálogo.',
      en: 'That category or account is not in the catalogue.',
    },
    when: 'No entry with that id in the organization.',
  },
  CATALOG_CODE_TAKEN: {
    status: 409,
    title: 'Code already in the catalogue',
    text: {
      es: 'Ya existe una entrada con esa clave. Edita la existente o usa otra clave.',
      en: 'An entry with that code already exists. Edit it or use another code.',
    },
    when: 'A create with a kind and code the organization already has.',
  },
  CATALOG_IMPORT_INVALID: {
    status: 422,
    title: 'The CSV file cannot be imported',
    text: {
      es: 'El archivo no es un CSV válido: necesita un encabezado con las columnas tipo, clave y nombre.',
      en: 'The file is not a valid CSV: it needs a header with the columns kind, code and name.',
    },
    when: 'An empty body, a file that is not UTF-8 text, no header with the required columns, or more lines than an import takes.',
  },
  INVOICE_CATALOG_CODE_UNKNOWN: {
    status: 422,
    title: 'Not an active code of the catalogue',
    text: {
      es: 'La categoría o cuenta elegida no existe en el catálogo o está desactivada.',
      en: 'The chosen category or account is not in the catalogue or is inactive.',
    },
    when: 'An invoice edit or confirmation names a category or account code the catalogue does not have active.',
  },
  SUGGESTION_NOT_FOUND: {
    status: 404,
    title: 'Suggestion not found',
    text: { es: 'No se encontró esa sugerencia.', en: 'That suggestion was not found.' },
    when: 'No suggestion with that id for that invoice in the organization.',
  },
  SUGGESTION_ALREADY_DECIDED: {
    status: 409,
    title: 'Suggestion already decided',
    text: {
      es: 'Esa sugerencia ya se aceptó o se descartó.',
      en: 'That suggestion was already accepted or dismissed.',
    },
    when: 'Accepting or dismissing a suggestion that is no longer offered.',
  },
});
