import { useHome } from '../../api/queries.js';
import type { HomeTaxpayer } from '../../api/types.js';
import { Badge } from '../../components/Badge.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Page } from '../../components/Page.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../lib/router.js';
import { href, paths } from '../../paths.js';
import { attentionText } from '../sat-requests/sat-history-text.js';

const linkClass = 'text-brand-700 underline underline-offset-2 hover:text-brand-900';

/** `YYYY-MM` → "diciembre 2026". */
function monthName(key: string, names: readonly string[]): string {
  const [year, month] = key.split('-');
  return `${names[Number(month) - 1] ?? month} ${year}`;
}

/**
 * `/inicio`, where a contador lands: per taxpayer the last SAT sync, this month's CFDI, the requests
 * that stopped (with the SAT's reason), the e.firma's expiry and the XML the vault still lacks; each
 * with a link to where it is dealt with.
 */
export function HomePage() {
  const { t } = useI18n();
  const h = t.home;
  const home = useHome();
  const data = home.data;
  const month = data ? monthName(data.month.key, h.months) : '';

  return (
    <Page title={h.title} intro={h.intro}>
      <ErrorAlert error={home.error} />
      {home.isPending ? (
        <p role="status" className="text-sm text-slate-500">
          {t.app.loading}
        </p>
      ) : null}
      {data && data.taxpayers.length === 0 ? (
        <section aria-labelledby="home-empty" className="card space-y-3 p-6">
          <h2 id="home-empty" className="text-lg font-semibold">
            {h.emptyTitle}
          </h2>
          <p className="max-w-2xl text-sm text-slate-700">{h.emptyText}</p>
          <Link to={href(paths.taxpayers)} className="btn btn-primary">
            {h.emptyAction}
          </Link>
        </section>
      ) : null}
      {data && data.taxpayers.length > 0 ? (
        <>
          <section aria-label={h.totalsLabel}>
            <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-5">
              <Stat label={h.totalTaxpayers} value={String(data.totals.taxpayers)} />
              <Stat
                label={h.totalThisMonth(month)}
                value={h.issuedReceived(data.totals.thisMonth.issued, data.totals.thisMonth.received)}
              />
              <Stat
                label={h.totalAttention}
                value={String(data.totals.attention)}
                warn={data.totals.attention > 0}
              />
              <Stat
                label={h.totalExpiring}
                value={String(data.totals.efirmasExpiring)}
                warn={data.totals.efirmasExpiring > 0}
              />
              <Stat
                label={h.totalMissing}
                value={String(data.totals.missingXml)}
                warn={data.totals.missingXml > 0}
              />
            </dl>
          </section>
          <div className="grid gap-4 lg:grid-cols-2">
            {data.taxpayers.map((tp) => (
              <TaxpayerCard key={tp.rfc} taxpayer={tp} month={month} range={data.month} />
            ))}
          </div>
        </>
      ) : null}
    </Page>
  );
}

function Stat({ label, value, warn = false }: { label: string; value: string; warn?: boolean }) {
  return (
    <div className={`card p-4 ${warn ? 'border-amber-300 bg-amber-50' : ''}`}>
      <dt className="text-xs font-medium text-slate-600">{label}</dt>
      <dd className="mt-1 text-lg font-semibold text-slate-900">{value}</dd>
    </div>
  );
}

