import { type InvoiceConcepto, type InvoiceFieldName, type InvoiceTax, roleAtLeast } from '@boveda/contracts';
import { useEffect, useMemo, useRef, useState } from 'react';
import { ApiError } from '../../api/errors.js';
import { Badge } from '../../components/Badge.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Page } from '../../components/Page.js';
import { RoleNotice } from '../../components/RoleNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import { lookup } from '../../i18n/lookup.js';
import type { PageProps } from '../../lib/route-table.js';
import { Link, navigate } from '../../lib/router.js';
import { href, paths } from '../../paths.js';
import { ConceptosEditor } from './ConceptosEditor.js';
import { DocumentView } from './DocumentView.js';
import { InvoiceFieldsForm, TaxesEditor } from './InvoiceFieldsForm.js';
import { InvoiceHistory as History } from './InvoiceHistory.js';
import { StateNote } from './InvoiceStateNote.js';
import {
  type InvoiceDetail,
  useConfirmInvoice,
  useEditInvoice,
  useInvoice,
  useRetryInvoice,
  useValidationQueue,
} from './inbox-api.js';
import {
  checkText,
  checkValuesText,
  conceptosOf,
  editsOf,
  failedChecks,
  fieldViews,
  hasEdits,
  neighbour,
  nextAfter,
  taxesOf,
} from './invoice-fields.js';
import { RejectDialog } from './RejectDialog.js';
import { StatusBadge } from './StatusBadge.js';

/** What the person typed and has not saved, and the version of the invoice they typed it over. */
interface Draft {
  fields: Partial<Record<InvoiceFieldName, string>>;
  taxes: InvoiceTax[] | null;
  conceptos: InvoiceConcepto[] | null;
  /** Null until the first change: until then the form follows the invoice as it changes live. */
  version: number | null;
}
const cleanDraft: Draft = { fields: {}, taxes: null, conceptos: null, version: null };

/** Typing here must not move to another invoice. */
const isEditable = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * `/bandeja/{id}`: the document on the left, the values read from it on the right. A person corrects
 * what is wrong (each value says where it came from; doubtful ones are highlighted), then confirms
 * (Ctrl+Enter; on to the next invoice waiting) or rejects with a reason. J/K walk the waiting queue.
 */
export function InvoicePage({ params: { id }, myRole }: PageProps<{ id: string }>) {
  const { t } = useI18n();
  const m = t.inbox;
  const query = useInvoice(id);
  const queue = useValidationQueue();
  const invoice = query.data;
  const waiting = queue.data?.items ?? [];
  const at = waiting.findIndex((i) => i.id === id);
  const name = invoice ? [invoice.serie, invoice.folio].filter(Boolean).join(' ') || invoice.fileName : null;

  return (
    <Page title={name ? `${m.detailTitle} ${name}` : m.detailTitle}>
      <nav aria-label={m.back} className="-mt-3 flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <Link to={href(paths.inbox)} className="text-brand-700 underline-offset-2 hover:underline">
          ← {m.back}
        </Link>
        {at !== -1 ? <span className="text-slate-600">{m.position(at + 1, waiting.length)}</span> : null}
        <QueueLink to={neighbour(waiting, id, -1)} label={m.previousInvoice} rel="prev" />
        <QueueLink to={neighbour(waiting, id, 1)} label={m.nextInvoice} rel="next" />
      </nav>
      <ErrorAlert error={query.error} />
      {query.isPending ? (
        <p role="status" className="text-sm text-slate-500">
          {t.app.loading}
        </p>
      ) : null}
      {invoice ? (
        <div className="grid grid-cols-1 gap-6 lg:grid-cols-2">
          <div className="lg:sticky lg:top-4 lg:self-start">
            <DocumentView invoice={invoice} />
          </div>
          <Validation
            key={invoice.id}
            invoice={invoice}
            canWrite={roleAtLeast(myRole, 'member')}
            waiting={waiting}
            reload={() => query.refetch().then((r) => r.data)}
          />
        </div>
      ) : null}
    </Page>
  );
}

function QueueLink({ to, label, rel }: { to: string | null; label: string; rel: 'prev' | 'next' }) {
  if (!to) return null;
  return (
    <Link
      to={href(paths.invoice, { id: to })}
      rel={rel}
      className="text-brand-700 underline-offset-2 hover:underline"
    >
      {rel === 'prev' ? `← ${label}` : `${label} →`}
    </Link>
  );
}

