import { type ReactNode, useState } from 'react';
import { useLogout } from '../api/queries.js';
import type { Me } from '../api/types.js';
import { type Locale, locales, useI18n } from '../i18n/i18n.js';
import { Link, navigate, useLocation } from '../lib/router.js';
import { homeFor, pagesFor, paths, SIGN_IN_PATH } from '../paths.js';
import { ErrorAlert } from './ErrorAlert.js';
import { MyInvitations } from './MyInvitations.js';

export function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const { t, locale, setLocale } = useI18n();
  const { pathname } = useLocation();
  const logout = useLogout();
  // On a phone the pages are a menu behind one button; it closes on the page it leads to.
  const [menuOpen, setMenuOpen] = useState(false);
  const [menuPath, setMenuPath] = useState(pathname);
  if (menuPath !== pathname) {
    setMenuPath(pathname);
    setMenuOpen(false);
  }
  const who = me.user?.email ?? me.apiKey?.name ?? '';

  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#contenido"
        className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:shadow"
      >
        {t.app.skipToContent}
      </a>
      <header className="bg-brand-900 text-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3 sm:px-6">
          <Link
            to={homeFor(me.role)}
            className="flex items-center gap-2 rounded-sm font-semibold tracking-tight"
          >
            <img src="/favicon.svg" alt="" className="h-7 w-7" />
            <span>{t.app.name}</span>
          </Link>
          <button
            type="button"
            className="btn order-2 border border-white/30 bg-transparent px-3 py-1.5 text-white hover:bg-white/10 focus-visible:outline-accent-400 sm:hidden"
            aria-expanded={menuOpen}
            aria-controls="main-nav"
            onClick={() => setMenuOpen((open) => !open)}
          >
            {menuOpen ? t.nav.closeMenu : t.nav.menu}
          </button>
          {/* Wider screens: every page in rows that wrap (never wider than the screen). */}
          <nav
            id="main-nav"
            aria-label={t.nav.label}
            className={`${menuOpen ? 'block' : 'hidden'} order-3 w-full sm:order-none sm:block sm:w-auto sm:min-w-0 sm:flex-1`}
          >
            <ul className="grid grid-cols-2 gap-1 sm:flex sm:flex-wrap">
              {pagesFor(me.role).map((item) => {
                // Sub-pages (a taxpayer's requests) keep their section highlighted.
                const current = pathname === item.path || pathname.startsWith(`${item.path}/`);
                return (
                  <li key={item.path}>
                    <Link
                      to={item.path}
                      aria-current={pathname === item.path ? 'page' : current ? 'true' : undefined}
                      className={`block rounded-md px-3 py-1.5 text-sm font-medium whitespace-nowrap focus-visible:outline-accent-400 ${
                        current
                          ? 'bg-white/15 text-white'
                          : 'text-brand-100 hover:bg-white/10 hover:text-white'
                      }`}
                    >
                      {t.nav[item.nav]}
                    </Link>
                  </li>
                );
              })}
            </ul>
          </nav>
          <div className="order-2 ml-auto flex min-w-0 items-center gap-3 text-sm sm:order-none">
            <dl className="hidden min-w-0 text-right leading-tight md:block">
              <dt className="sr-only">{t.nav.organization}</dt>
              <dd className="truncate font-medium" data-testid="org-name">
                {me.tenant.name}
              </dd>
              <dt className="sr-only">{t.nav.account}</dt>
              <dd className="truncate text-xs text-brand-100" data-testid="user-email">
                {me.user ? (
                  <Link to={paths.account.path} className="hover:underline" title={t.account.title}>
                    {who}
                  </Link>
                ) : (
                  who
                )}
              </dd>
            </dl>
            <button
              type="button"
              className="btn border border-white/30 bg-transparent px-3 py-1.5 text-white hover:bg-white/10 focus-visible:outline-accent-400"
              disabled={logout.isPending}
              onClick={() =>
                logout.mutate(undefined, { onSuccess: () => navigate(SIGN_IN_PATH, { replace: true }) })
              }
            >
              {logout.isPending ? t.nav.signingOut : t.nav.signOut}
            </button>
          </div>
        </div>
        {/* On small screens the org and account move under the bar instead of disappearing. */}
        <div className="border-t border-white/10 px-4 py-1.5 text-xs text-brand-100 md:hidden">
          {me.tenant.name} ·{' '}
          {me.user ? (
            <Link to={paths.account.path} className="hover:underline">
              {who}
            </Link>
          ) : (
            who
          )}
        </div>
      </header>
      <MyInvitations isPerson={me.user !== null} />
      <main id="contenido" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 sm:px-6">
        <ErrorAlert error={logout.error} className="mb-4" />
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl items-center justify-between gap-4 px-4 py-3 text-xs text-slate-500 sm:px-6">
          <span>{t.app.name}</span>
          <label className="flex items-center gap-2">
            <span>{t.app.language}</span>
            <select
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-xs"
              value={locale}
              onChange={(e) => setLocale(e.target.value as Locale)}
            >
              {locales.map((l) => (
                <option key={l.id} value={l.id}>
                  {l.label}
                </option>
              ))}
            </select>
          </label>
        </div>
      </footer>
    </div>
  );
}
