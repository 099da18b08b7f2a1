import { useEffect } from 'react';
import { ApiError } from './api/errors.js';
import { LiveUpdates } from './api/live.js';
import { useMe } from './api/queries.js';
import type { Me } from './api/types.js';
import { ErrorAlert } from './components/ErrorAlert.js';
import { Shell } from './components/Shell.js';
import { useI18n } from './i18n/i18n.js';
import { navigate, useLocation } from './lib/router.js';
import { ApiKeysPage } from './pages/api-keys/ApiKeysPage.js';
import { AuditPage } from './pages/audit/AuditPage.js';
import { CfdiPage } from './pages/cfdi/CfdiPage.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { SignInPage } from './pages/SignInPage.js';
import { SatRequestPage } from './pages/sat-requests/SatRequestPage.js';
import { TaxpayerRequestsPage } from './pages/sat-requests/TaxpayerRequestsPage.js';
import { TaxpayersPage } from './pages/taxpayers/TaxpayersPage.js';
import { UsersPage } from './pages/users/UsersPage.js';
import { homeFor, matchTaxpayerRoute, SIGN_IN_PATH } from './routes.js';

export function App() {
  const { pathname } = useLocation();
  if (pathname === SIGN_IN_PATH) return <SignInPage />;
  return <SignedInApp pathname={pathname} />;
}

function SignedInApp({ pathname }: { pathname: string }) {
  const { t } = useI18n();
  const me = useMe();

  const role = me.data?.role;
  useEffect(() => {
    if (pathname === '/' && role) navigate(homeFor(role), { replace: true });
  }, [pathname, role]);

  if (me.isPending || (me.error instanceof ApiError && me.error.status === 401)) {
    // A 401 is already on its way to the sign-in page (see ApiProvider).
    return (
      <p role="status" className="p-8 text-sm text-slate-500">
        {t.app.loading}
      </p>
    );
  }
  if (me.error) {
    return (
      <main id="contenido" className="mx-auto max-w-lg space-y-4 p-8">
        <h1 className="text-xl font-semibold">{t.common.errorTitle}</h1>
        <ErrorAlert error={me.error} />
        <button type="button" className="btn btn-secondary" onClick={() => me.refetch()}>
          {t.common.retry}
        </button>
      </main>
    );
  }
  return (
    <LiveUpdates enabled>
      <Shell me={me.data}>
        <CurrentPage pathname={pathname} me={me.data} />
      </Shell>
    </LiveUpdates>
  );
}

function CurrentPage({ pathname, me }: { pathname: string; me: Me }) {
  switch (pathname) {
    case '/':
      return null;
    case '/claves-api':
      return <ApiKeysPage myRole={me.role} />;
    case '/usuarios':
      return <UsersPage myRole={me.role} />;
    case '/auditoria':
      return <AuditPage myRole={me.role} />;
    case '/cfdi':
      return <CfdiPage />;
    case '/contribuyentes':
      return <TaxpayersPage myRole={me.role} />;
  }
  const taxpayerRoute = matchTaxpayerRoute(pathname);
  if (taxpayerRoute?.page === 'taxpayer')
    return <TaxpayerRequestsPage key={taxpayerRoute.rfc} rfc={taxpayerRoute.rfc} myRole={me.role} />;
  if (taxpayerRoute?.page === 'satRequest')
    return (
      <SatRequestPage key={taxpayerRoute.id} rfc={taxpayerRoute.rfc} id={taxpayerRoute.id} myRole={me.role} />
    );
  return <NotFoundPage home={homeFor(me.role)} />;
}
