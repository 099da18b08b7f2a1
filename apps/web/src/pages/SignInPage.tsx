import { type FormEvent, useEffect, useState } from 'react';
import { useLogin } from '../api/queries.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Field } from '../components/Field.js';
import { useI18n } from '../i18n/i18n.js';
import { Link, navigate, safeReturnPath, useLocation } from '../lib/router.js';
import { homeFor, paths } from '../paths.js';

export function SignInPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const login = useLogin();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [tenant, setTenant] = useState('');
  const expired = search.get('expirada') === '1';

  useEffect(() => {
    document.title = `${t.signIn.title} · ${t.app.name}`;
  }, [t]);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const slug = tenant.trim();
    login.mutate(
      { email: email.trim(), password, ...(slug ? { tenant: slug } : {}) },
      {
        onSuccess: (result) =>
          navigate(safeReturnPath(search.get('siguiente')) ?? homeFor(result.role), { replace: true }),
      },
    );
  }

  return (
    <main id="contenido" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center gap-3">
          <img src="/favicon.svg" alt="" className="h-10 w-10" />
          <span className="text-xl font-semibold tracking-tight text-brand-900">{t.app.name}</span>
        </div>
        <div className="card p-6 sm:p-8">
          <h1 className="text-xl font-semibold text-slate-900">{t.signIn.title}</h1>
          <p className="mt-1 text-sm text-slate-600">{t.signIn.subtitle}</p>

          {expired && !login.error ? (
            <p
              role="status"
              className="mt-4 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900"
            >
              {t.signIn.sessionExpired}
            </p>
          ) : null}
          <ErrorAlert error={login.error} className="mt-4" />

          <form className="mt-6 space-y-4" onSubmit={onSubmit}>
            <Field id="signin-email" label={t.signIn.email}>
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
            <Field id="signin-password" label={t.signIn.password}>
              {(control) => (
                <input
                  {...control}
                  name="password"
                  type="password"
                  autoComplete="current-password"
                  required
                  className="input"
                  value={password}
                  onChange={(e) => setPassword(e.target.value)}
                />
              )}
            </Field>
            <details className="group rounded-md text-sm">
              <summary className="cursor-pointer rounded-sm text-brand-700 hover:underline">
                {t.signIn.severalOrgs}
              </summary>
              <Field
                id="signin-tenant"
                label={t.signIn.organization}
                hint={t.signIn.organizationHint}
                className="mt-3"
              >
                {(control) => (
                  <input
                    {...control}
                    name="tenant"
                    autoComplete="organization"
                    autoCapitalize="none"
                    spellCheck={false}
                    className="input"
                    value={tenant}
                    onChange={(e) => setTenant(e.target.value)}
                  />
                )}
              </Field>
            </details>
            <button type="submit" className="btn btn-primary w-full" disabled={login.isPending}>
              {login.isPending ? t.signIn.submitting : t.signIn.submit}
            </button>
          </form>
          <p className="mt-4 text-center text-sm">
            <Link to={paths.forgotPassword.path} className="text-brand-700 hover:underline">
              {t.signIn.forgot}
            </Link>
          </p>
        </div>
      </div>
    </main>
  );
}
