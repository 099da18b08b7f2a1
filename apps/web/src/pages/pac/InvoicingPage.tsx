import { roleAtLeast } from '@boveda/contracts';
import { type FormEvent, useState } from 'react';
import { Badge, type BadgeTone } from '../../components/Badge.js';
import { type Column, DataTable, moreOf } from '../../components/DataTable.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../lib/route-table.js';
import { CancelInvoiceDialog } from './CancelInvoiceDialog.js';
import { IssueInvoiceForm } from './IssueInvoiceForm.js';
import {
  type PacInvoice,
  useConnectPacAccount,
  usePacAccount,
  usePacInvoices,
  useRetryInvoice,
} from './pac-api.js';

const statusTone = { draft: 'info', stamping: 'info', stamped: 'success', failed: 'danger' } satisfies Record<
  PacInvoice['status'],
  BadgeTone
>;
const cancelTone = {
  none: 'neutral',
  requested: 'info',
  pending: 'warning',
  accepted: 'success',
  rejected: 'danger',
  expired: 'success',
} satisfies Record<PacInvoice['cancellation']['status'], BadgeTone>;

/** Facturación: the PAC account, a new invoice, the issued ones (files, retry, cancel). */
export function InvoicingPage({ myRole }: PageProps) {
  const { t } = useI18n();
  const m = t.pac;
  const invoices = usePacInvoices();
  const retry = useRetryInvoice();
  const [cancelling, setCancelling] = useState<PacInvoice | null>(null);
  const canIssue = roleAtLeast(myRole, 'member');
  const canCancel = roleAtLeast(myRole, 'admin');
  const items = invoices.data?.pages.flatMap((p) => p.items) ?? [];
  const columns: Column<PacInvoice>[] = [
    {
      id: 'status',
      header: m.colStatus,
      cell: (i) => (
        <span title={i.error?.message}>
          <Badge tone={statusTone[i.status]} data-state={i.status}>
            {m.statuses[i.status]}
          </Badge>
          {i.error ? (
            <span className="mt-1 block max-w-xs text-xs text-red-700">{i.error.message}</span>
          ) : null}
        </span>
      ),
    },
    {
      id: 'uuid',
      header: m.colUuid,
      rowHeader: true,
      cell: (i) => <code className="font-mono text-xs">{i.uuid ?? '—'}</code>,
    },
    {
      id: 'receptor',
      header: m.colReceptor,
      cell: (i) => (
        <span>
          {i.receptor.nombre}
          <span className="block font-mono text-xs text-slate-500">{i.receptor.rfc}</span>
        </span>
      ),
    },
    {
      id: 'total',
      header: m.colTotal,
      align: 'right',
      className: 'whitespace-nowrap tabular-nums',
      cell: (i) => `$${i.total} ${i.moneda}`,
    },
    {
      id: 'cancellation',
      header: m.colCancellation,
      cell: (i) =>
        i.cancellation.status === 'none' ? (
          (i.cancellation.error ?? '—')
        ) : (
          <Badge tone={cancelTone[i.cancellation.status]} data-state={i.cancellation.status}>
            {m.cancellations[i.cancellation.status]}
          </Badge>
        ),
    },
    {
      id: 'actions',
      header: m.colActions,
      headerHidden: true,
      align: 'right',
      cell: (i) => (
        <span className="flex flex-wrap justify-end gap-2">
          {i.status === 'stamped' ? (
            <>
              <a className="btn btn-secondary" href={`/api/v1/pac/invoices/${i.id}/xml`} download>
                {m.xml}
              </a>
              <a className="btn btn-secondary" href={`/api/v1/pac/invoices/${i.id}/pdf`} download>
                {m.pdf}
              </a>
            </>
          ) : null}
          {i.status === 'failed' && canIssue ? (
            <button type="button" className="btn btn-secondary" onClick={() => retry.mutate(i.id)}>
              {m.retry}
            </button>
          ) : null}
          {canCancel && i.status === 'stamped' && ['none', 'rejected'].includes(i.cancellation.status) ? (
            <button
              type="button"
              className="btn btn-danger-quiet"
              aria-label={`${m.cancel}: ${i.uuid}`}
              onClick={() => setCancelling(i)}
            >
              {m.cancel}
            </button>
          ) : null}
        </span>
      ),
    },
  ];

  return (
    <Page title={m.title} intro={m.intro}>
      <AccountSection canManage={canCancel} />
      {canIssue ? <IssueInvoiceForm /> : null}
      <ErrorAlert error={retry.error} />
      <section className="card overflow-hidden">
        <DataTable
          caption={m.tableCaption}
          columns={columns}
          rows={items}
          rowKey={(i) => i.id}
          loading={invoices.isPending}
          empty={m.empty}
          error={invoices.error}
          onRetry={() => invoices.refetch()}
          more={moreOf(invoices)}
        />
      </section>
      <CancelInvoiceDialog invoice={cancelling} onClose={() => setCancelling(null)} />
    </Page>
  );
}

