import { type Role, roleAtLeast } from '@boveda/contracts';
import { useState } from 'react';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { useI18n } from '../../i18n/i18n.js';
import { navigate } from '../../lib/router.js';
import { href, paths } from '../../paths.js';
import { wantsPull, wantsPush } from './connector-draft.js';
import { type Connector, useDeleteConnector, usePull, usePush, useTestConnector } from './connectors-api.js';

/**
 * "Probar conexión" and "Eliminar" (admins), "Exportar pendientes" and "Importar ahora" (members:
 * running a connector is what "Exportar a…" does too). A queued run shows up in Ejecuciones.
 */
export function ConnectorActions({ connector, myRole }: { connector: Connector; myRole: Role }) {
  const { t, number } = useI18n();
  const m = t.connectors;
  const canManage = roleAtLeast(myRole, 'admin');
  const test = useTestConnector(connector.id);
  const push = usePush();
  const pull = usePull(connector.id);
  const [full, setFull] = useState(false);
  const [deleting, setDeleting] = useState(false);
  const result = test.data;

  return (
    <section aria-labelledby="connector-actions-title" className="card space-y-3 p-5">
      <h2 id="connector-actions-title" className="text-base font-semibold">
        {m.actionsTitle}
      </h2>
      <div className="flex flex-wrap items-center gap-3">
        {canManage ? (
          <button
            type="button"
            className="btn btn-secondary"
            disabled={test.isPending}
            onClick={() => test.mutate()}
          >
            {test.isPending ? m.testing : m.test}
          </button>
        ) : null}
        {wantsPush(connector.direction) ? (
          <button
            type="button"
            className="btn btn-secondary"
            disabled={push.isPending}
            onClick={() => push.mutate({ id: connector.id, body: {} })}
          >
            {m.pushPending}
          </button>
        ) : null}
        {wantsPull(connector.direction) ? (
          <span className="flex flex-wrap items-center gap-2">
            <button
              type="button"
              className="btn btn-secondary"
              disabled={pull.isPending}
              onClick={() => pull.mutate({ full })}
            >
              {m.pull}
            </button>
            <label className="flex items-center gap-1 text-sm">
              <input type="checkbox" checked={full} onChange={(e) => setFull(e.target.checked)} />
              {m.pullFull}
            </label>
          </span>
        ) : null}
        {canManage ? (
          <button type="button" className="btn btn-danger-quiet ml-auto" onClick={() => setDeleting(true)}>
            {m.delete}
          </button>
        ) : null}
      </div>
      {result ? (
        <p
          role="status"
          data-test-ok={result.ok}
          className={`rounded-md px-3 py-2 text-sm ${result.ok ? 'bg-emerald-50 text-emerald-800' : 'bg-red-50 text-red-800'}`}
        >
          {(result.ok ? m.testOk : m.testFailed)(result.status?.toString() ?? '—', number(result.latencyMs))}
          {result.error ? <span className="block">{result.error}</span> : null}
        </p>
      ) : null}
      {push.isSuccess || pull.isSuccess ? (
        <p role="status" className="text-sm text-slate-700">
          {m.queued}
        </p>
      ) : null}
      <ErrorAlert error={test.error ?? push.error ?? pull.error} />
      <DeleteDialog open={deleting} connector={connector} onClose={() => setDeleting(false)} />
    </section>
  );
}

function DeleteDialog({
  open,
  connector,
  onClose,
}: {
  open: boolean;
  connector: Connector;
  onClose(): void;
}) {
  const { t } = useI18n();
  const m = t.connectors;
  const remove = useDeleteConnector(connector.id);
  const close = () => {
    remove.reset();
    onClose();
  };
  return (
    <Dialog open={open} title={m.deleteTitle} onClose={close} initialFocusId="delete-connector-cancel">
      <div className="space-y-4">
        <p className="text-sm break-words text-slate-700">{m.deleteConfirm(connector.name)}</p>
        <ErrorAlert error={remove.error} />
        <div className="flex flex-wrap justify-end gap-2">
          <button id="delete-connector-cancel" type="button" className="btn btn-secondary" onClick={close}>
            {t.common.cancel}
          </button>
          <button
            type="button"
            className="btn btn-danger"
            disabled={remove.isPending}
            onClick={() =>
              remove.mutate(undefined, {
                onSuccess: () => navigate(href(paths.connectors), { replace: true }),
              })
            }
          >
            {remove.isPending ? m.deleting : m.delete}
          </button>
        </div>
      </div>
    </Dialog>
  );
}
