// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ComponentProps } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api/errors.js';
import { I18nProvider } from '../i18n/i18n.js';
import { type Column, DataTable } from './DataTable.js';

interface Key {
  id: string;
  name: string;
  uses: number;
}
const columns: Column<Key>[] = [
  { id: 'name', header: 'Nombre', rowHeader: true, cell: (k) => k.name },
  { id: 'uses', header: 'Usos', align: 'right', cell: (k) => k.uses },
  {
    id: 'actions',
    header: 'Acciones',
    headerHidden: true,
    cell: (k) => <button type="button">Revocar {k.name}</button>,
  },
];
const keys: Key[] = [
  { id: 'k1', name: 'ERP', uses: 3 },
  { id: 'k2', name: 'Scripts', uses: 0 },
];

type Props = ComponentProps<typeof DataTable<Key>>;
function show(props: Partial<Props>) {
  return render(
    <I18nProvider initialLocale="es-MX">
      <DataTable<Key>
        caption="Claves API"
        columns={columns}
        rows={[]}
        rowKey={(k) => k.id}
        loading={false}
        empty="Aún no hay claves API."
        {...props}
      />
    </I18nProvider>,
  );
}
const table = () => screen.getByRole('table', { name: 'Claves API' });
const bodyRows = () => within(table()).getAllByRole('row').slice(1);

afterEach(cleanup);

describe('DataTable', () => {
  it('is a named table whose rows are named by their row header', () => {
    show({ rows: keys, rowData: (k) => ({ 'data-key-id': k.id }) });
    const headers = within(table()).getAllByRole('columnheader');
    expect(headers.map((h) => h.textContent)).toEqual(['Nombre', 'Usos', 'Acciones']);
    expect(headers[2]!.querySelector('.sr-only')).not.toBeNull();
    expect(headers[1]!.className).toContain('text-right');
    expect(
      within(table())
        .getAllByRole('rowheader')
        .map((h) => h.textContent),
    ).toEqual(['ERP', 'Scripts']);
    expect(bodyRows().map((r) => r.getAttribute('data-key-id'))).toEqual(['k1', 'k2']);
    expect(table().getAttribute('aria-busy')).toBe('false');
  });

  it('says it is loading in one full-width row, and is busy', () => {
    show({ loading: true });
    expect(bodyRows()).toHaveLength(1);
    expect(within(table()).getByRole('cell', { name: 'Cargando…' }).getAttribute('colspan')).toBe('3');
    expect(table().getAttribute('aria-busy')).toBe('true');
  });

  it('says when there is nothing', () => {
    show({});
    expect(within(table()).getByRole('cell', { name: 'Aún no hay claves API.' })).toBeTruthy();
  });

  it('shows a failed load as an alert row under what did load, with "Reintentar"', () => {
    const onRetry = vi.fn();
    const error = new ApiError({ type: 'about:blank', title: 'Forbidden', status: 403, code: 'FORBIDDEN' });
    show({ rows: keys.slice(0, 1), error, onRetry });
    expect(bodyRows()).toHaveLength(2);
    expect(within(bodyRows()[1]!).getByRole('alert').textContent).toContain('Tu rol no permite esta acción.');
    expect(screen.queryByText('Aún no hay claves API.')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Reintentar' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });

  it('offers "Cargar más" while the server has more, then says it has shown everything', () => {
    const onLoad = vi.fn();
    const view = show({
      rows: keys,
      more: { hasMore: true, loading: false, onLoad, endText: 'No hay más.' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Cargar más' }));
    expect(onLoad).toHaveBeenCalledOnce();
    view.unmount();
    show({ rows: keys, more: { hasMore: false, loading: false, onLoad, endText: 'No hay más.' } });
    expect(screen.queryByRole('button', { name: 'Cargar más' })).toBeNull();
    expect(screen.getByText('No hay más.')).toBeTruthy();
  });

  it('shows an expanded row’s detail in a full-width row right under it', () => {
    show({ rows: keys, detail: (k) => (k.id === 'k1' ? <p>Detalle de {k.name}</p> : null) });
    const rows = screen.getAllByRole('row');
    // Header, ERP, its detail, Scripts.
    expect(rows).toHaveLength(4);
    expect(rows[2]!.getAttribute('data-detail-of')).toBe('k1');
    expect(within(rows[2]!).getByRole('cell').getAttribute('colspan')).toBe('3');
    expect(rows[2]!.textContent).toBe('Detalle de ERP');
    expect(rows[3]!.textContent).toContain('Scripts');
  });

  it('does not offer more of an empty list', () => {
    show({ more: { hasMore: true, loading: false, onLoad: () => {} } });
    expect(screen.queryByRole('button', { name: 'Cargar más' })).toBeNull();
  });
});
