import { Suspense, useEffect } from 'react';
import { ApiError } from './api/errors.js';
import { LiveUpdates } from './api/live.js';
import { useMe } from './api/queries.js';
import { ErrorAlert } from './components/ErrorAlert.js';
import { PageErrorBoundary } from './components/PageErrorBoundary.js';
import { Shell } from './components/Shell.js';
import { useI18n } from './i18n/i18n.js';
import type { RouteMatch } from './lib/route-table.js';
import { navigate, useLocation } from './lib/router.js';
import { NotFoundPage } from './pages/NotFoundPage.js';
import { homeFor } from './paths.js';
import { findRoute, preloadPages } from './routes.js';

export function App() {
  const { pathname } = useLocation();
  const match = findRoute(pathname);
  if (match?.route.public)
    return (
      <PageErrorBoundary key={pathname}>
        <Suspense fallback={<Loading />}>{match.route.render(match.params, null)}</Suspense>
      </PageErrorBoundary>
    );
  return <SignedInApp pathname={pathname} match={match} />;
}

/** While a page's chunk or the person's session loads. */
function Loading() {
  const { t } = useI18n();
  return (
    <p role="status" className="p-8 text-sm text-slate-500">
      {t.app.loading}
    </p>
  );
}

function SignedInApp({ pathname, match }: { pathname: string; match: RouteMatch | null }) {
  const { t } = useI18n();
  const me = useMe();

  const role = me.data?.role;
  useEffect(() => {
    if (pathname === '/' && role) navigate(homeFor(role), { replace: true });
  }, [pathname, role]);
  const signedIn = role !== undefined;
  useEffect(() => {
    if (!signedIn) return;
    // After the current page's own requests have had their turn.
    const timer = setTimeout(preloadPages, 1_000);
    return () => clearTimeout(timer);
  }, [signedIn]);

  // A 401 is already on its way to the sign-in page (see ApiProvider).
  if (me.isPending || (me.error instanceof ApiError && me.error.status === 401)) return <Loading />;
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
        {/* Keyed by path: another taxpayer or request is a fresh page, with its own state and focus. */}
        <PageErrorBoundary key={pathname}>
          <Suspense fallback={<Loading />}>
            {pathname === '/' ? null : match ? (
              match.route.render(match.params, me.data.role)
            ) : (
              <NotFoundPage home={homeFor(me.data.role)} />
            )}
          </Suspense>
        </PageErrorBoundary>
      </Shell>
    </LiveUpdates>
  );
}
