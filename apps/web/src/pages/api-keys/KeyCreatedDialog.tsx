import { useRef, useState } from 'react';
import type { CreatedApiKey } from '../../api/types.js';
import { Dialog } from '../../components/Dialog.js';
import { useI18n } from '../../i18n/i18n.js';

type CopyState = 'idle' | 'copied' | 'failed';

/** The full key exists in the page only while this dialog is open; closing it forgets the key. */
export function KeyCreatedDialog({ created, onClose }: { created: CreatedApiKey | null; onClose(): void }) {
  const { t } = useI18n();
  const input = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<CopyState>('idle');

  function selectKey() {
    input.current?.focus();
    input.current?.select();
  }

  async function onCopy() {
    if (!created) return;
    try {
      // The Clipboard API is missing on plain-HTTP origins and may be denied; selecting the text
      // then lets the person copy it by hand.
      if (!navigator.clipboard) throw new Error('Clipboard API unavailable');
      await navigator.clipboard.writeText(created.key);
      setCopy('copied');
    } catch {
      setCopy('failed');
      selectKey();
    }
  }

  function close() {
    setCopy('idle');
    onClose();
  }

  return (
    <Dialog
      open={created !== null}
      title={t.apiKeys.createdTitle}
      onClose={close}
      initialFocusId="created-key-copy"
    >
      {created ? (
        <div className="space-y-4">
          <p className="text-sm text-slate-700">{t.apiKeys.createdIntro(created.name)}</p>
          <div>
            <label htmlFor="created-key" className="label">
              {t.apiKeys.keyLabel}
            </label>
            <div className="flex gap-2">
              <input
                ref={input}
                id="created-key"
                readOnly
                value={created.key}
                onFocus={(e) => e.currentTarget.select()}
                spellCheck={false}
                className="input font-mono text-xs sm:text-sm"
                data-testid="created-key"
              />
              <button id="created-key-copy" type="button" className="btn btn-secondary" onClick={onCopy}>
                {copy === 'copied' ? t.apiKeys.copied : t.apiKeys.copy}
              </button>
            </div>
            {/* The button label already shows "Copiada"; the live region says it for screen readers. */}
            <p aria-live="polite" className={copy === 'failed' ? 'mt-1 text-xs text-amber-800' : 'sr-only'}>
              {copy === 'failed' ? t.apiKeys.copyFailed : copy === 'copied' ? t.apiKeys.copied : ''}
            </p>
          </div>
          <p className="flex gap-2 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-900">
            <span aria-hidden="true">⚠</span>
            <span>{t.apiKeys.onceWarning}</span>
          </p>
          <div className="flex justify-end">
            <button type="button" className="btn btn-primary" onClick={close}>
              {t.apiKeys.done}
            </button>
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
