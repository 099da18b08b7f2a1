// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import type { CreatedApiKey } from '../../api/types.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { KeyCreatedDialog } from './KeyCreatedDialog.js';

const created: CreatedApiKey = {
  id: 'k1',
  name: 'Integración ERP',
  prefix: 'bov_live_abcd',
  role: 'admin',
  scopes: [],
  createdAt: '2025-01-01T00:00:00Z',
  lastUsedAt: null,
  revokedAt: null,
  createdBy: null,
  signingSecretCreatedAt: '2025-01-01T00:00:00Z',
  key: 'bov_live_abcd_s3cr3t',
  signingSecret: 'bsk_s1gn1ng',
};

function setClipboard(value: unknown) {
  Object.defineProperty(navigator, 'clipboard', { value, configurable: true });
}

afterEach(() => {
  cleanup();
  setClipboard(undefined);
});

describe('KeyCreatedDialog', () => {
  it('shows the key once with the warning, and copies it', async () => {
    const written: string[] = [];
    setClipboard({ writeText: async (text: string) => void written.push(text) });
    render(
      <I18nProvider initialLocale="es-MX">
        <KeyCreatedDialog created={created} onClose={() => {}} />
      </I18nProvider>,
    );
    expect(screen.getByLabelText<HTMLInputElement>('Clave API').value).toBe(created.key);
    expect(screen.getByLabelText<HTMLInputElement>('Secreto de firma').value).toBe(created.signingSecret);
    expect(screen.getByText(/No podrás verla de nuevo/)).toBeTruthy();
    fireEvent.click(screen.getAllByRole('button', { name: 'Copiar' })[0]!);
    await waitFor(() => expect(screen.getByRole('button', { name: 'Copiada' })).toBeTruthy());
    expect(written).toEqual([created.key]);
  });

  it('without a clipboard it selects the key and says how to copy it', async () => {
    render(
      <I18nProvider initialLocale="es-MX">
        <KeyCreatedDialog created={created} onClose={() => {}} />
      </I18nProvider>,
    );
    fireEvent.click(screen.getAllByRole('button', { name: 'Copiar' })[0]!);
    await waitFor(() => expect(screen.getByText(/No se pudo copiar/)).toBeTruthy());
    const input = screen.getByLabelText<HTMLInputElement>('Clave API');
    expect(document.activeElement).toBe(input);
    expect([input.selectionStart, input.selectionEnd]).toEqual([0, created.key.length]);
  });

  it('renders nothing of the key when closed', () => {
    const { container } = render(
      <I18nProvider initialLocale="es-MX">
        <KeyCreatedDialog created={null} onClose={() => {}} />
      </I18nProvider>,
    );
    expect(container.textContent).not.toContain('bov_live');
    expect(container.textContent).not.toContain('bsk_');
  });
});
