import { documentKinds } from '@boveda/contracts';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import { type DocumentRef, usePreview } from './connectors-api.js';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Dry run: the request a push would send for one document (method, URL, headers, body), not sent. */
export function PreviewPanel({ connectorId, source }: { connectorId: string; source: 'inbox' | 'cfdi' }) {
  const { t } = useI18n();
  const m = t.connectors;
  const preview = usePreview(connectorId);
  const [kind, setKind] = useState<DocumentRef['kind']>(source === 'cfdi' ? 'cfdi' : 'invoice');
  const [id, setId] = useState('');
  const [invalid, setInvalid] = useState(false);
  const data = preview.data;

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const bad = !GUID.test(id.trim());
    setInvalid(bad);
    if (!bad) preview.mutate({ document: { kind, id: id.trim() } });
  }

  return (
    <section aria-labelledby="connector-preview-title" className="card space-y-3 p-5">
      <h2 id="connector-preview-title" className="text-base font-semibold">
        {m.previewTitle}
      </h2>
      <form className="grid items-end gap-3 md:grid-cols-[14rem_1fr_auto]" onSubmit={submit} noValidate>
        <Field id="preview-kind" label={m.previewKind}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={kind}
              onChange={(e) => setKind(e.target.value as DocumentRef['kind'])}
            >
              {documentKinds.map((k) => (
                <option key={k} value={k}>
                  {m.previewKinds[k]}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field id="preview-id" label={m.previewId} error={invalid ? m.previewIdInvalid : undefined}>
          {(control) => (
            <input
              {...control}
              className="input font-mono"
              spellCheck={false}
              autoComplete="off"
              value={id}
              onChange={(e) => setId(e.target.value)}
            />
          )}
        </Field>
        <button type="submit" className="btn btn-secondary" disabled={preview.isPending}>
          {preview.isPending ? m.previewing : m.preview}
        </button>
      </form>
      <ErrorAlert error={preview.error} />
      {data ? (
        <div className="space-y-2 text-sm" data-testid="preview-result">
          <p className="font-mono text-xs break-all">
            <strong>{data.method}</strong> {data.url}
          </p>
          <h3 className="text-xs font-medium text-slate-600">{m.previewHeaders}</h3>
          <pre className="overflow-x-auto rounded bg-slate-50 p-2 text-xs">
            {Object.entries(data.headers)
              .map(([k, v]) => `${k}: ${v}`)
              .join('\n')}
          </pre>
          <h3 className="text-xs font-medium text-slate-600">{m.previewBody}</h3>
          <pre className="max-h-96 overflow-auto rounded bg-slate-50 p-2 text-xs">
            {JSON.stringify(data.body, null, 2)}
          </pre>
        </div>
      ) : null}
    </section>
  );
}