function AccountSection({ canManage }: { canManage: boolean }) {
  const { t } = useI18n();
  const m = t.pac;
  const account = usePacAccount();
  const connect = useConnectPacAccount();
  const [environment, setEnvironment] = useState<'sandbox' | 'production'>('sandbox');
  const [apiKey, setApiKey] = useState('');
  const [apiSecret, setApiSecret] = useState('');
  const a = account.data;
  const source = !a
    ? ''
    : a.source === 'organization'
      ? m.accountSource.organization(m.environments[a.environment ?? 'sandbox'], a.keyHint ?? '')
      : a.source === 'instance'
        ? m.accountSource.instance(a.keyHint ?? '')
        : m.accountSource.none;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    connect.mutate(
      { environment, apiKey: apiKey.trim(), apiSecret: apiSecret.trim() },
      {
        onSuccess: () => {
          setApiKey('');
          setApiSecret('');
        },
      },
    );
  }

  return (
    <section aria-labelledby="pac-account-title" className="card p-5">
      <h2 id="pac-account-title" className="text-base font-semibold">
        {m.account}
      </h2>
      <p className="mt-1 text-sm text-slate-700" data-testid="pac-account">
        {source}
      </p>
      <ErrorAlert error={account.error} className="mt-2" />
      {canManage ? (
        <form className="mt-3 grid gap-3 sm:grid-cols-4" onSubmit={onSubmit}>
          <Field id="pac-env" label={m.environment}>
            {(control) => (
              <select
                {...control}
                className="input"
                value={environment}
                onChange={(e) => setEnvironment(e.target.value as 'sandbox' | 'production')}
              >
                <option value="sandbox">{m.environments.sandbox}</option>
                <option value="production">{m.environments.production}</option>
              </select>
            )}
          </Field>
          <Field id="pac-key" label={m.apiKey}>
            {(control) => (
              <input
                {...control}
                required
                minLength={8}
                autoComplete="off"
                className="input font-mono"
                value={apiKey}
                onChange={(e) => setApiKey(e.target.value)}
              />
            )}
          </Field>
          <Field id="pac-secret" label={m.apiSecret}>
            {(control) => (
              <input
                {...control}
                required
                minLength={8}
                type="password"
                autoComplete="new-password"
                className="input font-mono"
                value={apiSecret}
                onChange={(e) => setApiSecret(e.target.value)}
              />
            )}
          </Field>
          <div className="flex items-end">
            <button type="submit" className="btn btn-primary" disabled={connect.isPending}>
              {connect.isPending ? m.connecting : m.connect}
            </button>
          </div>
          <ErrorAlert error={connect.error} className="sm:col-span-4" />
          {connect.isSuccess ? <p className="text-sm text-emerald-800 sm:col-span-4">{m.connected}</p> : null}
        </form>
      ) : null}
    </section>
  );
}
