import { type FormEvent, useState } from 'react';
import { useI18n } from '../../i18n/i18n.js';

/** A folio fiscal as people paste it: any case, dashes optional, stray spaces around or inside. */
export const looksLikeUuid = (text: string) => /^[0-9a-f]{32}$/i.test(text.replace(/[\s-]/g, ''));

/**
 * The explorer's one search box (`q`): a UUID, a serie-folio, an RFC or part of a name; the server
 * tells them apart. Enter or “Buscar” applies it; a pasted UUID is applied at once.
 */
export function CfdiSearchBox({
  value,
  onApply,
  texts,
}: {
  value: string | undefined;
  onApply(q: string | undefined): void;
  /** Another page's words for the box (the metadata page: no serie-folio there). */
  texts?: { q: string; qPlaceholder: string; qHint: string };
}) {
  const { t } = useI18n();
  const c = { ...t.cfdi, ...texts };
  const [draft, setDraft] = useState(value ?? '');
  const [draftOf, setDraftOf] = useState(value);
  if (draftOf !== value) {
    // The URL changed under the box (Back, a link, “Limpiar”): the box follows it.
    setDraftOf(value);
    setDraft(value ?? '');
  }
  const apply = (text: string) => onApply(text.trim().slice(0, 200) || undefined);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    apply(draft);
  }

  return (
    <search aria-label={c.q}>
      <form className="card flex flex-wrap items-end gap-2 p-4" onSubmit={onSubmit}>
        <div className="min-w-64 flex-1">
          <label htmlFor="cfdi-q" className="block text-sm font-medium">
            {c.q}
          </label>
          <input
            id="cfdi-q"
            type="search"
            className="input mt-1 w-full text-base"
            placeholder={c.qPlaceholder}
            aria-describedby="cfdi-q-hint"
            autoComplete="off"
            spellCheck={false}
            maxLength={200}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
            onPaste={(e) => {
              const pasted = e.clipboardData.getData('text');
              if (!looksLikeUuid(pasted)) return;
              e.preventDefault();
              setDraft(pasted.trim());
              apply(pasted);
            }}
          />
          <p id="cfdi-q-hint" className="mt-1 text-xs text-slate-500">
            {c.qHint}
          </p>
        </div>
        <button type="submit" className="btn btn-primary">
          {c.qApply}
        </button>
        {value ? (
          <button type="button" className="btn btn-secondary" onClick={() => apply('')}>
            {c.qClear}
          </button>
        ) : null}
      </form>
    </search>
  );
}
