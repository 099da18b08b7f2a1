import { type FormEvent, useState } from 'react';
import { useRequestPasswordReset } from '../../api/queries.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../lib/router.js';
import { paths } from '../../paths.js';
import { Done, PublicCard } from './PublicCard.js';

/** "¿Olvidaste tu contraseña?": the server answers the same for any email, and so does this page. */
export function ForgotPasswordPage() {
  const { t } = useI18n();
  const request = useRequestPasswordReset();
  const [email, setEmail] = useState('');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    request.mutate(email.trim());
  }

  return (
    <PublicCard title={t.forgotPassword.title} intro={t.forgotPassword.intro}>
      {request.isSuccess ? (
        <Done>{t.forgotPassword.sent(request.variables)}</Done>
      ) : (
        <>
          <ErrorAlert error={request.error} className="mt-4" />
          <form className="mt-6 space-y-4" onSubmit={onSubmit}>
            <Field id="forgot-email" label={t.forgotPassword.email}>
              {(control) => (
                <input
                  {...control}
                  name="email"
                  type="email"
                  autoComplete="username"
                  required
                  className="input"
                  value={email}
                  onChange={(e) => setEmail(e.target.value)}
                />
              )}
            </Field>
            <button type="submit" className="btn btn-primary w-full" disabled={request.isPending}>
              {request.isPending ? t.forgotPassword.submitting : t.forgotPassword.submit}
            </button>
          </form>
        </>
      )}
      <p className="mt-6 text-sm">
        <Link to={paths.signIn.path} className="text-brand-700 hover:underline">
          {t.forgotPassword.back}
        </Link>
      </p>
    </PublicCard>
  );
}
