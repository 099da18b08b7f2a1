import { PASSWORD_MIN_LENGTH } from '@boveda/contracts';
import { type FormEvent, useState } from 'react';
import { useChangeMyPassword, useMe } from '../../api/queries.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { useI18n } from '../../i18n/i18n.js';
import { passwordHint, passwordRuleText } from '../../i18n/password-rule.js';
import { Done } from './PublicCard.js';

/** Mi cuenta: the signed-in person changes their own password (their other sessions end). */
export function AccountPage() {
  const { t } = useI18n();
  const me = useMe();
  const change = useChangeMyPassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [weak, setWeak] = useState<string | undefined>();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The server's own rule, checked here first so the person is told before a round trip.
    const rule = passwordRuleText(newPassword, t);
    setWeak(rule);
    if (rule) return;
    if (newPassword !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrent('');
          setNew('');
          setRepeat('');
        },
      },
    );
  }

  return (
    <Page title={t.account.title} intro={me.data?.user?.email ?? t.account.intro}>
      <section aria-labelledby="change-password-title" className="card max-w-lg p-5">
        <h2 id="change-password-title" className="text-base font-semibold">
          {t.account.changePassword}
        </h2>
        {me.data && !me.data.user ? (
          <p className="mt-1 text-sm text-slate-600">{t.account.notAPerson}</p>
        ) : (
          <>
            <p className="mt-1 text-sm text-slate-600">{t.account.changePasswordIntro}</p>
            {change.isSuccess ? <Done>{t.account.saved}</Done> : null}
            {mismatch ? (
              <p role="alert" className="mt-4 text-sm text-red-700">
                {t.account.mismatch}
              </p>
            ) : null}
            <ErrorAlert error={change.error} className="mt-4" />
            <form className="mt-4 space-y-4" onSubmit={onSubmit}>
              <Field id="account-current" label={t.account.currentPassword}>
                {(control) => (
                  <input
                    {...control}
                    name="current-password"
                    type="password"
                    autoComplete="current-password"
                    required
                    className="input"
                    value={currentPassword}
                    onChange={(e) => setCurrent(e.target.value)}
                  />
                )}
              </Field>
              <Field id="account-new" label={t.account.newPassword} hint={passwordHint(t)} error={weak}>
                {(control) => (
                  <input
                    {...control}
                    name="new-password"
                    type="password"
                    autoComplete="new-password"
                    required
                    minLength={PASSWORD_MIN_LENGTH}
                    className="input"
                    value={newPassword}
                    onChange={(e) => setNew(e.target.value)}
                  />
                )}
              </Field>
              <Field id="account-repeat" label={t.account.repeatPassword}>
                {(control) => (
                  <input
                    {...control}
                    name="repeat-password"
                    type="password"
                    autoComplete="new-password"
                    required
                    className="input"
                    value={repeat}
                    onChange={(e) => setRepeat(e.target.value)}
                  />
                )}
              </Field>
              <button type="submit" className="btn btn-primary" disabled={change.isPending}>
                {change.isPending ? t.account.saving : t.account.save}
              </button>
            </form>
          </>
        )}
      </section>
    </Page>
  );
}
