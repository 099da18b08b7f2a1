import { mayActOnRole, type Role } from '@boveda/contracts';
import { type FormEvent, useState } from 'react';
import { type UserAction, useUserAction } from '../../api/queries.js';
import type { TenantUser } from '../../api/types.js';
import { ConfirmDialog } from '../../components/ConfirmDialog.js';
import { Dialog } from '../../components/Dialog.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { RoleSelect } from '../../components/RoleSelect.js';
import { useI18n } from '../../i18n/i18n.js';

type Confirmable = Exclude<UserAction['kind'], 'role'>;

/**
 * What an admin may do to one member: change the role, deactivate or reactivate, remove, send a
 * reset link. Each asks first. Nobody acts on a role above their own (the server says so too); the
 * server also refuses the last owner and changes to oneself, and its message is shown.
 */
export function MemberActions({ user, myRole }: { user: TenantUser; myRole: Role }) {
  const { t } = useI18n();
  const action = useUserAction();
  const [confirming, setConfirming] = useState<Confirmable | null>(null);
  const [editingRole, setEditingRole] = useState(false);
  const [role, setRole] = useState<Role>(user.role);
  const [notice, setNotice] = useState<string | null>(null);
  if (!mayActOnRole(myRole, user.role)) return null;

  const texts: Record<Confirmable, { label: string; title: string; message: string; pending: string }> = {
    deactivate: {
      label: t.users.deactivate,
      title: t.users.deactivateTitle,
      message: t.users.deactivateMessage(user.email),
      pending: t.users.deactivating,
    },
    reactivate: {
      label: t.users.reactivate,
      title: t.users.reactivateTitle,
      message: t.users.reactivateMessage(user.email),
      pending: t.users.reactivating,
    },
    remove: {
      label: t.users.remove,
      title: t.users.removeTitle,
      message: t.users.removeMessage(user.email),
      pending: t.users.removing,
    },
    reset: {
      label: t.users.sendReset,
      title: t.users.sendResetTitle,
      message: t.users.sendResetMessage(user.email),
      pending: t.users.sendingReset,
    },
  };
  const open = (kind: Confirmable) => {
    action.reset();
    setNotice(null);
    setConfirming(kind);
  };
  const close = () => {
    setConfirming(null);
    setEditingRole(false);
  };
  function confirm() {
    if (!confirming) return;
    const kind = confirming;
    action.mutate(
      { kind, id: user.id },
      {
        onSuccess: () => {
          close();
          if (kind === 'reset') setNotice(t.users.resetSent(user.email));
        },
      },
    );
  }
  function saveRole(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    action.mutate({ kind: 'role', id: user.id, role }, { onSuccess: close });
  }
  const deactivated = user.status === 'deactivated';
  const menu: Confirmable[] = deactivated ? ['reactivate', 'remove'] : ['deactivate', 'remove', 'reset'];
  const cancelId = `member-cancel-${user.id}`;

  return (
    <div className="flex flex-wrap justify-end gap-1">
      {notice ? (
        <span role="status" className="self-center text-xs text-emerald-700">
          {notice}
        </span>
      ) : null}
      {deactivated ? null : (
        <button
          type="button"
          className="btn btn-secondary px-2 py-1 text-xs"
          aria-label={`${t.users.changeRole}: ${user.email}`}
          onClick={() => {
            action.reset();
            setRole(user.role);
            setEditingRole(true);
          }}
        >
          {t.users.changeRole}
        </button>
      )}
      {menu.map((kind) => (
        <button
          key={kind}
          type="button"
          className={`btn px-2 py-1 text-xs ${kind === 'remove' || kind === 'deactivate' ? 'btn-danger-quiet' : 'btn-secondary'}`}
          aria-label={`${texts[kind].label}: ${user.email}`}
          onClick={() => open(kind)}
        >
          {texts[kind].label}
        </button>
      ))}
      <ConfirmDialog
        open={confirming !== null}
        title={confirming ? texts[confirming].title : ''}
        message={confirming ? texts[confirming].message : ''}
        cancelId={cancelId}
        cancelLabel={t.users.cancel}
        actionLabel={confirming ? texts[confirming].label : ''}
        pendingLabel={confirming ? texts[confirming].pending : ''}
        pending={action.isPending}
        error={action.error}
        onConfirm={confirm}
        onClose={close}
      />
      <Dialog open={editingRole} title={t.users.changeRoleTitle(user.email)} onClose={close}>
        <form className="space-y-4" onSubmit={saveRole}>
          <Field id={`member-role-${user.id}`} label={t.users.newRole}>
            {(control) => <RoleSelect {...control} value={role} onChange={setRole} maxRole={myRole} />}
          </Field>
          <ErrorAlert error={action.error} />
          <div className="flex flex-wrap justify-end gap-2">
            <button type="button" className="btn btn-secondary" onClick={close}>
              {t.users.cancel}
            </button>
            <button type="submit" className="btn btn-primary" disabled={action.isPending}>
              {action.isPending ? t.users.savingRole : t.users.saveRole}
            </button>
          </div>
        </form>
      </Dialog>
    </div>
  );
}
