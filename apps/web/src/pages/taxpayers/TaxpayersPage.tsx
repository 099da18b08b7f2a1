import { type Role, roleAtLeast } from '@boveda/contracts';
import { useState } from 'react';
import { useTaxpayers } from '../../api/queries.js';
import type { Taxpayer } from '../../api/types.js';
import { type Column, DataTable } from '../../components/DataTable.js';
import { Page } from '../../components/Page.js';
import { RoleNotice } from '../../components/RoleNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../lib/router.js';
import { href, paths } from '../../paths.js';
import { ExpiryBadge } from './ExpiryBadge.js';
import { RegisterEfirmaForm } from './RegisterEfirmaForm.js';
import { RemoveTaxpayerDialog } from './RemoveTaxpayerDialog.js';

export function TaxpayersPage({ myRole }: { myRole: Role }) {
  const { t, date, dateTime } = useI18n();
  const canManage = roleAtLeast(myRole, 'admin');
  const taxpayers = useTaxpayers();
  const [removing, setRemoving] = useState<Taxpayer | null>(null);
  const items = taxpayers.data?.items ?? [];
  const day = (iso: string) => (
    <time dateTime={iso} title={dateTime(iso)}>
      {date(iso)}
    </time>
  );
  const columns: Column<Taxpayer>[] = [
    {
      id: 'rfc',
      header: t.taxpayers.colRfc,
      rowHeader: true,
      className: 'whitespace-nowrap',
      cell: (tp) => (
        <Link
          to={href(paths.taxpayer, { rfc: tp.rfc })}
          className="font-mono text-brand-700 underline underline-offset-2 hover:text-brand-900"
          title={t.taxpayers.requestsOf(tp.rfc)}
        >
          {tp.rfc}
        </Link>
      ),
    },
    { id: 'name', header: t.taxpayers.colName, className: 'min-w-48', cell: (tp) => tp.legalName },
    {
      id: 'serial',
      header: t.taxpayers.colSerial,
      className: 'font-mono text-xs text-slate-700',
      cell: (tp) => tp.certificateSerial,
    },
    {
      id: 'validFrom',
      header: t.taxpayers.colValidFrom,
      className: 'whitespace-nowrap',
      cell: (tp) => day(tp.validFrom),
    },
    {
      id: 'validUntil',
      header: t.taxpayers.colValidUntil,
      className: 'whitespace-nowrap',
      cell: (tp) => day(tp.validUntil),
    },
    {
      id: 'expiry',
      header: t.taxpayers.colExpiry,
      className: 'whitespace-nowrap',
      cell: (tp) => (
        <div className="flex flex-col items-start gap-1">
          <ExpiryBadge taxpayer={tp} />
          <span
            className={`text-xs ${tp.expiresSoon || tp.expired ? 'font-medium text-amber-900' : 'text-slate-500'}`}
          >
            {t.taxpayers.daysToExpiry(tp.daysToExpiry)}
          </span>
        </div>
      ),
    },
    { id: 'status', header: t.taxpayers.colStatus, cell: (tp) => t.taxpayers.status[tp.status] ?? tp.status },
    {
      id: 'actions',
      header: t.taxpayers.colActions,
      headerHidden: true,
      align: 'right',
      className: 'whitespace-nowrap',
      cell: (tp) =>
        canManage && tp.status === 'active' ? (
          <button
            type="button"
            className="btn btn-danger-quiet"
            aria-label={`${t.taxpayers.remove}: ${tp.rfc}`}
            onClick={() => setRemoving(tp)}
          >
            {t.taxpayers.remove}
          </button>
        ) : null,
    },
  ];

  return (
    <Page title={t.taxpayers.title} intro={t.taxpayers.intro}>
      {canManage ? <RegisterEfirmaForm /> : <RoleNotice text={t.taxpayers.adminOnly} />}

      <section className="card overflow-hidden">
        <DataTable
          caption={t.taxpayers.tableCaption}
          columns={columns}
          rows={items}
          rowKey={(tp) => tp.id}
          rowData={(tp) => ({ 'data-rfc': tp.rfc })}
          loading={taxpayers.isPending}
          empty={t.taxpayers.empty}
          error={taxpayers.error}
          onRetry={() => taxpayers.refetch()}
        />
      </section>

      <RemoveTaxpayerDialog target={removing} onClose={() => setRemoving(null)} />
    </Page>
  );
}
