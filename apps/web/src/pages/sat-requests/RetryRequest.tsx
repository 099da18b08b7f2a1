import { useCreateSatRequest } from '../../api/queries.js';
import type { CreateSatRequestInput, SatRequest } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import { navigate } from '../../lib/router.js';
import { satRequestPath } from '../../routes.js';

/** The same parameters as the stopped request, in the shape `POST …/sat-requests` takes. */
export function retryInputOf(request: SatRequest): CreateSatRequestInput {
  if (request.folio) return { type: request.type, folio: request.folio };
  return {
    type: request.type,
    ...(request.direction ? { direction: request.direction } : {}),
    ...(request.period ? { period: request.period } : {}),
    filters: request.filters,
  };
}

/**
 * The API has no retry of its own: a stopped request is filed again as a new one with the same
 * parameters (the server answers the open one instead if it already exists), then we open it.
 */
export function RetryRequest({ request }: { request: SatRequest }) {
  const { t } = useI18n();
  const create = useCreateSatRequest(request.rfc);
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap items-center gap-3">
        <button
          type="button"
          className="btn btn-primary"
          disabled={create.isPending}
          onClick={() =>
            create.mutate(retryInputOf(request), {
              onSuccess: (created) => navigate(satRequestPath(created.rfc, created.id)),
            })
          }
        >
          {create.isPending ? t.sat.retrying : t.sat.retry}
        </button>
        <span className="text-xs text-slate-600">{t.sat.retryHint}</span>
      </div>
      <ErrorAlert error={create.error} />
    </div>
  );
}
