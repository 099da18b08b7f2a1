import type { ReactNode } from 'react';
import type { InboxMessages } from '../../i18n/inbox-es-MX.js';
import type { InvoiceDetail } from './inbox-api.js';
import { failureText } from './invoice-fields.js';

/** Why an invoice is not waiting for validation: being read, failed, rejected or processed. */
export function StateNote({
  invoice,
  m,
  dateTime,
}: {
  invoice: InvoiceDetail;
  m: InboxMessages;
  dateTime(iso: string): string;
}) {
  const box = (tone: string, title: string, body: ReactNode) => (
    <div role="status" className={`rounded-md border px-3 py-2 text-sm ${tone}`}>
      <p className="font-medium">{title}</p>
      {body ? <div className="mt-0.5">{body}</div> : null}
    </div>
  );
  switch (invoice.status) {
    case 'processing':
      return box('border-sky-200 bg-sky-50 text-sky-900', m.statuses.processing, m.processingNow);
    case 'failed':
      return box(
        'border-red-200 bg-red-50 text-red-900',
        m.failedTitle,
        invoice.failure ? failureText(invoice.failure, m) : null,
      );
    case 'rejected':
      return box('border-slate-200 bg-slate-50 text-slate-800', m.rejectedTitle, invoice.rejectionReason);
    case 'processed':
      return box(
        'border-emerald-200 bg-emerald-50 text-emerald-900',
        m.processedTitle,
        <>
          {invoice.processedBy && invoice.processedAt ? (
            <p>{m.processedBy(invoice.processedBy, dateTime(invoice.processedAt))}</p>
          ) : null}
          {invoice.registeredInVault ? <p>{m.registeredInVault}</p> : null}
        </>,
      );
    default:
      return null;
  }
}
