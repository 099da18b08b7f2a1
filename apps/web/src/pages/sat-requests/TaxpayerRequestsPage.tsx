import { roleAtLeast } from '@boveda/contracts';
import { useTaxpayer } from '../../api/queries.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Page } from '../../components/Page.js';
import { RoleNotice } from '../../components/RoleNotice.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../lib/route-table.js';
import { Link } from '../../lib/router.js';
import { href, paths } from '../../paths.js';
import { ExpiryBadge } from '../taxpayers/ExpiryBadge.js';
import { SatRequestsTable } from './SatRequestsTable.js';
import { SatYearsCard } from './SatYearsCard.js';
import { SyncNowCard } from './SyncNowCard.js';
import { YearDownloadForm } from './YearDownloadForm.js';

/** `/contribuyentes/{rfc}`: the taxpayer's e.firma and its SAT requests. */
export function TaxpayerRequestsPage({ params: { rfc }, myRole }: PageProps<{ rfc: string }>) {
  const { t, date } = useI18n();
  const taxpayer = useTaxpayer(rfc);
  const canRequest = roleAtLeast(myRole, 'member');
  const tp = taxpayer.data;

  return (
    <Page title={t.taxpayers.requestsOf(rfc)} intro={tp?.legalName}>
      <nav aria-label={t.sat.back} className="-mt-3 text-sm">
        <Link to={href(paths.taxpayers)} className="text-brand-700 underline-offset-2 hover:underline">
          ← {t.sat.back}
        </Link>
      </nav>
      <ErrorAlert error={taxpayer.error} />
      {tp && (tp.expired || tp.expiresSoon) ? (
        <p
          role="note"
          className="flex gap-2 rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm font-medium text-amber-900"
        >
          <span aria-hidden="true">⚠</span>
          <span>{t.taxpayers.expiryWarning(tp.daysToExpiry)}</span>
        </p>
      ) : null}
      {tp ? (
        <section aria-labelledby="efirma-summary-title" className="card p-5">
          <h2 id="efirma-summary-title" className="sr-only">
            {t.sat.taxpayerSummary}
          </h2>
          <dl className="grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-4">
            <div>
              <dt className="text-xs text-slate-500">{t.taxpayers.colSerial}</dt>
              <dd className="font-mono text-xs">{tp.certificateSerial}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t.taxpayers.colValidFrom}</dt>
              <dd>{date(tp.validFrom)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t.taxpayers.colValidUntil}</dt>
              <dd>{date(tp.validUntil)}</dd>
            </div>
            <div>
              <dt className="text-xs text-slate-500">{t.taxpayers.colExpiry}</dt>
              <dd className="flex flex-wrap items-center gap-2">
                <ExpiryBadge taxpayer={tp} />
                <span className="text-xs text-slate-600">{t.taxpayers.daysToExpiry(tp.daysToExpiry)}</span>
              </dd>
            </div>
          </dl>
        </section>
      ) : null}

      {/* Without a registered e.firma (removed, mistyped RFC) there is nothing to file or sync. */}
      {!tp ? null : canRequest ? (
        <div className="grid gap-6 lg:grid-cols-[minmax(0,2fr)_minmax(0,1fr)]">
          <YearDownloadForm rfc={rfc} />
          <SyncNowCard />
        </div>
      ) : (
        <RoleNotice text={t.sat.memberOnly} />
      )}

      {tp ? <SatYearsCard rfc={rfc} /> : null}
      <SatRequestsTable rfc={rfc} />
    </Page>
  );
}
