import { useState } from 'react';
import type { Column } from '../../components/DataTable.js';
import { useI18n } from '../../i18n/i18n.js';

/**
 * Checkbox selection over the rows of a list (the inbox, the CFDI explorer) for "Exportar a…".
 * `available` is what can be selected now; anything selected that left the list is dropped.
 */
export function useSelection(available: string[]) {
  const { t } = useI18n();
  const m = t.connectors;
  const [picked, setPicked] = useState<ReadonlySet<string>>(new Set());
  const ids = available.filter((id) => picked.has(id));
  const allOn = available.length > 0 && ids.length === available.length;
  const toggle = (id: string, on: boolean) =>
    setPicked((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const toggleAll = (on: boolean) => setPicked(new Set(on ? available : []));

  const allBox = (
    <input
      type="checkbox"
      aria-label={m.selectAllDocs}
      checked={allOn}
      disabled={available.length === 0}
      onChange={(e) => toggleAll(e.target.checked)}
    />
  );
  const box = (id: string, name: string) => (
    <input
      type="checkbox"
      aria-label={m.selectDocument(name)}
      checked={picked.has(id)}
      onChange={(e) => toggle(id, e.target.checked)}
    />
  );

  /** A first column for a DataTable: a box on each row that `can` be selected. */
  function column<Row>(
    idOf: (r: Row) => string,
    nameOf: (r: Row) => string,
    can: (r: Row) => boolean,
  ): Column<Row> {
    return {
      id: 'select',
      header: allBox,
      cell: (r) => (can(r) ? box(idOf(r), nameOf(r)) : null),
    };
  }

  return { ids, allBox, box, column };
}