function Validation({
  invoice,
  canWrite,
  waiting,
  reload,
}: {
  invoice: InvoiceDetail;
  canWrite: boolean;
  waiting: readonly { id: string }[];
  reload(): Promise<InvoiceDetail | undefined>;
}) {
  const { t, dateTime } = useI18n();
  const m = t.inbox;
  const [draft, setDraft] = useState<Draft>(cleanDraft);
  const [notice, setNotice] = useState<string | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const edit = useEditInvoice(invoice.id);
  const confirm = useConfirmInvoice(invoice.id);
  const retry = useRetryInvoice(invoice.id);
  const editable = canWrite && invoice.status === 'waiting_validation';
  const views = useMemo(() => fieldViews(invoice), [invoice]);
  const currentTaxes = useMemo(() => taxesOf(invoice), [invoice]);
  const currentConceptos = useMemo(() => conceptosOf(invoice), [invoice]);
  const edits = editsOf(draft, views, currentTaxes, currentConceptos);
  const dirty = hasEdits(edits);
  const version = draft.version ?? invoice.version;
  const busy = edit.isPending || confirm.isPending;
  const error = edit.error ?? confirm.error ?? retry.error;

  const change = (patch: Partial<Draft>) => {
    setNotice(null);
    setDraft((d) => ({ ...d, ...patch, version: d.version ?? invoice.version }));
  };

  /** Someone else changed it: show the current values, keep what this person typed on top. */
  async function afterConflict(err: unknown) {
    if (!(err instanceof ApiError) || err.status !== 409) return;
    const fresh = await reload();
    if (err.code === 'INVOICE_EDIT_CONFLICT' && fresh) {
      setDraft((d) => ({ ...d, version: fresh.version }));
      setNotice(m.conflictReloaded);
    }
  }

  /** Saves what changed; answers the version to act on next. */
  async function save(): Promise<number> {
    if (!dirty) return version;
    const saved = await edit.mutateAsync({ version, ...edits });
    setDraft(cleanDraft);
    return saved.version;
  }

  async function onSave() {
    confirm.reset();
    try {
      await save();
      setNotice(m.saved);
    } catch (err) {
      await afterConflict(err);
    }
  }

  async function onConfirm() {
    if (!editable || busy) return;
    edit.reset();
    confirm.reset();
    const next = nextAfter(waiting, invoice.id);
    try {
      const v = await save();
      await confirm.mutateAsync({ version: v });
      navigate(next && next !== invoice.id ? href(paths.invoice, { id: next }) : href(paths.inbox));
    } catch (err) {
      await afterConflict(err);
    }
  }

  // Keyboard: Ctrl+Enter confirms; J/K or ←/→ (outside a field) move through the waiting queue.
  const keys = useRef({ onConfirm, waiting, id: invoice.id, dirty, leave: m.leaveUnsaved });
  keys.current = { onConfirm, waiting, id: invoice.id, dirty, leave: m.leaveUnsaved };
  useEffect(() => {
    function onKey(event: KeyboardEvent) {
      const k = keys.current;
      // The reject dialog owns the keyboard while it is open.
      if (document.querySelector('dialog[open]')) return;
      if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        void k.onConfirm();
        return;
      }
      if (event.ctrlKey || event.metaKey || event.altKey || isEditable(event.target)) return;
      const step =
        event.key === 'j' || event.key === 'ArrowRight'
          ? 1
          : event.key === 'k' || event.key === 'ArrowLeft'
            ? -1
            : 0;
      if (step === 0) return;
      const to = neighbour(k.waiting, k.id, step);
      if (!to || to === k.id) return;
      event.preventDefault();
      if (k.dirty && !window.confirm(k.leave)) return;
      navigate(href(paths.invoice, { id: to }));
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const checks = failedChecks(invoice.preview?.checks ?? []);

  return (
    <div className="space-y-4" data-invoice-status={invoice.status}>
      <section aria-labelledby="invoice-state-title" className="card space-y-2 p-4">
        <h2 id="invoice-state-title" className="sr-only">
          {m.colStatus}
        </h2>
        <div className="flex flex-wrap items-center gap-2">
          <StatusBadge status={invoice.status} />
          {invoice.extraction ? (
            <Badge data-extraction={invoice.extraction}>
              {lookup(m.extractions, invoice.extraction) ?? invoice.extraction}
            </Badge>
          ) : null}
          {invoice.inVault ? (
            <Badge tone="success" title={m.inVaultHint}>
              {m.inVault}
            </Badge>
          ) : null}
          {invoice.duplicateOf ? (
            <Link to={href(paths.invoice, { id: invoice.duplicateOf })} title={m.duplicateOfHint}>
              <Badge tone="warning" icon="⚠">
                {m.duplicateMark}
              </Badge>
            </Link>
          ) : null}
          <span className="min-w-0 truncate text-sm text-slate-600" title={invoice.fileName}>
            {invoice.fileName}
          </span>
        </div>
        <StateNote invoice={invoice} m={m} dateTime={dateTime} />
        {invoice.satStatus ? (
          <p className="text-sm">
            <span className="text-slate-500">{m.satStatusTitle}: </span>
            {lookup(m.satStatuses, invoice.satStatus.estado) ?? invoice.satStatus.estado}
            {invoice.satStatus.efosListed ? (
              <span className="ml-2 font-medium text-red-800">{m.efos}</span>
            ) : null}
          </p>
        ) : null}
      </section>

      {canWrite ? null : <RoleNotice text={m.readOnlyRole} />}

      {checks.length > 0 ? (
        <section
          aria-labelledby="invoice-checks-title"
          className="rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950"
        >
          <h2 id="invoice-checks-title" className="font-semibold">
            ⚠ {m.checksTitle}
          </h2>
          <ul className="mt-2 list-disc space-y-1 pl-5" data-testid="failed-checks">
            {checks.map((check) => (
              <li key={`${check.code}-${check.fields.join(',')}`} data-check={check.code}>
                {checkText(check, m)}
                {check.fields.length > 0 ? (
                  <span className="ml-1 text-xs text-amber-900/80">
                    ({m.checkFields(check.fields.map((f) => m.fields[f]).join(', '))})
                  </span>
                ) : null}
                <CheckValues text={checkValuesText(check, m, t.validation.showServerDetail)} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      {invoice.status === 'processing' ? null : (
        <>
          <InvoiceFieldsForm
            views={views}
            draft={draft.fields}
            editable={editable}
            onChange={(name, value) => change({ fields: { ...draft.fields, [name]: value } })}
          />
          <TaxesEditor
            taxes={draft.taxes ?? currentTaxes}
            editable={editable}
            source={invoice.finalData ? null : (invoice.preview?.taxes.source ?? null)}
            onChange={(taxes) => change({ taxes })}
          />
          <ConceptosEditor
            conceptos={draft.conceptos ?? currentConceptos}
            editable={editable}
            onChange={(conceptos) => change({ conceptos })}
          />
        </>
      )}

      {canWrite ? (
        <section aria-label={m.confirm} className="card sticky bottom-2 space-y-3 p-4 shadow-md">
          {notice ? (
            <p role="status" className="text-sm text-slate-700">
              {notice}
            </p>
          ) : null}
          <ErrorAlert error={error} />
          <div className="flex flex-wrap items-center gap-2">
            {editable ? (
              <>
                <button
                  type="button"
                  className="btn btn-primary"
                  disabled={busy}
                  onClick={() => void onConfirm()}
                >
                  {confirm.isPending ? m.confirming : m.confirm}
                  <kbd className="rounded bg-white/20 px-1 text-xs font-normal">{m.confirmShortcut}</kbd>
                </button>
                <button
                  type="button"
                  className="btn btn-secondary"
                  disabled={busy || !dirty}
                  onClick={() => void onSave()}
                >
                  {edit.isPending ? m.saving : m.save}
                </button>
              </>
            ) : null}
            {invoice.status === 'waiting_validation' || invoice.status === 'failed' ? (
              <button type="button" className="btn btn-danger-quiet" onClick={() => setRejecting(true)}>
                {m.reject}
              </button>
            ) : null}
            {invoice.status === 'failed' || invoice.status === 'rejected' ? (
              <button
                type="button"
                className="btn btn-secondary"
                disabled={retry.isPending}
                onClick={() => retry.mutate(undefined, { onError: (err) => void afterConflict(err) })}
              >
                {retry.isPending ? m.retrying : m.retry}
              </button>
            ) : null}
          </div>
          {editable ? <p className="hint">{m.keyboardHint}</p> : null}
          <RejectDialog
            open={rejecting}
            invoice={invoice}
            version={invoice.version}
            onClose={() => setRejecting(false)}
            onRejected={() => {
              setRejecting(false);
              const next = nextAfter(waiting, invoice.id);
              navigate(next && next !== invoice.id ? href(paths.invoice, { id: next }) : href(paths.inbox));
            }}
          />
        </section>
      ) : null}

      <History invoice={invoice} m={m} dateTime={dateTime} />
    </div>
  );
}

/** The values a failed check compared (the printed total against the sum, the page against the QR). */
function CheckValues({ text }: { text: string | null }) {
  return text ? <span className="block text-xs text-amber-900/70">{text}</span> : null;
}
