import { type ReactNode, useEffect, useRef } from 'react';
import { useI18n } from '../i18n/i18n.js';

/**
 * Every page has one h1; it takes focus on navigation so screen-reader users hear where they are
 * after a client-side route change (no page load announces it for them).
 */
export function Page({ title, intro, children }: { title: string; intro?: string; children: ReactNode }) {
  const { t } = useI18n();
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = `${title} · ${t.app.name}`;
  }, [title, t.app.name]);

  useEffect(() => {
    heading.current?.focus({ preventScroll: true });
  }, []);

  return (
    <div className="space-y-6">
      <header>
        <h1
          ref={heading}
          tabIndex={-1}
          className="text-2xl font-semibold tracking-tight break-words text-slate-900 focus:outline-none"
        >
          {title}
        </h1>
        {intro ? <p className="mt-1 max-w-3xl text-sm break-words text-slate-600">{intro}</p> : null}
      </header>
      {children}
    </div>
  );
}
