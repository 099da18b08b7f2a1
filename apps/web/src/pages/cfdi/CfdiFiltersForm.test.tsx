// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18n/i18n.js';
import { CfdiFiltersForm } from './CfdiFiltersForm.js';
import { cfdiSearch } from './cfdi-search.js';

afterEach(cleanup);

const show = () => {
  const onApply = vi.fn();
  render(
    <I18nProvider initialLocale="es-MX">
      <CfdiFiltersForm schema={cfdiSearch} value={cfdiSearch.defaults} onApply={onApply} />
    </I18nProvider>,
  );
  const type = (label: string, value: string) =>
    fireEvent.change(screen.getByLabelText(label), { target: { value } });
  const search = () => fireEvent.click(screen.getByRole('button', { name: 'Buscar' }));
  return { onApply, type, search };
};

describe('CfdiFiltersForm', () => {
  it('reads amounts typed with a peso sign and thousands commas', () => {
    const { onApply, type, search } = show();
    type('Total mínimo', '$1,160.50');
    type('Total máximo', ' 25 000 ');
    search();
    expect(onApply).toHaveBeenCalledWith(expect.objectContaining({ minTotal: '1160.50', maxTotal: '25000' }));
  });

  it('says which end of a reversed range is wrong, in Spanish, and searches nothing', () => {
    const { onApply, type, search } = show();
    type('Total mínimo', '500');
    type('Total máximo', '100');
    type('Desde', '2025-03-01');
    type('Hasta', '2025-02-01');
    search();
    expect(onApply).not.toHaveBeenCalled();
    expect(screen.getByText('El importe máximo es menor que el mínimo.')).toBeTruthy();
    expect(screen.getByText('La fecha final es anterior a la inicial.')).toBeTruthy();
    expect(document.activeElement).toBe(screen.getByLabelText('Hasta'));

    type('Hasta', '2025-03-31');
    type('Total máximo', '1000');
    search();
    expect(onApply).toHaveBeenCalledWith(
      expect.objectContaining({ from: '2025-03-01', to: '2025-03-31', minTotal: '500', maxTotal: '1000' }),
    );
  });

  it('still refuses what is not an amount', () => {
    const { onApply, type, search } = show();
    type('Total mínimo', 'mil pesos');
    search();
    expect(onApply).not.toHaveBeenCalled();
    expect(screen.getByText('Escribe un importe como 1160.00 o $1,160.00.')).toBeTruthy();
  });
});
