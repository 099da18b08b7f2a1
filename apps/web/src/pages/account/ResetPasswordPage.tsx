import { PASSWORD_MIN_LENGTH } from '@boveda/contracts';
import { type FormEvent, useState } from 'react';
import { useConfirmPasswordReset } from '../../api/queries.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import { passwordHint, passwordRuleText } from '../../i18n/password-rule.js';
import { Link, useLocation } from '../../lib/router.js';
import { paths } from '../../paths.js';
import { Done, PublicCard } from './PublicCard.js';

/** Where the e-mailed link lands: `/restablecer?token=…`. The token works once. */
export function ResetPasswordPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const token = search.get('token') ?? '';
  const confirm = useConfirmPasswordReset();
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [mismatch, setMismatch] = useState(false);
  const [weak, setWeak] = useState<string | undefined>();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The server's own rule, checked here first so the person is told before a round trip.
    const rule = passwordRuleText(password, t);
    setWeak(rule);
    if (rule) return;
    if (password !== repeat) {
      setMismatch(true);
      return;
    }
    setMismatch(false);
    confirm.mutate({ token, password });
  }

  const askAgain = (
    <Link to={paths.forgotPassword.path} className="text-brand-700 hover:underline">
      {t.resetPassword.askAgain}
    </Link>
  );

  return (
    <PublicCard title={t.resetPassword.title} intro={t.resetPassword.intro}>
      {!token ? (
        <p role="alert" className="mt-4 text-sm text-red-700">
          {t.resetPassword.missingToken} {askAgain}
        </p>
      ) : confirm.isSuccess ? (
        <>
          <Done>{t.resetPassword.done}</Done>
          <p className="mt-6 text-sm">
            <Link to={paths.signIn.path} className="btn btn-primary w-full">
              {t.resetPassword.signIn}
            </Link>
          </p>
        </>
      ) : (
        <>
          {mismatch ? (
            <p role="alert" className="mt-4 text-sm text-red-700">
              {t.resetPassword.mismatch}
            </p>
          ) : null}
          <ErrorAlert error={confirm.error} className="mt-4" />
          <form className="mt-6 space-y-4" onSubmit={onSubmit}>
            <Field id="reset-password" label={t.resetPassword.password} hint={passwordHint(t)} error={weak}>
              {(control) => (
                <input
                  {...control}
                  name="password"
                  type="password"
                  autoComplete="new-password"
                  required
                  minLength={PASSWORD_MIN_LENGTH}
                  className="input"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              )}
            </Field>
            <Field id="reset-repeat" label={t.resetPassword.repeat}>
              {(control) => (
                <input
                  {...control}
                  name="repeat"
                  type="password"
                  autoComplete="new-password"
                  required
                  className="input"
                  value={repeat}
                  onChange={(e) => setRepeat(e.target.value)}
                />
              )}
            </Field>
            <button type="submit" className="btn btn-primary w-full" disabled={confirm.isPending}>
              {confirm.isPending ? t.resetPassword.submitting : t.resetPassword.submit}
            </button>
          </form>
          {confirm.error ? <p className="mt-4 text-sm">{askAgain}</p> : null}
        </>
      )}
    </PublicCard>
  );
}
