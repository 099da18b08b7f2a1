import { useRetrySatRequest } from '../../api/queries.js';
import type { SatRequest } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import { navigate } from '../../lib/router.js';
import { href, paths } from '../../paths.js';

/**
 * Files a stopped request again through the API's retry (linked to the old one, which it replaces
 * once the SAT accepts it), then opens the new request.
 */
export function RetryRequest({ request }: { request: SatRequest }) {
  const { t } = useI18n();
  const retry = useRetrySatRequest(request.rfc);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className="btn btn-primary"
          disabled={retry.isPending}
          onClick={() =>
            retry.mutate(request.id, {
              onSuccess: (created) => navigate(href(paths.satRequest, { rfc: created.rfc, id: created.id })),
            })
          }
        >
          {retry.isPending ? t.sat.retrying : t.sat.retry}
        </button>
        <span className="text-xs text-slate-600">{t.sat.retryHint}</span>
      </div>
      <ErrorAlert error={retry.error} />
    </div>
  );
}
