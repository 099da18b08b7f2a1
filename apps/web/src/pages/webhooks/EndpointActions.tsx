import { type FormEvent, useState } from 'react';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { useI18n } from '../../i18n/i18n.js';
import { navigate } from '../../lib/router.js';
import { href, paths } from '../../paths.js';
import type { ShownSecret } from './SecretDialog.js';
import { isoToLocalDateTime, localDateTimeToIso } from './webhook-labels.js';
import {
  useDeleteEndpoint,
  useRecover,
  useRevealSecret,
  useRotateSecret,
  useSendTest,
  type WebhookEndpoint,
} from './webhooks-api.js';

type Confirming = 'rotate' | 'recover' | 'delete' | null;

/** Test, show or rotate the secret, retry failed messages, delete: admins and owners only. */
export function EndpointActions({
  endpoint,
  onSecret,
}: {
  endpoint: WebhookEndpoint;
  onSecret(shown: ShownSecret): void;
}) {
  const { t } = useI18n();
  const m = t.webhooks;
  const test = useSendTest(endpoint.id);
  const reveal = useRevealSecret(endpoint.id);
  const [confirming, setConfirming] = useState<Confirming>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const error = test.error ?? reveal.error;

  return (
    <section aria-labelledby="endpoint-actions-title" className="card p-5">
      <h2 id="endpoint-actions-title" className="text-base font-semibold">
        {m.actionsTitle}
      </h2>
      <div className="mt-3 flex flex-wrap gap-2">
        <button
          type="button"
          className="btn btn-primary"
          disabled={test.isPending}
          onClick={() => {
            setNotice(null);
            reveal.reset();
            test.mutate(undefined, { onSuccess: () => setNotice(m.testSent) });
          }}
        >
          {test.isPending ? m.testing : m.test}
        </button>
        <button
          type="button"
          className="btn btn-secondary"
          disabled={reveal.isPending}
          onClick={() => {
            setNotice(null);
            test.reset();
            reveal.mutate(undefined, {
              onSuccess: (s) =>
                onSecret({
                  kind: 'revealed',
                  url: endpoint.url,
                  secret: s.secret,
                  previousSecretExpiresAt: s.previousSecretExpiresAt,
                }),
            });
          }}
        >
          {reveal.isPending ? m.revealing : m.showSecret}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => setConfirming('rotate')}>
          {m.rotate}
        </button>
        <button type="button" className="btn btn-secondary" onClick={() => setConfirming('recover')}>
          {m.recover}
        </button>
        <button type="button" className="btn btn-danger-quiet" onClick={() => setConfirming('delete')}>
          {m.delete}
        </button>
      </div>
      {notice ? (
        <p role="status" className="mt-3 text-sm text-emerald-800">
          {notice}
        </p>
      ) : null}
      <ErrorAlert error={error} className="mt-3" />

      <RotateDialog
        open={confirming === 'rotate'}
        endpoint={endpoint}
        onClose={() => setConfirming(null)}
        onRotated={(shown) => {
          setConfirming(null);
          onSecret(shown);
        }}
      />
      <RecoverDialog
        open={confirming === 'recover'}
        endpointId={endpoint.id}
        onClose={() => setConfirming(null)}
        onQueued={(n) => {
          setConfirming(null);
          setNotice(m.queued(n));
        }}
      />
      <DeleteDialog open={confirming === 'delete'} endpoint={endpoint} onClose={() => setConfirming(null)} />
    </section>
  );
}