function TaxpayerCard({
  taxpayer: tp,
  month,
  range,
}: {
  taxpayer: HomeTaxpayer;
  month: string;
  range: { from: string; to: string };
}) {
  const { t, date, dateTime } = useI18n();
  const h = t.home;
  const id = `home-tp-${tp.rfc}`;
  const explorer = (direction: 'issued' | 'received') =>
    href(paths.cfdi, {}, { rfc: tp.rfc, direction, from: range.from, to: range.to });
  const more = tp.attentionCount - tp.attention.length;

  return (
    <article aria-labelledby={id} className="card space-y-4 p-5">
      <header className="flex flex-wrap items-baseline justify-between gap-2">
        <h2 id={id} className="text-base font-semibold">
          <Link to={href(paths.taxpayer, { rfc: tp.rfc })} className={`font-mono ${linkClass}`}>
            {tp.rfc}
          </Link>{' '}
          <span className="font-normal text-slate-700">{tp.legalName}</span>
        </h2>
        <Link to={href(paths.cfdi, {}, { rfc: tp.rfc, vista: 'grafica' })} className={`text-sm ${linkClass}`}>
          {h.openChart}
        </Link>
      </header>
      <dl className="grid gap-3 text-sm sm:grid-cols-2">
        <div>
          <dt className="font-medium text-slate-600">{h.lastSync}</dt>
          <dd>
            {tp.lastSyncAt ? (
              <time dateTime={tp.lastSyncAt}>{dateTime(tp.lastSyncAt)}</time>
            ) : (
              <span className="text-slate-500">{h.neverSynced}</span>
            )}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-600">{h.thisMonth(month)}</dt>
          <dd className="flex gap-3">
            <Link to={explorer('issued')} className={linkClass}>
              {h.issuedLink(tp.thisMonth.issued)}
            </Link>
            <Link to={explorer('received')} className={linkClass}>
              {h.receivedLink(tp.thisMonth.received)}
            </Link>
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-600">{h.efirma}</dt>
          <dd className="flex flex-wrap items-center gap-2">
            <span>{h.efirmaUntil(date(tp.efirma.validUntil))}</span>
            {tp.efirma.expired ? (
              <Badge tone="danger" icon="⚠">
                {h.efirmaExpired}
              </Badge>
            ) : tp.efirma.expiresSoon ? (
              <Badge tone="warning" icon="⚠">
                {h.efirmaExpiring(tp.efirma.daysToExpiry)}
              </Badge>
            ) : null}
          </dd>
        </div>
        <div>
          <dt className="font-medium text-slate-600">{h.missingXml}</dt>
          <dd>
            {tp.missingXml > 0 ? (
              // The same definition of missing as the Metadatos page's toggle lists.
              <Link to={href(paths.metadata, {}, { rfc: tp.rfc, missingXml: 'true' })} className={linkClass}>
                {h.missingXmlText(tp.missingXml)}
              </Link>
            ) : (
              <span className="text-slate-600">{h.noMissingXml}</span>
            )}
          </dd>
        </div>
      </dl>
      <section aria-label={`${h.attention} · ${tp.rfc}`} className="space-y-2">
        <h3 className="text-sm font-semibold">
          {h.attention} ({tp.attentionCount})
        </h3>
        {tp.attention.length === 0 ? (
          <p className="text-sm text-slate-600">{h.attentionNone}</p>
        ) : (
          <ul className="space-y-2 text-sm">
            {tp.attention.map((r) => (
              <li key={r.id} className="rounded-md border border-amber-200 bg-amber-50 p-2">
                <Link to={href(paths.satRequest, { rfc: tp.rfc, id: r.id })} className={linkClass}>
                  {t.sat.types[r.type] ?? r.type}
                  {r.direction ? ` · ${t.sat.directions[r.direction] ?? r.direction}` : ''}
                  {r.period ? ` · ${r.period.start.slice(0, 10)} – ${r.period.end.slice(0, 10)}` : ''}
                </Link>
                <p className="text-slate-800">
                  {r.code !== null ? <strong>{h.attentionCode(r.code)}: </strong> : null}
                  {attentionText(r.attention, r.reason, t) ?? t.sat.states.failed}
                </p>
              </li>
            ))}
          </ul>
        )}
        {more > 0 ? (
          <Link to={href(paths.taxpayer, { rfc: tp.rfc })} className={`text-sm ${linkClass}`}>
            {h.attentionMore(more)}
          </Link>
        ) : null}
      </section>
      <Link to={href(paths.taxpayer, { rfc: tp.rfc })} className="btn btn-secondary">
        {h.openRequests}
      </Link>
    </article>
  );
}
