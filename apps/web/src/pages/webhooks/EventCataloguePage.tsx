import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Page } from '../../components/Page.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../lib/route-table.js';
import { Link } from '../../lib/router.js';
import { href, paths } from '../../paths.js';
import { eventDescription, prettyJson } from './webhook-labels.js';
import { useEventTypes, type WebhookEventTypeItem } from './webhooks-api.js';

/** `/webhooks/eventos`: every type an endpoint may subscribe to, with an example and its schema. */
export function EventCataloguePage(_: PageProps) {
  const { t } = useI18n();
  const m = t.webhooks;
  const types = useEventTypes();
  return (
    <Page title={m.catalogueTitle} intro={m.catalogueIntro}>
      <p className="text-sm">
        <Link to={href(paths.webhooks)} className="text-brand-700 underline-offset-2 hover:underline">
          ← {m.back}
        </Link>
      </p>
      {types.isPending ? <p className="text-sm text-slate-600">{t.app.loading}</p> : null}
      <ErrorAlert error={types.error} />
      <ul className="space-y-4" aria-label={m.catalogueCaption}>
        {(types.data?.items ?? []).map((item) => (
          <EventTypeCard key={item.type} item={item} />
        ))}
      </ul>
    </Page>
  );
}

function EventTypeCard({ item }: { item: WebhookEventTypeItem }) {
  const { t } = useI18n();
  const m = t.webhooks;
  const pre =
    'mt-2 max-h-96 overflow-auto rounded-md border border-slate-200 bg-slate-50 p-3 font-mono text-xs whitespace-pre';
  // The example is what a receiver gets: the envelope around `data`.
  const envelope = {
    id: '5f0c8a6e-2b1d-4c3a-9e8f-7a6b5c4d3e2f',
    type: item.type,
    version: item.version,
    timestamp: '2026-12-05T18:00:00.000Z',
    data: item.example,
  };
  return (
    <li className="card p-5" data-event-type={item.type}>
      <h2 className="flex flex-wrap items-baseline gap-x-3 gap-y-1">
        <code className="font-mono text-base font-semibold break-all">{item.type}</code>
        <span className="text-xs text-slate-500">{m.version(item.version)}</span>
      </h2>
      <p className="mt-1 text-sm text-slate-700">{eventDescription(item.type, item.description, m)}</p>
      <details className="mt-3">
        <summary className="cursor-pointer text-sm font-medium text-brand-700">{m.example}</summary>
        <pre className={pre}>{prettyJson(envelope)}</pre>
      </details>
      <details className="mt-2">
        <summary className="cursor-pointer text-sm font-medium text-brand-700">{m.schema}</summary>
        <pre className={pre}>{prettyJson(item.schema)}</pre>
      </details>
    </li>
  );
}