function RotateDialog({
  open,
  endpoint,
  onClose,
  onRotated,
}: {
  open: boolean;
  endpoint: WebhookEndpoint;
  onClose(): void;
  onRotated(shown: ShownSecret): void;
}) {
  const { t } = useI18n();
  const m = t.webhooks;
  const rotate = useRotateSecret(endpoint.id);
  const close = () => {
    rotate.reset();
    onClose();
  };
  return (
    <Dialog open={open} title={m.rotateTitle} onClose={close} initialFocusId="rotate-cancel">
      <div className="space-y-4">
        <p className="text-sm text-slate-700">{m.rotateConfirm}</p>
        <ErrorAlert error={rotate.error} />
        <div className="flex flex-wrap justify-end gap-2">
          <button id="rotate-cancel" type="button" className="btn btn-secondary" onClick={close}>
            {t.common.cancel}
          </button>
          <button
            type="button"
            className="btn btn-primary"
            disabled={rotate.isPending}
            onClick={() =>
              rotate.mutate(undefined, {
                onSuccess: (s) => {
                  rotate.reset();
                  onRotated({
                    kind: 'rotated',
                    url: endpoint.url,
                    secret: s.secret,
                    previousSecretExpiresAt: s.previousSecretExpiresAt,
                  });
                },
              })
            }
          >
            {rotate.isPending ? m.rotating : m.rotate}
          </button>
        </div>
      </div>
    </Dialog>
  );
}

const DAY_MS = 24 * 60 * 60 * 1000;

function RecoverDialog({
  open,
  endpointId,
  onClose,
  onQueued,
}: {
  open: boolean;
  endpointId: string;
  onClose(): void;
  onQueued(n: number): void;
}) {
  const { t } = useI18n();
  const m = t.webhooks;
  const recover = useRecover(endpointId);
  const [since, setSince] = useState(() => isoToLocalDateTime(Date.now() - DAY_MS));
  const [until, setUntil] = useState('');
  const [invalid, setInvalid] = useState<'since' | 'until' | null>(null);
  const close = () => {
    recover.reset();
    setInvalid(null);
    onClose();
  };

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const sinceIso = localDateTimeToIso(since);
    const untilIso = until === '' ? undefined : localDateTimeToIso(until);
    if (!sinceIso) return setInvalid('since');
    if (untilIso === null) return setInvalid('until');
    setInvalid(null);
    recover.mutate(
      { since: sinceIso, ...(untilIso ? { until: untilIso } : {}) },
      {
        onSuccess: ({ queued }) => {
          recover.reset();
          onQueued(queued);
        },
      },
    );
  }

  return (
    <Dialog open={open} title={m.recoverTitle} onClose={close} initialFocusId="recover-since">
      <form className="space-y-4" onSubmit={submit} noValidate>
        <p className="text-sm text-slate-700">{m.recoverIntro}</p>
        <div className="grid gap-3 sm:grid-cols-2">
          <Field
            id="recover-since"
            label={m.recoverSince}
            error={invalid === 'since' ? m.recoverInvalid : undefined}
          >
            {(control) => (
              <input
                {...control}
                type="datetime-local"
                required
                className="input"
                value={since}
                onChange={(e) => setSince(e.target.value)}
              />
            )}
          </Field>
          <Field
            id="recover-until"
            label={m.recoverUntil}
            hint={m.recoverUntilHint}
            optional
            error={invalid === 'until' ? m.recoverInvalid : undefined}
          >
            {(control) => (
              <input
                {...control}
                type="datetime-local"
                className="input"
                value={until}
                onChange={(e) => setUntil(e.target.value)}
              />
            )}
          </Field>
        </div>
        <ErrorAlert error={recover.error} />
        <div className="flex flex-wrap justify-end gap-2">
          <button type="button" className="btn btn-secondary" onClick={close}>
            {t.common.cancel}
          </button>
          <button type="submit" className="btn btn-primary" disabled={recover.isPending}>
            {recover.isPending ? m.recovering : m.recoverAction}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteDialog({
  open,
  endpoint,
  onClose,
}: {
  open: boolean;
  endpoint: WebhookEndpoint;
  onClose(): void;
}) {
  const { t } = useI18n();
  const m = t.webhooks;
  const remove = useDeleteEndpoint(endpoint.id);
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <ConfirmDialog
      open={open}
      title={m.deleteTitle}
      message={m.deleteConfirm(endpoint.url)}
      cancelId="delete-endpoint-cancel"
      cancelLabel={t.common.cancel}
      actionLabel={m.deleteAction}
      pendingLabel={m.deleting}
      pending={remove.isPending}
      error={remove.error}
      onConfirm={() =>
        remove.mutate(undefined, { onSuccess: () => navigate(href(paths.webhooks), { replace: true }) })
      }
      onClose={close}
    />
  );
}
