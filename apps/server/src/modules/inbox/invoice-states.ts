import type { InvoiceStatus } from '@boveda/contracts';

/**
 * The moves an invoice may make. Extraction ends in `waiting_validation` or `failed`; a person
 * confirms (`processed`) or rejects; `failed` and `rejected` go back to `processing` on retry.
 * `processed` is final: what was confirmed may already be in an ERP.
 */
const MOVES: Record<InvoiceStatus, readonly InvoiceStatus[]> = {
  processing: ['waiting_validation', 'failed'],
  waiting_validation: ['processed', 'rejected'],
  failed: ['processing', 'rejected'],
  rejected: ['processing'],
  processed: [],
};

export const canMoveInvoice = (from: InvoiceStatus, to: InvoiceStatus) => MOVES[from].includes(to);
