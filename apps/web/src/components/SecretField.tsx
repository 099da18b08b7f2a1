import { type ReactNode, useRef, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'failed';

interface SecretFieldProps {
  /** The input's id; the copy button is `${id}-copy` (a dialog may focus it first). */
  id: string;
  label: string;
  value: string;
  testId?: string;
  texts: { copy: string; copied: string; copyFailed?: string };
}

/**
 * A secret shown once (API key, signing secret, client secret) in a read-only box with a copy
 * button. Nothing keeps it: it lives in the page only while the dialog holding it is open, and the
 * copy state goes with it when the dialog closes (the dialog unmounts its content).
 */
export function SecretField({ id, label, value, testId, texts }: SecretFieldProps) {
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

  async function onCopy() {
    try {
      // The Clipboard API is missing on plain-HTTP origins and may be denied; selecting the text
      // then lets the person copy it by hand.
      if (!navigator.clipboard) throw new Error('Clipboard API unavailable');
      await navigator.clipboard.writeText(value);
      setCopy('copied');
    } catch {
      setCopy('failed');
      input.current?.focus();
      input.current?.select();
    }
  }

  return (
    <div>
      <label htmlFor={id} className="label">
        {label}
      </label>
      <div className="flex gap-2">
        <input
          ref={input}
          id={id}
          readOnly
          value={value}
          onFocus={(e) => e.currentTarget.select()}
          spellCheck={false}
          className="input min-w-0 font-mono text-xs sm:text-sm"
          data-testid={testId}
        />
        <button id={`${id}-copy`} type="button" className="btn btn-secondary" onClick={onCopy}>
          {copy === 'copied' ? texts.copied : texts.copy}
        </button>
      </div>
      {/* The button label already shows "Copiada"; the live region says it for screen readers. */}
      <p aria-live="polite" className={copy === 'failed' ? 'mt-1 text-xs text-amber-800' : 'sr-only'}>
        {copy === 'failed' ? (texts.copyFailed ?? '') : copy === 'copied' ? texts.copied : ''}
      </p>
    </div>
  );
}

/** The amber "you will not see it again" note under a secret. */
export function OnceWarning({ children }: { children: ReactNode }) {
  return (
    <p className="flex gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900">
      <span aria-hidden="true">⚠</span>
      <span>{children}</span>
    </p>
  );
}
