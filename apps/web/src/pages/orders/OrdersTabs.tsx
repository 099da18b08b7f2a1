import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../lib/router.js';
import { href, paths } from '../../paths.js';

/** Órdenes and Devoluciones are two views of one area: tabs as links, the current one marked. */
export function OrdersTabs({ current }: { current: 'orders' | 'returns' }) {
  const { t } = useI18n();
  const m = t.orders.tabs;
  const tab = (key: 'orders' | 'returns', to: string) => (
    <li>
      <Link
        to={to}
        aria-current={current === key ? 'page' : undefined}
        className={`inline-block border-b-2 px-3 py-2 text-sm font-medium ${
          current === key
            ? 'border-brand-700 text-brand-700'
            : 'border-transparent text-slate-600 hover:border-slate-300 hover:text-slate-900'
        }`}
      >
        {m[key]}
      </Link>
    </li>
  );
  return (
    <nav aria-label={m.label}>
      <ul className="flex gap-2 border-b border-slate-200">
        {tab('orders', href(paths.orders))}
        {tab('returns', href(paths.returns))}
      </ul>
    </nav>
  );
}
