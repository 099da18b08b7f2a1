import { type ReactNode, useEffect } from 'react';
import { useI18n } from '../../i18n/i18n.js';

/** The sign-in page's frame, for the other pages shown before signing in (forgot, reset). */
export function PublicCard({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: string;
  children: ReactNode;
}) {
  const { t } = useI18n();
  useEffect(() => {
    document.title = `${title} · ${t.app.name}`;
  }, [title, t.app.name]);
  return (
    <main id="contenido" className="flex min-h-screen items-center justify-center px-4 py-12">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center gap-3">
          <img src="/favicon.svg" alt="" className="h-10 w-10" />
          <span className="text-xl font-semibold tracking-tight text-brand-900">{t.app.name}</span>
        </div>
        <div className="card p-6 sm:p-8">
          <h1 className="text-xl font-semibold text-slate-900">{title}</h1>
          {intro ? <p className="mt-1 text-sm text-slate-600">{intro}</p> : null}
          {children}
        </div>
      </div>
    </main>
  );
}

/** A green "it worked" note, announced to screen readers. */
export function Done({ children }: { children: ReactNode }) {
  return (
    <p
      role="status"
      className="mt-4 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900"
    >
      {children}
    </p>
  );
}
