import { useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';
import { type InvoiceDetail, invoiceFileUrl } from './inbox-api.js';

type InvoiceFile = InvoiceDetail['files'][number];

/** The file a person compares against: the PDF or the photo (the XML has nothing to look at). */
const preferred = (files: InvoiceFile[]) =>
  files.find((f) => f.kind === 'pdf') ?? files.find((f) => f.kind === 'image') ?? files[0];

/**
 * The original document beside the form: a PDF in a frame, a photo as an image, an XML as a
 * download (the server sends XML only as an attachment). Several files (an XML and its PDF) get tabs.
 */
export function DocumentView({ invoice }: { invoice: InvoiceDetail }) {
  const { t } = useI18n();
  const m = t.inbox;
  const [chosen, setChosen] = useState<string | null>(null);
  const file = invoice.files.find((f) => f.id === chosen) ?? preferred(invoice.files);

  return (
    <section aria-labelledby="invoice-document-title" className="card flex flex-col overflow-hidden">
      <div className="flex flex-wrap items-center justify-between gap-2 border-b border-slate-200 px-4 py-2">
        <h2 id="invoice-document-title" className="text-base font-semibold">
          {m.document}
        </h2>
        {invoice.files.length > 1 ? (
          <div role="tablist" aria-label={m.document} className="flex gap-1">
            {invoice.files.map((f) => (
              <button
                key={f.id}
                type="button"
                role="tab"
                aria-selected={f.id === file?.id}
                className={`btn px-2.5 py-1 text-xs ${f.id === file?.id ? 'btn-primary' : 'btn-secondary'}`}
                onClick={() => setChosen(f.id)}
              >
                {f.kind.toUpperCase()}
              </button>
            ))}
          </div>
        ) : null}
        {file && file.kind !== 'xml' ? (
          <a
            href={invoiceFileUrl(invoice.id, file.id)}
            target="_blank"
            rel="noopener"
            className="text-sm text-brand-700 underline-offset-2 hover:underline"
          >
            {m.openFile}
          </a>
        ) : null}
      </div>
      {!file ? (
        <p className="p-4 text-sm text-slate-500">{m.noFiles}</p>
      ) : file.kind === 'pdf' ? (
        <iframe
          key={file.id}
          src={invoiceFileUrl(invoice.id, file.id)}
          title={m.documentFrame(file.name)}
          className="h-[75vh] min-h-96 w-full bg-slate-100"
          data-testid="document-pdf"
        />
      ) : file.kind === 'image' ? (
        <div className="max-h-[75vh] overflow-auto bg-slate-100 p-2">
          <img
            key={file.id}
            src={invoiceFileUrl(invoice.id, file.id)}
            alt={m.documentFrame(file.name)}
            className="mx-auto max-w-full"
            data-testid="document-image"
          />
        </div>
      ) : (
        <div className="space-y-3 p-4 text-sm">
          <p className="text-slate-600">{m.xmlOnly}</p>
          <a className="btn btn-secondary" href={invoiceFileUrl(invoice.id, file.id)} download={file.name}>
            {m.downloadXml}
          </a>
        </div>
      )}
    </section>
  );
}
