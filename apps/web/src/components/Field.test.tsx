// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { I18nProvider } from '../i18n/i18n.js';
import { Field } from './Field.js';

afterEach(cleanup);

const show = (ui: React.ReactNode) => render(<I18nProvider initialLocale="es-MX">{ui}</I18nProvider>);
/** What a screen reader reads after the name: the texts of the ids in aria-describedby, in order. */
const description = (el: HTMLElement) =>
  (el.getAttribute('aria-describedby') ?? '')
    .split(' ')
    .filter(Boolean)
    .map((id) => document.getElementById(id)?.textContent)
    .join(' | ');

describe('Field', () => {
  it('names its control with the label and describes it with the hint', () => {
    show(
      <Field id="signin-tenant" label="Organización" hint="El identificador corto.">
        {(control) => <input {...control} className="input" />}
      </Field>,
    );
    const input = screen.getByLabelText('Organización');
    expect(input.id).toBe('signin-tenant');
    expect(description(input)).toBe('El identificador corto.');
    expect(input.getAttribute('aria-invalid')).toBeNull();
  });

  it('marks the control invalid and reads the error before the hint', () => {
    show(
      <Field label="RFC" hint="Déjalo vacío para buscar en todos." error="No es un RFC.">
        {(control) => <input {...control} />}
      </Field>,
    );
    const input = screen.getByLabelText('RFC');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(description(input)).toBe('No es un RFC. | Déjalo vacío para buscar en todos.');
  });

  it('gives each field its own id when none is given, and works for selects', () => {
    show(
      <>
        <Field label="Año">{(control) => <input {...control} />}</Field>
        <Field label="Dirección">
          {(control) => (
            <select {...control}>
              <option>Emitidos</option>
            </select>
          )}
        </Field>
      </>,
    );
    const year = screen.getByLabelText('Año');
    const direction = screen.getByLabelText('Dirección');
    expect(direction.tagName).toBe('SELECT');
    expect(year.id).not.toBe(direction.id);
    expect(year.getAttribute('aria-describedby')).toBeNull();
  });

  it('says when a field is optional, inside the label', () => {
    show(
      <Field label="Nombre" optional>
        {(control) => <input {...control} />}
      </Field>,
    );
    expect(screen.getByLabelText('Nombre (Opcional)').tagName).toBe('INPUT');
  });
});
