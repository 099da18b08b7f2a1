import { type Role, roleAtLeast } from '@boveda/contracts';
import { useState } from 'react';
import { useTaxpayers } from '../../api/queries.js';
import type { Taxpayer } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { MessageRow } from '../../components/MessageRow.js';
import { Page } from '../../components/Page.js';
import { RoleNotice } from '../../components/RoleNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../lib/router.js';
import { href, routes } from '../../routes.js';
import { ExpiryBadge } from './ExpiryBadge.js';
import { RegisterEfirmaForm } from './RegisterEfirmaForm.js';
import { RemoveTaxpayerDialog } from './RemoveTaxpayerDialog.js';

const COLUMNS = 8;

export function TaxpayersPage({ myRole }: { myRole: Role }) {
  const { t, date, dateTime } = useI18n();
  const canManage = roleAtLeast(myRole, 'admin');
  const taxpayers = useTaxpayers();
  const [removing, setRemoving] = useState<Taxpayer | null>(null);
  const items = taxpayers.data?.items ?? [];

  return (
    <Page title={t.taxpayers.title} intro={t.taxpayers.intro}>
      {canManage ? <RegisterEfirmaForm /> : <RoleNotice text={t.taxpayers.adminOnly} />}

      <section className="card overflow-hidden">
        <ErrorAlert error={taxpayers.error} className="m-4" />
        <div className="relative overflow-x-auto">
          <table className="table" aria-busy={taxpayers.isPending}>
            <caption className="sr-only">{t.taxpayers.tableCaption}</caption>
            <thead>
              <tr>
                <th scope="col">{t.taxpayers.colRfc}</th>
                <th scope="col">{t.taxpayers.colName}</th>
                <th scope="col">{t.taxpayers.colSerial}</th>
                <th scope="col">{t.taxpayers.colValidFrom}</th>
                <th scope="col">{t.taxpayers.colValidUntil}</th>
                <th scope="col">{t.taxpayers.colExpiry}</th>
                <th scope="col">{t.taxpayers.colStatus}</th>
                <th scope="col">
                  <span className="sr-only">{t.taxpayers.colActions}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {taxpayers.isPending ? (
                <MessageRow columns={COLUMNS}>{t.app.loading}</MessageRow>
              ) : items.length === 0 && !taxpayers.error ? (
                <MessageRow columns={COLUMNS}>{t.taxpayers.empty}</MessageRow>
              ) : (
                items.map((tp) => (
                  <tr key={tp.id} data-rfc={tp.rfc}>
                    <th scope="row" className="whitespace-nowrap">
                      <Link
                        to={href(routes.taxpayer, { rfc: tp.rfc })}
                        className="font-mono text-brand-700 underline underline-offset-2 hover:text-brand-900"
                        title={t.taxpayers.requestsOf(tp.rfc)}
                      >
                        {tp.rfc}
                      </Link>
                    </th>
                    <td className="min-w-48">{tp.legalName}</td>
                    <td className="font-mono text-xs text-slate-700">{tp.certificateSerial}</td>
                    <td className="whitespace-nowrap">
                      <time dateTime={tp.validFrom} title={dateTime(tp.validFrom)}>
                        {date(tp.validFrom)}
                      </time>
                    </td>
                    <td className="whitespace-nowrap">
                      <time dateTime={tp.validUntil} title={dateTime(tp.validUntil)}>
                        {date(tp.validUntil)}
                      </time>
                    </td>
                    <td className="whitespace-nowrap">
                      <div className="flex flex-col items-start gap-1">
                        <ExpiryBadge taxpayer={tp} />
                        <span
                          className={`text-xs ${tp.expiresSoon || tp.expired ? 'font-medium text-amber-900' : 'text-slate-500'}`}
                        >
                          {t.taxpayers.daysToExpiry(tp.daysToExpiry)}
                        </span>
                      </div>
                    </td>
                    <td>{t.taxpayers.status[tp.status] ?? tp.status}</td>
                    <td className="text-right whitespace-nowrap">
                      {canManage && tp.status === 'active' ? (
                        <button
                          type="button"
                          className="btn btn-danger-quiet"
                          aria-label={`${t.taxpayers.remove}: ${tp.rfc}`}
                          onClick={() => setRemoving(tp)}
                        >
                          {t.taxpayers.remove}
                        </button>
                      ) : null}
                    </td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
      </section>

      <RemoveTaxpayerDialog target={removing} onClose={() => setRemoving(null)} />
    </Page>
  );
}
