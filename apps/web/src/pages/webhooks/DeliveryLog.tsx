import { type FormEvent, useMemo, useState } from 'react';
import { Badge } from '../../components/Badge.js';
import { type Column, DataTable, moreOf } from '../../components/DataTable.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { FilterActions } from '../../components/FilterActions.js';
import { useI18n } from '../../i18n/i18n.js';
import { lookup } from '../../i18n/lookup.js';
import { useSearchState } from '../../lib/search-state.js';
import { attemptErrorText, outcomeTones, prettyJson } from './webhook-labels.js';
import {
  useAttempts,
  useEventTypes,
  useResend,
  useWebhookMessage,
  type WebhookAttempt,
} from './webhooks-api.js';
import { type AttemptSearchValues, attemptSearch } from './webhooks-search.js';

/**
 * The delivery log of one endpoint: every attempt, newest first, paged with the server's cursor,
 * filtered by outcome and event type (kept in the URL). Deliveries publish nothing on the live
 * channel, so the list is asked again every few seconds while the page is visible.
 */
export function DeliveryLog({ endpointId, canManage }: { endpointId: string; canManage: boolean }) {
  const { t } = useI18n();
  const m = t.webhooks;
  const [filters, setFilters] = useSearchState(attemptSearch);
  const query = useMemo(() => ({ endpointId, ...attemptSearch.nonDefault(filters) }), [endpointId, filters]);
  const attempts = useAttempts(query);
  const rows = attempts.data?.pages.flatMap((p) => p.items) ?? [];
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const resend = useResend();
  const [resentFor, setResentFor] = useState<string | null>(null);
  const toggle = (id: string) =>
    setOpen((current) => {
      const next = new Set(current);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const columns = useColumns({
    open,
    toggle,
    canManage,
    resendPendingFor: resend.isPending ? (resend.variables?.messageId ?? null) : null,
    onResend: (attempt) => {
      setResentFor(null);
      resend.mutate(
        { messageId: attempt.messageId, endpointId },
        { onSuccess: () => setResentFor(attempt.messageId) },
      );
    },
  });
  const filtered = Object.keys(attemptSearch.nonDefault(filters)).length > 0;

  return (
    <section aria-labelledby="delivery-log-title" className="card overflow-hidden">
      <div className="border-b border-slate-200 px-4 py-3">
        <h2 id="delivery-log-title" className="text-base font-semibold">
          {m.logTitle}
        </h2>
        <p className="hint">{m.logHint}</p>
        <LogFilters value={filters} onApply={setFilters} />
        <ErrorAlert error={resend.error} className="mt-3" />
        {resentFor && !resend.error ? (
          <p role="status" className="mt-3 text-sm text-emerald-800">
            {m.resent}
          </p>
        ) : null}
      </div>
      <DataTable
        caption={m.logCaption}
        columns={columns}
        rows={rows}
        rowKey={(row) => row.id}
        rowData={(row) => ({
          'data-attempt-id': row.id,
          'data-outcome': row.outcome,
          'data-trigger': row.trigger,
          'data-message-id': row.messageId,
          'data-http-status': row.responseStatus === null ? '' : String(row.responseStatus),
        })}
        loading={attempts.isPending}
        empty={filtered ? m.logEmptyFiltered : m.logEmpty}
        error={attempts.error}
        onRetry={() => void attempts.refetch()}
        more={moreOf(attempts, m.logNoMore)}
        detail={(row) => (open.has(row.id) ? <AttemptDetail attempt={row} /> : null)}
      />
    </section>
  );
}

function LogFilters({
  value,
  onApply,
}: {
  value: AttemptSearchValues;
  onApply(next: Partial<AttemptSearchValues>): void;
}) {
  const { t } = useI18n();
  const m = t.webhooks;
  const types = useEventTypes();
  const applied = attemptSearch.write(value).toString();
  const [draft, setDraft] = useState({ outcome: value.outcome ?? '', eventType: value.eventType ?? '' });
  const [draftOf, setDraftOf] = useState(applied);
  if (draftOf !== applied) {
    setDraftOf(applied);
    setDraft({ outcome: value.outcome ?? '', eventType: value.eventType ?? '' });
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    onApply(attemptSearch.validate(draft).values);
  }

  return (
    <form className="mt-3 grid gap-3 sm:grid-cols-[12rem_minmax(0,16rem)_auto]" onSubmit={onSubmit}>
      <Field id="log-outcome" label={m.outcome}>
        {(control) => (
          <select
            {...control}
            className="input"
            value={draft.outcome}
            onChange={(e) => setDraft((d) => ({ ...d, outcome: e.target.value }))}
          >
            <option value="">{m.anyOutcome}</option>
            <option value="succeeded">{m.outcomes.succeeded}</option>
            <option value="failed">{m.outcomes.failed}</option>
          </select>
        )}
      </Field>
      <Field id="log-event-type" label={m.eventType}>
        {(control) => (
          <select
            {...control}
            className="input"
            value={draft.eventType}
            onChange={(e) => setDraft((d) => ({ ...d, eventType: e.target.value }))}
          >
            <option value="">{m.anyEventType}</option>
            {(types.data?.items ?? []).map((item) => (
              <option key={item.type} value={item.type}>
                {item.type}
              </option>
            ))}
          </select>
        )}
      </Field>
      <FilterActions
        applyLabel={m.apply}
        clearLabel={m.clear}
        onClear={() => {
          setDraft({ outcome: '', eventType: '' });
          onApply({});
        }}
      />
    </form>
  );
}

function useColumns({
  open,
  toggle,
  canManage,
  resendPendingFor,
  onResend,
}: {
  open: ReadonlySet<string>;
  toggle(id: string): void;
  canManage: boolean;
  resendPendingFor: string | null;
  onResend(attempt: WebhookAttempt): void;
}): Column<WebhookAttempt>[] {
  const { t, dateTime, number } = useI18n();
  const m = t.webhooks;
  const columns: Column<WebhookAttempt>[] = [
    {
      id: 'time',
      header: m.colTime,
      rowHeader: true,
      className: 'whitespace-nowrap text-xs',
      cell: (row) => dateTime(row.at),
    },
    {
      id: 'outcome',
      header: m.colOutcome,
      cell: (row) => (
        <Badge
          tone={lookup(outcomeTones, row.outcome) ?? 'neutral'}
          icon={row.outcome === 'failed' ? '⚠' : undefined}
          data-outcome={row.outcome}
        >
          {lookup(m.outcomes, row.outcome) ?? row.outcome}
        </Badge>
      ),
    },
    {
      id: 'http',
      header: m.colHttp,
      align: 'right',
      className: 'font-mono tabular-nums',
      cell: (row) => (row.responseStatus === null ? m.none : String(row.responseStatus)),
    },
    {
      id: 'event',
      header: m.colEvent,
      cell: (row) => <code className="font-mono text-xs">{row.eventType}</code>,
    },
    {
      id: 'attempt',
      header: m.colAttempt,
      className: 'whitespace-nowrap',
      cell: (row) => (
        <>
          {m.attemptNumber(row.attempt)}{' '}
          <span className="text-xs text-slate-500" data-trigger={row.trigger}>
            {lookup(m.triggers, row.trigger) ?? row.trigger}
          </span>
        </>
      ),
    },
    {
      id: 'latency',
      header: m.colLatency,
      align: 'right',
      className: 'whitespace-nowrap tabular-nums',
      cell: (row) => m.ms(number(row.latencyMs)),
    },
    {
      id: 'error',
      header: m.colError,
      className: 'text-xs',
      title: (row) => row.errorMessage ?? undefined,
      cell: (row) =>
        row.errorCode ? (
          <span className="text-red-800" data-error-code={row.errorCode}>
            {attemptErrorText(row.errorCode, m)}
          </span>
        ) : (
          m.none
        ),
    },
    {
      id: 'actions',
      header: m.colDetails,
      headerHidden: true,
      align: 'right',
      cell: (row) => (
        <div className="flex justify-end gap-2">
          <button
            type="button"
            className="btn btn-secondary px-2.5 py-1.5"
            aria-expanded={open.has(row.id)}
            aria-label={`${open.has(row.id) ? m.hideDetails : m.showDetails}: ${row.eventType}, ${dateTime(row.at)}`}
            onClick={() => toggle(row.id)}
          >
            {open.has(row.id) ? m.hideDetails : m.showDetails}
          </button>
          {canManage ? (
            <button
              type="button"
              className="btn btn-secondary px-2.5 py-1.5"
              disabled={resendPendingFor === row.messageId}
              onClick={() => onResend(row)}
            >
              {resendPendingFor === row.messageId ? m.resending : m.resend}
            </button>
          ) : null}
        </div>
      ),
    },
  ];
  return columns;
}

/** What the receiver answered, and the message as sent (fetched when the detail opens). */
function AttemptDetail({ attempt }: { attempt: WebhookAttempt }) {
  const { t } = useI18n();
  const m = t.webhooks;
  const message = useWebhookMessage(attempt.messageId, true);
  const pre =
    'mt-1 max-h-72 overflow-auto rounded-md border border-slate-200 bg-white p-3 font-mono text-xs whitespace-pre-wrap break-all';
  return (
    <div
      className="sticky left-0 grid max-w-[calc(100vw-4.5rem)] gap-4 lg:max-w-none lg:grid-cols-2"
      data-testid="attempt-detail"
    >
      <div className="min-w-0">
        <h3 className="text-sm font-semibold">{m.responseExcerpt}</h3>
        {attempt.responseExcerpt ? (
          <pre className={pre} data-testid="response-excerpt">
            {prettyJson(attempt.responseExcerpt)}
          </pre>
        ) : (
          <p className="mt-1 text-sm text-slate-600">{m.noExcerpt}</p>
        )}
        {attempt.errorMessage ? (
          <>
            <h3 className="mt-3 text-sm font-semibold">{m.errorMessage}</h3>
            <p className="mt-1 text-sm break-words text-red-800">{attempt.errorMessage}</p>
          </>
        ) : null}
      </div>
      <div className="min-w-0">
        <h3 className="text-sm font-semibold">{m.payload}</h3>
        <p className="text-xs break-all text-slate-500">{m.messageId(attempt.messageId)}</p>
        {message.isPending ? <p className="mt-1 text-sm text-slate-600">{t.app.loading}</p> : null}
        <ErrorAlert error={message.error} className="mt-1" />
        {message.data ? (
          <pre className={pre} data-testid="message-payload">
            {prettyJson(message.data.payload)}
          </pre>
        ) : null}
      </div>
    </div>
  );
}
