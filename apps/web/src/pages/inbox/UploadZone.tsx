import { useQueryClient } from '@tanstack/react-query';
import { type DragEvent, useCallback, useId, useRef, useState } from 'react';
import { useApi } from '../../api/ApiProvider.js';
import { describeError } from '../../i18n/describe-error.js';
import { useI18n } from '../../i18n/i18n.js';
import { Link } from '../../lib/router.js';
import { href, paths } from '../../paths.js';
import { type InvoiceUploadResult, inboxApi, inboxKeys } from './inbox-api.js';

const ACCEPT = '.pdf,.jpg,.jpeg,.png,.xml,application/pdf,image/jpeg,image/png,application/xml,text/xml';
/** Uploads in flight at once: enough to keep the line busy, few enough to show progress per file. */
const PARALLEL = 3;

const baseName = (name: string) => name.replace(/\.[^.]*$/, '').toLowerCase();
const extension = (name: string) => name.slice(name.lastIndexOf('.') + 1).toLowerCase();

/**
 * One request per invoice: the server stores a request's files all or none, so a bad file must not
 * take good ones down with it. An XML and a PDF with the same base name travel together, because
 * the server joins them into one invoice only within one request.
 */
export function uploadGroups(files: readonly File[]): File[][] {
  const used = new Set<File>();
  const groups: File[][] = [];
  for (const file of files) {
    if (used.has(file)) continue;
    used.add(file);
    const kind = extension(file.name);
    const partnerKind = kind === 'xml' ? 'pdf' : kind === 'pdf' ? 'xml' : null;
    const partner = partnerKind
      ? files.find(
          (f) =>
            !used.has(f) && extension(f.name) === partnerKind && baseName(f.name) === baseName(file.name),
        )
      : undefined;
    if (partner) used.add(partner);
    groups.push(partner ? [file, partner] : [file]);
  }
  return groups;
}

interface Upload {
  key: string;
  names: string[];
  state: 'waiting' | 'uploading' | 'done' | 'error';
  /** 0–100 while uploading. */
  percent: number;
  result?: InvoiceUploadResult['items'];
  error?: unknown;
}

/**
 * Drag and drop (or pick) many invoices: each is sent on its own with a progress bar, then shows
 * what the server said (received and being read, already in the inbox, joined with its XML/PDF).
 * The list and counts then follow along through the live channel.
 */
