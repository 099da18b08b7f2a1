// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient } from '../../api/client.js';
import { ApiError } from '../../api/errors.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { ForgotPasswordPage } from './ForgotPasswordPage.js';
import { ResetPasswordPage } from './ResetPasswordPage.js';

function withClient(node: ReactNode, impl: Partial<Record<keyof ApiClient, unknown>>) {
  const calls: unknown[][] = [];
  const client = new Proxy({} as ApiClient, {
    get:
      (_, name: string) =>
      async (...args: unknown[]) => {
        calls.push([name, ...args]);
        const fn = impl[name as keyof ApiClient] as ((...a: unknown[]) => unknown) | undefined;
        return fn?.(...args);
      },
  });
  render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={client}>{node}</ApiProvider>
    </I18nProvider>,
  );
  return calls;
}

// Generous: these machines run several suites at once.
const WAIT = { timeout: 5_000 };

afterEach(cleanup);

describe('¿Olvidaste tu contraseña?', () => {
  it('asks for the link and answers the same whatever the email', async () => {
    const calls = withClient(<ForgotPasswordPage />, {});
    fireEvent.change(screen.getByLabelText('Correo electrónico'), { target: { value: ' ana@despacho.mx ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Enviar enlace' }));
    await screen.findByText(/Si ana@despacho\.mx tiene una cuenta en Bóveda/, {}, WAIT);
    expect(calls).toEqual([['requestPasswordReset', 'ana@despacho.mx']]);
    expect(screen.getByRole('link', { name: 'Volver a iniciar sesión' }).getAttribute('href')).toBe(
      '/iniciar-sesion',
    );
  });
});

describe('/restablecer', () => {
  it('sets the new password with the link’s token, after checking both match', async () => {
    window.history.replaceState(null, '', '/restablecer?token=abc123');
    const calls = withClient(<ResetPasswordPage />, {});
    fireEvent.change(screen.getByLabelText(/^Contraseña nueva/), {
      target: { value: 'una contraseña nueva' },
    });
    fireEvent.change(screen.getByLabelText('Repite la contraseña'), { target: { value: 'otra distinta!!' } });
    fireEvent.click(screen.getByRole('button', { name: 'Guardar contraseña' }));
    await screen.findByText('Las contraseñas no coinciden.', {}, WAIT);
    expect(calls).toEqual([]);
    fireEvent.change(screen.getByLabelText('Repite la contraseña'), {
      target: { value: 'una contraseña nueva' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Guardar contraseña' }));
    await screen.findByText('Tu contraseña cambió. Ya puedes iniciar sesión con ella.', {}, WAIT);
    expect(calls).toEqual([['confirmPasswordReset', 'abc123', 'una contraseña nueva']]);
  });

  it('shows the server’s Spanish text for a used or expired link, and offers a new one', async () => {
    window.history.replaceState(null, '', '/restablecer?token=usado');
    withClient(<ResetPasswordPage />, {
      confirmPasswordReset: () => {
        throw new ApiError({
          type: 'x',
          title: 'The password reset link is not valid any more',
          status: 400,
          code: 'PASSWORD_RESET_INVALID',
        });
      },
    });
    fireEvent.change(screen.getByLabelText(/^Contraseña nueva/), {
      target: { value: 'una contraseña nueva' },
    });
    fireEvent.change(screen.getByLabelText('Repite la contraseña'), {
      target: { value: 'una contraseña nueva' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Guardar contraseña' }));
    await screen.findByText(/El enlace para restablecer la contraseña ya no es válido/, {}, WAIT);
    await waitFor(
      () => expect(screen.getByRole('link', { name: 'Pedir un enlace nuevo' })).toBeTruthy(),
      WAIT,
    );
  });

  it('says the shared password rule in Spanish before sending, and the server’s rule by its code', async () => {
    window.history.replaceState(null, '', '/restablecer?token=abc123');
    const calls = withClient(<ResetPasswordPage />, {
      confirmPasswordReset: () => {
        throw new ApiError({
          type: 'x',
          title: 'The password is too weak',
          status: 422,
          code: 'WEAK_PASSWORD',
          detail: 'Use at least 10 characters.',
          params: { rule: 'too_short', minLength: 10 },
        });
      },
    });
    const field = screen.getByLabelText(/^Contraseña nueva/);
    expect(field.getAttribute('minlength')).toBe('10');
    expect(document.getElementById(`${field.id}-hint`)?.textContent).toBe('Al menos 10 caracteres.');
    fireEvent.change(field, { target: { value: 'corta' } });
    fireEvent.change(screen.getByLabelText('Repite la contraseña'), { target: { value: 'corta' } });
    fireEvent.submit(field.closest('form')!);
    await waitFor(
      () =>
        expect(document.getElementById(`${field.id}-error`)?.textContent).toBe('Usa al menos 10 caracteres.'),
      WAIT,
    );
    expect(calls).toEqual([]);
    // A server with a stricter rule than this page still answers in Spanish, by the rule's code.
    fireEvent.change(field, { target: { value: 'una contraseña nueva' } });
    fireEvent.change(screen.getByLabelText('Repite la contraseña'), {
      target: { value: 'una contraseña nueva' },
    });
    fireEvent.submit(field.closest('form')!);
    await screen.findByText('Usa al menos 10 caracteres.', {}, WAIT);
    expect(screen.queryByText(/Use at least/)).toBeNull();
  });

  it('says the link is incomplete without a token', () => {
    window.history.replaceState(null, '', '/restablecer');
    withClient(<ResetPasswordPage />, {});
    expect(screen.getByRole('alert').textContent).toContain('Este enlace está incompleto');
  });
});
