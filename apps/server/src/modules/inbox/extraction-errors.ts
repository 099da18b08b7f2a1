import type { InvoiceFailureCode } from '@boveda/contracts';

/** The file cannot be read (encrypted, not a CFDI, too large…): the invoice fails with this code. */
export class ExtractionGaveUp extends Error {
  constructor(
    readonly code: InvoiceFailureCode,
    message: string,
  ) {
    super(message);
    this.name = 'ExtractionGaveUp';
  }
}

/** Retryable: the machine was too busy or the extraction thread died; a later run may finish. */
export class ExtractionTimedOut extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExtractionTimedOut';
  }
}
