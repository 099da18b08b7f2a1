import { useEffect } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import { useLocation } from '../../lib/router.js';
import { useOAuthConsent, useOAuthDecision } from './oauth-api.js';

/** The authorization request's parameters, as `GET /oauth/authorize` passed them on. */
const PARAMS = [
  'response_type',
  'client_id',
  'redirect_uri',
  'scope',
  'state',
  'code_challenge',
  'code_challenge_method',
] as const;

/**
 * "<App> quiere acceder a <Organización> con permiso de <lectura/escritura>": the person allows or
 * cancels; the server answers where to go next (the app's redirect URI with a code, or
 * `error=access_denied`), and the browser leaves for it.
 */
export function OAuthConsentPage() {
  const { t } = useI18n();
  const { search } = useLocation();
  const params = Object.fromEntries(
    PARAMS.flatMap((k) => {
      const v = search.get(k);
      return v === null ? [] : [[k, v]];
    }),
  ) as Partial<Record<(typeof PARAMS)[number], string>>;
  const consent = useOAuthConsent({
    client_id: params.client_id ?? '',
    redirect_uri: params.redirect_uri ?? '',
    ...(params.scope ? { scope: params.scope } : {}),
  });
  const decide = useOAuthDecision();

  useEffect(() => {
    document.title = `${t.oauth.consent.title} · ${t.app.name}`;
  }, [t]);

  function send(allowed: boolean) {
    decide.mutate(
      {
        response_type: params.response_type ?? '',
        client_id: params.client_id ?? '',
        redirect_uri: params.redirect_uri ?? '',
        ...(params.scope ? { scope: params.scope } : {}),
        ...(params.state ? { state: params.state } : {}),
        ...(params.code_challenge ? { code_challenge: params.code_challenge } : {}),
        ...(params.code_challenge_method ? { code_challenge_method: params.code_challenge_method } : {}),
        allowed,
      },
      { onSuccess: ({ redirectTo }) => window.location.assign(redirectTo) },
    );
  }

  const info = consent.data;
  const permission = info ? info.scopes.map((s) => t.oauth.consent.permissions[s]).join(', ') : '';
  let host = '';
  try {
    host = new URL(params.redirect_uri ?? '').host;
  } catch {}

  return (
    <main id="contenido" className="mx-auto max-w-lg p-6">
      <div className="card space-y-4 p-6 sm:p-8">
        <h1 className="text-xl font-semibold text-slate-900">{t.oauth.consent.title}</h1>
        {consent.isPending ? (
          <p role="status" className="text-sm text-slate-500">
            {t.oauth.consent.loading}
          </p>
        ) : null}
        <ErrorAlert error={consent.error} />
        {info ? (
          <>
            <p className="text-base text-slate-800" data-testid="consent-text">
              {t.oauth.consent.asks(info.client.name, info.organization.name, permission)}
            </p>
            <p className="text-sm text-slate-600">{t.oauth.consent.actsAs}</p>
            {host ? <p className="text-sm text-slate-600">{t.oauth.consent.redirectNote(host)}</p> : null}
            <ErrorAlert error={decide.error} />
            <div className="flex flex-wrap justify-end gap-2">
              <button
                type="button"
                className="btn btn-secondary"
                disabled={decide.isPending}
                onClick={() => send(false)}
              >
                {t.oauth.consent.cancel}
              </button>
              <button
                type="button"
                className="btn btn-primary"
                disabled={decide.isPending}
                onClick={() => send(true)}
              >
                {decide.isPending ? t.oauth.consent.sending : t.oauth.consent.allow}
              </button>
            </div>
          </>
        ) : null}
      </div>
    </main>
  );
}
