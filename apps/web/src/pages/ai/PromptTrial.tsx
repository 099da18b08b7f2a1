import type { AiDocumentKind } from '@boveda/contracts';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { formatDateTime } from '../../i18n/format.js';
import { useI18n } from '../../i18n/i18n.js';
import { useAiPromptTrial, useStartAiPromptTrial, useTrialDocuments } from './ai-api.js';

/**
 * "Probar con un documento": the draft in the editor (not saved) run on one invoice of the kind by
 * the server's job; the answer beside what the invoice has now, with latency and tokens.
 */
export function PromptTrial({ kind, text }: { kind: AiDocumentKind; text: string }) {
  const { t, locale } = useI18n();
  const m = t.ai;
  const [open, setOpen] = useState(false);
  const [invoiceId, setInvoiceId] = useState('');
  const [trialId, setTrialId] = useState<string | null>(null);
  const documents = useTrialDocuments(kind, open);
  const start = useStartAiPromptTrial();
  const trial = useAiPromptTrial(trialId);
  const r = trial.data;
  const items = documents.data?.items ?? [];
  const chosen = invoiceId || items[0]?.id || '';
  const running = start.isPending || r?.status === 'queued' || r?.status === 'running';

  if (!open)
    return (
      <div>
        <button type="button" className="btn btn-secondary" onClick={() => setOpen(true)}>
          {m.trialOpen}
        </button>
      </div>
    );
  return (
    <section aria-labelledby="ai-trial-title" className="grid gap-2 rounded border border-slate-200 p-4">
      <h3 id="ai-trial-title" className="text-sm font-semibold">
        {m.trialTitle}
      </h3>
      <p className="hint">{m.trialIntro}</p>
      <ErrorAlert error={documents.error} />
      {documents.data && items.length === 0 ? <p className="text-sm">{m.trialNoDocuments}</p> : null}
      {items.length > 0 ? (
        <div className="flex flex-wrap items-end gap-2">
          <Field id="ai-trial-document" label={m.trialDocument}>
            {(control) => (
              <select
                {...control}
                className="input"
                value={chosen}
                onChange={(e) => setInvoiceId(e.target.value)}
              >
                {items.map((i) => (
                  <option key={i.id} value={i.id}>
                    {m.trialDocumentLabel(
                      i.emisorNombre ?? i.emisorRfc ?? i.fileName,
                      i.total ?? '—',
                      formatDateTime(i.createdAt, locale),
                    )}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <button
            type="button"
            className="btn btn-primary"
            disabled={running || !chosen}
            onClick={() =>
              start.mutate(
                { kind, invoiceId: chosen, text },
                { onSuccess: (created) => setTrialId(created.id) },
              )
            }
          >
            {running ? m.trialRunning : m.trialRun}
          </button>
        </div>
      ) : null}
      <ErrorAlert error={start.error ?? trial.error} />
      {r?.status === 'failed' ? (
        <p role="status" data-testid="ai-trial-result" className="text-sm text-red-700">
          {m.trialErrors[r.errorCode ?? 'LLM_UNREACHABLE']}
        </p>
      ) : null}
      {r?.status === 'done' && r.fields ? (
        <div data-testid="ai-trial-result" className="grid gap-2">
          <p role="status" className="text-sm text-emerald-800">
            {m.trialStats(r.latencyMs ?? 0, r.inputTokens ?? 0, r.outputTokens ?? 0, r.model ?? '')}
          </p>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">{m.trialCaption}</caption>
            <thead>
              <tr>
                <th scope="col" className="pr-3">
                  {m.colField}
                </th>
                <th scope="col" className="pr-3">
                  {m.colCurrent}
                </th>
                <th scope="col">{m.colTrial}</th>
              </tr>
            </thead>
            <tbody>
              {r.fields.map((f) => {
                const differs = f.trial !== null && f.trial !== f.current;
                return (
                  <tr key={f.field} data-field={f.field} className={differs ? 'bg-amber-50' : undefined}>
                    <th scope="row" className="pr-3 font-normal">
                      {t.inbox.fields[f.field]}
                    </th>
                    <td className="pr-3">{f.current ?? '—'}</td>
                    <td>
                      {f.trial ?? '—'}
                      {f.refused ? (
                        <span className="ml-2 text-xs text-red-700">({m.trialRefused})</span>
                      ) : null}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
