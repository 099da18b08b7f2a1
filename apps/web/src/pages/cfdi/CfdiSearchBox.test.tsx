// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../../i18n/i18n.js';
import { CfdiSearchBox, looksLikeUuid } from './CfdiSearchBox.js';

afterEach(cleanup);

const UUID = 'c2832671-da6d-11ef-a83d-00155d012007';
const show = (value: string | undefined, onApply = vi.fn()) => {
  const view = render(
    <I18nProvider initialLocale="es-MX">
      <CfdiSearchBox value={value} onApply={onApply} />
    </I18nProvider>,
  );
  return { onApply, view, box: screen.getByRole('searchbox', { name: 'Buscar CFDI' }) as HTMLInputElement };
};

describe('CfdiSearchBox', () => {
  it('is one labelled box that says what it finds', () => {
    const { box } = show(undefined);
    expect(box.placeholder).toBe('UUID, serie-folio, RFC o nombre');
    // A <search> landmark (jsdom's role table does not know the element yet).
    expect(box.closest('search')?.getAttribute('aria-label')).toBe('Buscar CFDI');
    expect(screen.queryByRole('button', { name: 'Quitar búsqueda' })).toBeNull();
  });

  it('applies what was typed, trimmed, on Enter or “Encontrar”, and nothing while typing', () => {
    const { box, onApply } = show(undefined);
    fireEvent.change(box, { target: { value: '  A-123 ' } });
    expect(onApply).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Encontrar' }));
    expect(onApply).toHaveBeenLastCalledWith('A-123');
    fireEvent.change(box, { target: { value: '   ' } });
    fireEvent.submit(box.form!);
    expect(onApply).toHaveBeenLastCalledWith(undefined);
  });

  it('applies a pasted UUID at once, however it was copied', () => {
    const { box, onApply } = show(undefined);
    fireEvent.paste(box, { clipboardData: { getData: () => '  C2832671DA6D11EFA83D00155D012007 \n' } });
    expect(onApply).toHaveBeenCalledWith('C2832671DA6D11EFA83D00155D012007');
    expect(box.value).toBe('C2832671DA6D11EFA83D00155D012007');
    // Anything else pasted is left to the person to submit.
    onApply.mockClear();
    fireEvent.paste(box, { clipboardData: { getData: () => 'Pérez' } });
    expect(onApply).not.toHaveBeenCalled();
  });

  it('follows the URL and clears the search', () => {
    const onApply = vi.fn();
    const { view, box } = show(UUID, onApply);
    expect(box.value).toBe(UUID);
    view.rerender(
      <I18nProvider initialLocale="es-MX">
        <CfdiSearchBox value="Pérez" onApply={onApply} />
      </I18nProvider>,
    );
    expect(box.value).toBe('Pérez');
    fireEvent.click(screen.getByRole('button', { name: 'Quitar búsqueda' }));
    expect(onApply).toHaveBeenCalledWith(undefined);
  });

  it('tells a UUID from other searches', () => {
    expect(looksLikeUuid(UUID)).toBe(true);
    expect(looksLikeUuid(' c2832671da6d11efa83d00155d012007 ')).toBe(true);
    expect(looksLikeUuid('A-123')).toBe(false);
    expect(looksLikeUuid('AAA010101AAA')).toBe(false);
  });
});