export function UploadZone() {
  const { t } = useI18n();
  const m = t.inbox;
  const api = useApi();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [uploads, setUploads] = useState<Upload[]>([]);
  const [dragging, setDragging] = useState(false);
  const counter = useRef(0);

  const patch = useCallback(
    (key: string, change: Partial<Upload>) =>
      setUploads((all) => all.map((u) => (u.key === key ? { ...u, ...change } : u))),
    [],
  );

  const start = useCallback(
    (files: File[]) => {
      if (files.length === 0) return;
      const batch = uploadGroups(files).map((group) => ({
        key: `upload-${++counter.current}`,
        group,
      }));
      setUploads((all) => [
        ...batch.map(({ key, group }) => ({
          key,
          names: group.map((f) => f.name),
          state: 'waiting' as const,
          percent: 0,
        })),
        ...all,
      ]);
      const queue = [...batch];
      const worker = async () => {
        for (let next = queue.shift(); next; next = queue.shift()) {
          const { key, group } = next;
          patch(key, { state: 'uploading' });
          try {
            const result = await inboxApi.upload(api, group, ({ loaded, total }) =>
              patch(key, { percent: total > 0 ? Math.min(100, Math.round((loaded / total) * 100)) : 0 }),
            );
            patch(key, { state: 'done', percent: 100, result: result.items });
          } catch (error) {
            patch(key, { state: 'error', error });
          }
          // The arrival is also a live event; this makes it show at once on this screen.
          void queryClient.invalidateQueries({ queryKey: inboxKeys.all });
        }
      };
      for (let i = 0; i < Math.min(PARALLEL, batch.length); i++) void worker();
    },
    [api, patch, queryClient],
  );

  function onDrop(event: DragEvent<HTMLDivElement>) {
    event.preventDefault();
    setDragging(false);
    start([...event.dataTransfer.files]);
  }

  return (
    <section
      aria-labelledby="inbox-upload-title"
      className="card p-5"
      onDragOver={(event) => {
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(event) => {
        // Moving over a child is not leaving.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={onDrop}
    >
      <h2 id="inbox-upload-title" className="text-base font-semibold">
        {m.dropTitle}
      </h2>
      <div
        data-testid="drop-zone"
        className={`mt-3 flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-4 py-8 text-center text-sm transition-colors ${
          dragging ? 'border-brand-600 bg-brand-50' : 'border-slate-300 bg-slate-50'
        }`}
      >
        <p className="text-slate-700">{m.dropHere}</p>
        <p className="text-xs text-slate-500">{m.dropOr}</p>
        {/* The input stays in the tab order (visually hidden); its label is the visible button. */}
        <input
          id={inputId}
          type="file"
          multiple
          accept={ACCEPT}
          aria-label={m.pickLabel}
          className="peer sr-only"
          onChange={(event) => {
            start([...(event.target.files ?? [])]);
            event.target.value = '';
          }}
        />
        <label
          htmlFor={inputId}
          className="btn btn-primary cursor-pointer peer-focus-visible:outline-2 peer-focus-visible:outline-offset-2 peer-focus-visible:outline-brand-600"
        >
          {m.pick}
        </label>
        <p className="hint">{m.pairHint}</p>
      </div>
      {uploads.length > 0 ? (
        <div className="mt-4">
          <ul aria-label={m.uploadsCaption} className="divide-y divide-slate-100 text-sm">
            {uploads.map((upload) => (
              <UploadRow key={upload.key} upload={upload} />
            ))}
          </ul>
          {uploads.every((u) => u.state === 'done' || u.state === 'error') ? (
            <button type="button" className="btn btn-secondary mt-2" onClick={() => setUploads([])}>
              {m.clearUploads}
            </button>
          ) : null}
        </div>
      ) : null}
    </section>
  );
}

function UploadRow({ upload }: { upload: Upload }) {
  const { t } = useI18n();
  const m = t.inbox;
  const name = upload.names.join(' + ');
  // What went wrong, and what the code's params add (which plan limit, how much is used).
  const failure = upload.state === 'error' ? describeError(upload.error, t) : null;
  return (
    <li className="flex flex-wrap items-center gap-x-4 gap-y-1 py-2" data-upload-state={upload.state}>
      <span className="min-w-0 flex-1 truncate font-medium" title={name}>
        {name}
      </span>
      {upload.state === 'waiting' ? <span className="text-slate-500">{m.waiting}</span> : null}
      {upload.state === 'uploading' ? (
        <span className="flex items-center gap-2 text-slate-600">
          <progress max={100} value={upload.percent} className="h-2 w-32" aria-label={name} />
          {m.uploading(upload.percent)}
        </span>
      ) : null}
      {upload.state === 'done'
        ? upload.result?.map((item) => (
            <span key={item.id} className="flex items-center gap-2" role="status">
              <span className={item.duplicate ? 'text-amber-800' : 'text-emerald-800'}>
                {item.duplicate ? m.duplicate : item.pairedWith ? m.paired : m.received}
              </span>
              <Link
                to={href(paths.invoice, { id: item.id })}
                className="text-brand-700 underline-offset-2 hover:underline"
              >
                {m.openInvoice}
              </Link>
            </span>
          ))
        : null}
      {failure ? (
        <span role="alert" className="text-red-800">
          {failure.message}
          {failure.detail ? ` ${failure.detail}` : null}
        </span>
      ) : null}
    </li>
  );
}
