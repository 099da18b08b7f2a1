import { useSyncSat } from '../../api/queries.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';

/** Starts the verification the schedule would run tonight; the job runs on the server. */
export function SyncNowCard() {
  const { t } = useI18n();
  const sync = useSyncSat();
  return (
    <section aria-labelledby="sync-now-title" className="card flex flex-col gap-3 p-5">
      <h2 id="sync-now-title" className="text-base font-semibold">
        {t.sat.sync}
      </h2>
      <p className="text-sm text-slate-600">{t.sat.syncIntro}</p>
      <div>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={sync.isPending}
          onClick={() => sync.mutate()}
        >
          {sync.isPending ? t.sat.syncing : t.sat.sync}
        </button>
      </div>
      <ErrorAlert error={sync.error} />
      <p role="status" className={sync.isSuccess ? 'text-sm text-emerald-800' : 'sr-only'}>
        {sync.isSuccess ? t.sat.syncQueued : ''}
      </p>
    </section>
  );
}
