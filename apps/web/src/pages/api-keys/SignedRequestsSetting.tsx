import { useState } from 'react';
import { useOrganizationSettings, useUpdateOrganizationSettings } from '../../api/queries.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';

/** The organization's `requireSignedRequests` switch (admins and owners; the server checks it too). */
export function SignedRequestsSetting() {
  const { t } = useI18n();
  const settings = useOrganizationSettings();
  const update = useUpdateOrganizationSettings();
  // While saving, the switch shows what was asked; a refusal puts it back to the stored value.
  // Kept in component state (set inside the click's event) rather than read from the mutation,
  // whose state reaches React a task later: in between, the controlled input snapped back.
  const [asked, setAsked] = useState<boolean | undefined>(undefined);
  const on = asked ?? settings.data?.requireSignedRequests ?? false;

  return (
    <section aria-labelledby="signed-requests-title" className="card p-5">
      <h2 id="signed-requests-title" className="text-base font-semibold">
        {t.apiKeys.signedTitle}
      </h2>
      <p id="signed-requests-intro" className="mt-1 text-sm text-slate-600">
        {t.apiKeys.signedIntro}
      </p>
      <label className="mt-3 inline-flex items-center gap-2 text-sm font-medium text-slate-800">
        <input
          type="checkbox"
          role="switch"
          aria-describedby="signed-requests-intro"
          checked={on}
          aria-checked={on}
          disabled={settings.isPending || update.isPending}
          onChange={(e) => {
            setAsked(e.target.checked);
            update.mutate(
              { requireSignedRequests: e.target.checked },
              { onSettled: () => setAsked(undefined) },
            );
          }}
        />
        {t.apiKeys.signedToggle}
        {update.isPending ? <span className="text-xs text-slate-500">{t.apiKeys.signedSaving}</span> : null}
      </label>
      <ErrorAlert error={settings.error ?? update.error} className="mt-3" />
    </section>
  );
}
