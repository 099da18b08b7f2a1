import { useRef, useState } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { useI18n } from '../../i18n/i18n.js';

type CopyState = 'idle' | 'copied' | 'failed';

export interface ShownSecret {
  /** What was done: created the endpoint, asked to see the secret, or rotated it. */
  kind: 'created' | 'revealed' | 'rotated';
  secret: string;
  url: string;
  previousSecretExpiresAt: string | null;
}

/**
 * A signing secret in a copyable box, with how to verify signatures. The secret exists in the page
 * only while this dialog is open; closing it forgets it (nothing caches it).
 */
export function SecretDialog({ shown, onClose }: { shown: ShownSecret | null; onClose(): void }) {
  const { t, dateTime } = useI18n();
  const m = t.webhooks;
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

  async function onCopy() {
    if (!shown) return;
    try {
      // The Clipboard API is missing on plain-HTTP origins and may be denied; selecting the text
      // then lets the person copy it by hand.
      if (!navigator.clipboard) throw new Error('Clipboard API unavailable');
      await navigator.clipboard.writeText(shown.secret);
      setCopy('copied');
    } catch {
      setCopy('failed');
      input.current?.focus();
      input.current?.select();
    }
  }

  function close() {
    setCopy('idle');
    onClose();
  }

  const title = !shown
    ? m.secretTitle
    : shown.kind === 'created'
      ? m.createdTitle
      : shown.kind === 'rotated'
        ? m.rotatedTitle
        : m.secretTitle;

  return (
    <Dialog open={shown !== null} title={title} onClose={close} initialFocusId="webhook-secret-copy">
      {shown ? (
        <div className="space-y-4">
          <p className="text-sm break-words text-slate-700">
            {shown.kind === 'created' ? m.createdIntro(shown.url) : m.secretIntro}
          </p>
          <div>
            <label htmlFor="webhook-secret" className="label">
              {m.secretLabel}
            </label>
            <div className="flex gap-2">
              <input
                ref={input}
                id="webhook-secret"
                readOnly
                value={shown.secret}
                onFocus={(e) => e.currentTarget.select()}
                spellCheck={false}
                className="input min-w-0 font-mono text-xs sm:text-sm"
                data-testid="webhook-secret"
              />
              <button id="webhook-secret-copy" type="button" className="btn btn-secondary" onClick={onCopy}>
                {copy === 'copied' ? m.copied : m.copy}
              </button>
            </div>
            <p aria-live="polite" className={copy === 'failed' ? 'mt-1 text-xs text-amber-800' : 'sr-only'}>
              {copy === 'failed' ? m.copyFailed : copy === 'copied' ? m.copied : ''}
            </p>
          </div>
          <p className="flex gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900">
            <span aria-hidden="true">⚠</span>
            <span>{shown.kind === 'revealed' ? m.keepSafe : m.onceWarning}</span>
          </p>
          {shown.kind === 'rotated' && shown.previousSecretExpiresAt ? (
            <p className="text-sm text-slate-700">
              {m.previousUntil(dateTime(shown.previousSecretExpiresAt))}
            </p>
          ) : null}
          <p className="text-xs break-words text-slate-600" data-testid="verify-note">
            {m.verifyNote}
          </p>
          <div className="flex justify-end">
            <button type="button" className="btn btn-primary" onClick={close}>
              {m.done}
            </button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
