import { type CodesOf, defineErrors } from '../../platform/errors/app-error.js';

export const cfdiSearchErrors = defineErrors({
  CFDI_NOT_FOUND: { status: 404, title: 'CFDI not found' },
  CFDI_XML_UNAVAILABLE: { status: 404, title: 'The original XML of this CFDI is not stored' },
  CFDI_XML_UNREADABLE: { status: 502, title: 'The stored original XML could not be read' },
});

// Lets routes declare these codes in `schema.errors` (see platform/http/README.md).
declare module '../../platform/errors/app-error.js' {
  interface DeclarableErrorCodes extends CodesOf<typeof cfdiSearchErrors> {}
}
