import type { ReactNode } from 'react';

/** One full-width row in a table body: "Cargando…", or what to show when a list is empty. */
export function MessageRow({ columns, children }: { columns: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={columns} className="text-slate-500">
        {children}
      </td>
    </tr>
  );
}
