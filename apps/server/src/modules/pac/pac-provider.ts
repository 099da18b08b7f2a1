import type { PacInvoiceCreateBody } from '@boveda/contracts';
import type { CancellationStatus } from './pac.schema.js';

/**
 * What Bóveda needs of a PAC, whichever it is: stamp an invoice (now, or later behind a job id),
 * find one whose answer was lost, follow a deferred stamp, cancel and follow a cancellation.
 * Facturify is the implementation built (`facturify/facturify-provider.ts`); Facturapi or SW would
 * be another behind the same stamping jobs and tables.
 *
 * Failures: `PacRejected` (the PAC or the SAT refused the document: permanent, with its code),
 * `PacCredentialsRejected` (a person must fix the account), `PacUnavailable` (try again later).
 */
export interface InvoiceToStamp {
  request: PacInvoiceCreateBody;
  /** Fixed when the invoice was created, local Mexico time: how a lost one is recognised. */
  fecha: string;
  total: string;
  webhookUrl: string | null;
}

export interface Stamped {
  kind: 'stamped';
  uuid: string;
  serie: string | null;
  folio: string | null;
  xml: Buffer;
  pdf: Buffer | null;
}

export type StampAnswer = Stamped | { kind: 'queued'; jobId: string };

export interface PacProvider {
  stamp(invoice: InvoiceToStamp): Promise<StampAnswer>;
  /** After a try whose answer was lost: the invoice if the PAC has it (and it is not already ours). */
  find(invoice: InvoiceToStamp, isOurs: (uuid: string) => Promise<boolean>): Promise<Stamped | null>;
  /** A deferred stamp: stamped, or null while the PAC is still at it. */
  follow(jobId: string): Promise<Stamped | null>;
  cancel(uuid: string, motivo: string, substitute: string | null): Promise<CancellationStatus>;
  cancellation(uuid: string): Promise<CancellationStatus>;
}

export class PacRejected extends Error {
  constructor(
    message: string,
    readonly code: string | null,
  ) {
    super(message);
    this.name = 'PacRejected';
  }
}

export class PacCredentialsRejected extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PacCredentialsRejected';
  }
}

export class PacUnavailable extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PacUnavailable';
  }
}
