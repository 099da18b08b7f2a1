import { useDeferredValue, useState } from 'react';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import { useClients } from './orders-api.js';

interface ClientPickerProps {
  id: string;
  label: string;
  value: string;
  onChange(clientId: string): void;
  /** The first option when nothing is picked ("Todos los clientes" in a filter, "Elige…" in a form). */
  emptyLabel: string;
  error?: string;
  /** A filter also offers archived clients (their orders remain); a new order does not. */
  archived?: 'false' | 'all';
}

/**
 * A searchable select over `GET /api/v1/clients`: a search box (name or RFC) narrows the options
 * of a plain `<select>`, which keeps the keyboard and screen-reader behaviour of the platform.
 */
export function ClientPicker({
  id,
  label,
  value,
  onChange,
  emptyLabel,
  error,
  archived = 'false',
}: ClientPickerProps) {
  const { t } = useI18n();
  const m = t.orders.orders;
  const [q, setQ] = useState('');
  const deferred = useDeferredValue(q.trim());
  const list = useClients({ q: deferred || undefined, archived });
  const options = list.data?.pages.flatMap((p) => p.items) ?? [];
  // The picked client stays an option while a search that does not match it is typed.
  const [picked, setPicked] = useState<{ id: string; name: string } | null>(null);
  const keep = value && !options.some((c) => c.id === value) && picked?.id === value ? [picked] : [];

  return (
    <div className="grid gap-2 sm:grid-cols-2">
      <Field id={`${id}-search`} label={m.clientSearch} hint={m.clientSearchHint}>
        {(c) => (
          <input
            {...c}
            type="search"
            className="input"
            autoComplete="off"
            value={q}
            onChange={(e) => setQ(e.target.value)}
          />
        )}
      </Field>
      <Field id={id} label={label} error={error}>
        {(c) => (
          <select
            {...c}
            className="input"
            value={value}
            aria-busy={list.isFetching || undefined}
            onChange={(e) => {
              const found = options.find((o) => o.id === e.target.value);
              setPicked(found ? { id: found.id, name: found.name } : null);
              onChange(e.target.value);
            }}
          >
            <option value="">{options.length === 0 && deferred ? m.clientNoMatches : emptyLabel}</option>
            {keep.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
            {options.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
                {c.rfc ? ` · ${c.rfc}` : ''}
              </option>
            ))}
          </select>
        )}
      </Field>
    </div>
  );
}
