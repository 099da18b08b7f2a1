import { type InvoiceFieldName, invoiceFieldNames } from '@boveda/contracts';
import type { InboxMessages } from '../../i18n/inbox-es-MX.js';
import type { InvoiceDetail } from './inbox-api.js';

/** Who changed which value, newest first. */
export function InvoiceHistory({
  invoice,
  m,
  dateTime,
}: {
  invoice: InvoiceDetail;
  m: InboxMessages;
  dateTime(iso: string): string;
}) {
  const label = (field: string) =>
    (invoiceFieldNames as readonly string[]).includes(field) ? m.fields[field as InvoiceFieldName] : field;
  return (
    <section aria-labelledby="invoice-history-title" className="card p-4">
      <h2 id="invoice-history-title" className="text-sm font-semibold">
        {m.historyTitle}
      </h2>
      {invoice.edits.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500">{m.noHistory}</p>
      ) : (
        <ol className="mt-2 space-y-2 text-sm" data-testid="history">
          {[...invoice.edits].reverse().map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an edit has no id; the list only grows.
            <li key={i}>
              <p>
                {e.field === 'taxes'
                  ? m.historyTaxes
                  : e.field === 'conceptos'
                    ? `${m.conceptosTitle}: ${e.from ?? m.empty_} → ${e.to ?? m.empty_}`
                    : m.historyEntry(label(e.field), e.from ?? m.empty_, e.to ?? m.empty_)}
              </p>
              <p className="text-xs text-slate-500">{m.historyBy(e.by, dateTime(e.at))}</p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
