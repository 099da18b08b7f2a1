import type { InputHTMLAttributes, ReactNode } from 'react';
import { Field } from '../../components/Field.js';
import type { FieldErrors } from './connector-draft.js';

/** What every section of the connector form gets: the ids' prefix and the errors by API path. */
export interface SectionProps<D> {
  idPrefix: string;
  draft: D;
  set(patch: Partial<D>): void;
  errors: FieldErrors;
}

export const fieldId = (prefix: string, path: string) => `${prefix}-${path.replaceAll('.', '-')}`;

/** A labelled text input whose error is the API's (or the form's) for `path`. */
export function DraftInput({
  idPrefix,
  path,
  label,
  hint,
  optional,
  errors,
  value,
  onValue,
  mono = false,
  className,
  ...rest
}: {
  idPrefix: string;
  path: string;
  label: ReactNode;
  hint?: ReactNode;
  optional?: boolean;
  errors: FieldErrors;
  value: string;
  onValue(value: string): void;
  mono?: boolean;
  className?: string;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'value' | 'onChange' | 'id' | 'className'>) {
  return (
    <Field
      id={fieldId(idPrefix, path)}
      label={label}
      hint={hint}
      optional={optional}
      error={errors[path]}
      className={className}
    >
      {(control) => (
        <input
          {...control}
          {...rest}
          className={`input ${mono ? 'font-mono' : ''}`}
          value={value}
          onChange={(e) => onValue(e.target.value)}
        />
      )}
    </Field>
  );
}

/** A labelled select over an enum with its Spanish labels. */
export function DraftSelect<V extends string>({
  idPrefix,
  path,
  label,
  errors,
  value,
  options,
  labels,
  onValue,
  className,
}: {
  idPrefix: string;
  path: string;
  label: ReactNode;
  errors: FieldErrors;
  value: V;
  options: readonly V[];
  labels: Record<V, string>;
  onValue(value: V): void;
  className?: string;
}) {
  return (
    <Field id={fieldId(idPrefix, path)} label={label} error={errors[path]} className={className}>
      {(control) => (
        <select {...control} className="input" value={value} onChange={(e) => onValue(e.target.value as V)}>
          {options.map((o) => (
            <option key={o} value={o}>
              {labels[o]}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}
