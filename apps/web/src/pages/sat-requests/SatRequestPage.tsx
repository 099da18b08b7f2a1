import { roleAtLeast } from '@boveda/contracts';
import type { ReactNode } from 'react';
import { useSatRequest } from '../../api/queries.js';
import type { SatRequestDetail } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Page } from '../../components/Page.js';
import type { Messages } from '../../i18n/es-MX.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../lib/route-table.js';
import { Link } from '../../lib/router.js';
import { href, paths } from '../../paths.js';
import { HistoryTimeline } from './HistoryTimeline.js';
import { RequestPackages } from './RequestPackages.js';
import { RetryRequest } from './RetryRequest.js';
import { StateBadge } from './StateBadge.js';
import { attentionText } from './sat-history-text.js';
import { relationOf, requestTitle } from './sat-labels.js';

/** `/contribuyentes/{rfc}/solicitudes/{id}`: one request, its links, packages and full history. */
export function SatRequestPage({ params: { rfc, id }, myRole }: PageProps<{ rfc: string; id: string }>) {
  const { t, locale } = useI18n();
  const query = useSatRequest(rfc, id);
  const request = query.data;

  return (
    <Page title={request ? requestTitle(request, t, locale) : t.sat.detailTitle} intro={rfc}>
      <nav aria-label={t.sat.backToRequests(rfc)} className="-mt-3 text-sm">
        <Link
          to={href(paths.taxpayer, { rfc })}
          className="text-brand-700 underline-offset-2 hover:underline"
        >
          ← {t.sat.backToRequests(rfc)}
        </Link>
      </nav>
      <ErrorAlert error={query.error} />
      {query.isPending ? (
        <p role="status" className="text-sm text-slate-500">
          {t.app.loading}
        </p>
      ) : null}
      {request ? <RequestDetail request={request} canRetry={roleAtLeast(myRole, 'member')} /> : null}
    </Page>
  );
}

export function RequestDetail({ request, canRetry }: { request: SatRequestDetail; canRetry: boolean }) {
  const { t, locale } = useI18n();
  const reason = attentionText(request.attention, request.needsAttention, t);
  return (
    <>
      {request.needsAttention || request.state === 'failed' ? (
        <section
          aria-labelledby="attention-title"
          className="space-y-3 rounded-lg border border-red-200 bg-red-50 p-5 text-red-900"
        >
          <h2 id="attention-title" className="flex items-center gap-2 text-base font-semibold">
            <span aria-hidden="true">⚠</span>
            {t.sat.needsAttention}
          </h2>
          {reason ? (
            <div className="text-sm">
              <p className="text-xs text-red-800/80">{t.sat.serverReason}</p>
              <p className="mt-0.5">{reason}</p>
            </div>
          ) : null}
          {canRetry && request.state === 'failed' ? <RetryRequest request={request} /> : null}
        </section>
      ) : null}

      <section aria-labelledby="request-summary-title" className="card p-5">
        <h2 id="request-summary-title" className="text-base font-semibold">
          {t.sat.summary}
        </h2>
        <RequestSummary request={request} t={t} />
      </section>

      {request.related.length > 0 ? (
        <section aria-labelledby="related-title" className="card p-5">
          <h2 id="related-title" className="text-base font-semibold">
            {t.sat.related}
          </h2>
          <ul className="mt-3 divide-y divide-slate-100 text-sm">
            {request.related.map((other) => {
              const relation = relationOf(request, other);
              return (
                <li key={other.id} className="flex flex-wrap items-center gap-x-3 gap-y-1 py-2">
                  {relation ? (
                    <span className="w-36 text-xs font-medium text-slate-500">
                      {t.sat.relations[relation]}
                    </span>
                  ) : null}
                  <Link
                    to={href(paths.satRequest, { rfc: other.rfc, id: other.id })}
                    className="text-brand-700 underline-offset-2 hover:underline"
                  >
                    {requestTitle(other, t, locale)}
                  </Link>
                  <StateBadge state={other.state} attention={other.needsAttention !== null} />
                </li>
              );
            })}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="packages-title" className="card overflow-hidden">
        <h2 id="packages-title" className="px-4 pt-4 pb-2 text-base font-semibold">
          {t.sat.packages}
        </h2>
        <RequestPackages
          packages={request.packages}
          rfc={request.rfc}
          requestId={request.id}
          // Retrying and downloading a raw package are both for members and up.
          canDownload={canRetry}
        />
      </section>

      <section aria-labelledby="history-title" className="card p-5">
        <h2 id="history-title" className="mb-4 text-base font-semibold">
          {t.sat.history}
        </h2>
        <HistoryTimeline events={request.history} />
      </section>
    </>
  );
}

function RequestSummary({ request, t }: { request: SatRequestDetail; t: Messages }) {
  const { dateTime, number } = useI18n();
  const { sat } = request;
  const filters = Object.entries(request.filters).filter(([, v]) => v !== undefined && v !== null);
  const when = (iso: string | null) => (iso ? dateTime(iso) : '—');
  return (
    <dl className="mt-3 grid gap-x-6 gap-y-3 text-sm sm:grid-cols-2 lg:grid-cols-3">
      <Item label={t.sat.colState}>
        <StateBadge state={request.state} attention={request.needsAttention !== null} />
      </Item>
      <Item label={t.sat.colOrigin}>{t.sat.origins[request.origin] ?? request.origin}</Item>
      <Item label={t.sat.satRequestId}>
        {request.satRequestId ? (
          <code className="font-mono text-xs break-all">{request.satRequestId}</code>
        ) : (
          <span className="text-slate-500">{t.sat.notFiled}</span>
        )}
      </Item>
      <Item label={t.sat.lastSatAnswer}>
        {sat.statusCode !== null ? t.sat.satAnswer(sat.statusCode, sat.statusMessage) : '—'}
        {sat.requestState !== null ? (
          <span className="block text-xs text-slate-500">
            EstadoSolicitud {sat.requestState}
            {sat.requestCode !== null ? ` · CodigoEstadoSolicitud ${sat.requestCode}` : ''}
          </span>
        ) : null}
      </Item>
      <Item label={t.sat.cfdiCount}>{request.cfdiCount === null ? '—' : number(request.cfdiCount)}</Item>
      <Item label={request.folio ? t.sat.folioLabel : t.sat.filters}>
        {request.folio ? (
          <code className="font-mono text-xs">{request.folio}</code>
        ) : filters.length === 0 ? (
          t.sat.noFilters
        ) : (
          <ul>
            {filters.map(([key, value]) => (
              <li key={key}>
                <span className="text-slate-500">{t.sat.filterLabels[key] ?? key}:</span>{' '}
                {Array.isArray(value) ? value.join(', ') : String(value)}
              </li>
            ))}
          </ul>
        )}
      </Item>
      <Item label={t.sat.createdAt}>{when(request.createdAt)}</Item>
      <Item label={t.sat.submittedAt}>{when(request.submittedAt)}</Item>
      <Item label={t.sat.lastVerifiedAt}>{when(request.lastVerifiedAt)}</Item>
      <Item label={t.sat.finishedAt}>{when(request.finishedAt)}</Item>
    </dl>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt className="text-xs text-slate-500">{label}</dt>
      <dd className="mt-0.5">{children}</dd>
    </div>
  );
}
