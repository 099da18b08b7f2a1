import { type ReactNode, useId } from 'react';
import { useI18n } from '../i18n/i18n.js';

/** What the control inside a Field must spread: its id (the label's `for`) and what describes it. */
export interface FieldControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: true;
}

interface FieldProps {
  label: ReactNode;
  /** A line under the control that helps fill it; screen readers read it with the label. */
  hint?: ReactNode;
  /** What is wrong with the value; marks the control invalid and is read with it. */
  error?: ReactNode;
  /** Adds "(Opcional)" to the label. */
  optional?: boolean;
  /** A readable id for the control (e.g. `signin-email`); a generated one otherwise. */
  id?: string;
  className?: string;
  children(control: FieldControlProps): ReactNode;
}

/**
 * A label, its control, a hint and an error, wired together: the label names the control, the hint
 * and the error describe it. The control is whatever the form needs (input, select, file picker):
 *
 *   <Field label={t.users.email} hint={t.users.emailHint}>
 *     {(control) => <input {...control} type="email" className="input" />}
 *   </Field>
 */
export function Field({ label, hint, error, optional = false, id, className, children }: FieldProps) {
  const { t } = useI18n();
  const generated = useId();
  const controlId = id ?? generated;
  const hintId = hint ? `${controlId}-hint` : undefined;
  const errorId = error ? `${controlId}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;

  return (
    <div className={className}>
      <label htmlFor={controlId} className="label">
        {label}
        {optional ? <span className="font-normal text-slate-500"> ({t.common.optional})</span> : null}
      </label>
      {children({
        id: controlId,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(error ? { 'aria-invalid': true } : {}),
      })}
      {error ? (
        <p id={errorId} className="mt-1 text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
      {hint ? (
        <p id={hintId} className="hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
}
