import { useI18n } from '../i18n/i18n.js';

interface LoadMoreProps {
  hasMore: boolean;
  loading: boolean;
  onLoad(): void;
  endText?: string;
}

export function LoadMore({ hasMore, loading, onLoad, endText }: LoadMoreProps) {
  const { t } = useI18n();
  if (!hasMore)
    return endText ? <p className="px-4 py-3 text-center text-sm text-slate-500">{endText}</p> : null;
  return (
    <div className="flex justify-center border-t border-slate-100 px-4 py-3">
      <button
        type="button"
        className="btn btn-secondary"
        onClick={onLoad}
        disabled={loading}
        aria-busy={loading}
      >
        {loading ? t.common.loadingMore : t.common.loadMore}
      </button>
    </div>
  );
}
