import type { MetadataItem } from '../../api/types.js';
import { Badge } from '../../components/Badge.js';
import { formatLocalDate } from '../../i18n/format.js';
import { useI18n } from '../../i18n/i18n.js';
import { lookup } from '../../i18n/lookup.js';
import { formatMoney } from '../cfdi/money.js';

/**
 * One metadata row's cells. A row whose CFDI is in the vault gets a mark that opens it in the
 * explorer's drawer; a cancelled one says when the SAT cancelled it.
 */
export function MetadataRow({ item, onOpen }: { item: MetadataItem; onOpen(uuid: string): void }) {
  const { t, locale, localDateTime } = useI18n();
  const c = t.cfdi;
  const m = t.metadata;
  const party = (rfc: string | null, name: string | null) => (
    <td className="max-w-64" title={name ?? undefined}>
      <span className="font-mono text-xs">{rfc ?? '—'}</span>
      {name ? <span className="block truncate text-xs text-slate-500">{name}</span> : null}
    </td>
  );
  const cancelled = item.status === 'cancelado';
  return (
    <>
      <td className="whitespace-nowrap text-xs" title={item.uuid}>
        {item.issuedAt ? localDateTime(item.issuedAt) : '—'}
      </td>
      <td title={item.efecto ? lookup(c.tipos, item.efecto) : undefined}>{item.efecto ?? '—'}</td>
      {party(item.emisorRfc, item.emisorNombre)}
      {party(item.receptorRfc, item.receptorNombre)}
      <td className="text-right font-mono whitespace-nowrap">{formatMoney(item.monto)}</td>
      <td>
        <Badge tone={cancelled ? 'danger' : 'neutral'}>
          {lookup(c.statuses, item.status) ?? item.status}
        </Badge>
        {cancelled && item.cancelledAt ? (
          <span className="block text-xs text-slate-500">
            {m.cancelledOn(formatLocalDate(item.cancelledAt, locale))}
          </span>
        ) : null}
      </td>
      <td>
        {item.hasCfdi ? (
          <button
            type="button"
            className="text-xs text-brand-700 underline underline-offset-2"
            aria-label={m.openInVault(item.uuid)}
            onClick={() => onOpen(item.uuid)}
          >
            ✓ {m.inVault}
          </button>
        ) : cancelled ? (
          '—'
        ) : (
          <Badge tone="warning">{m.noXml}</Badge>
        )}
      </td>
    </>
  );
}
