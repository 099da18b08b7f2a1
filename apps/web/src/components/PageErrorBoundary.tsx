import { Component, type ReactNode } from 'react';
import { useI18n } from '../i18n/i18n.js';

/**
 * Catches a page that failed to render, above all a page chunk that failed to load: after Bóveda
 * is updated, a tab opened before still asks for the old chunk names. Reloading fetches the new
 * app; without this boundary React would unmount everything and leave a blank screen.
 */
export class PageErrorBoundary extends Component<{ children: ReactNode }, { error: unknown }> {
  override state: { error: unknown } = { error: null };

  static getDerivedStateFromError(error: unknown) {
    return { error };
  }

  override render() {
    return this.state.error ? <PageFailed /> : this.props.children;
  }
}

function PageFailed() {
  const { t } = useI18n();
  return (
    <div role="alert" className="max-w-lg space-y-3">
      <h1 className="text-xl font-semibold">{t.common.errorTitle}</h1>
      <p className="text-sm text-slate-700">{t.app.pageFailed}</p>
      <button type="button" className="btn btn-secondary" onClick={() => window.location.reload()}>
        {t.app.reload}
      </button>
    </div>
  );
}
