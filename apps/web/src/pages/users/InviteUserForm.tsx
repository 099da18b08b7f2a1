import { PASSWORD_MIN_LENGTH, type Role } from '@boveda/contracts';
import { type FormEvent, useState } from 'react';
import { useInviteUser } from '../../api/queries.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { RoleSelect } from '../../components/RoleSelect.js';
import { useI18n } from '../../i18n/i18n.js';
import { passwordHint, passwordRuleText } from '../../i18n/password-rule.js';

/** Invites a person; the answer is the same whether or not they already have an account. */
export function InviteUserForm({ myRole }: { myRole: Role }) {
  const { t } = useI18n();
  const create = useInviteUser();
  const [email, setEmail] = useState('');
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [role, setRole] = useState<Role>('member');
  const [weak, setWeak] = useState<string | undefined>();

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // The server refuses a short initial password (even for an existing account): say so first.
    const rule = passwordRuleText(password, t);
    setWeak(rule);
    if (rule) return;
    const trimmedName = name.trim();
    create.mutate(
      { email: email.trim(), password, role, ...(trimmedName ? { name: trimmedName } : {}) },
      {
        onSuccess: () => {
          setEmail('');
          setName('');
          setPassword('');
        },
      },
    );
  }

  return (
    <section aria-labelledby="add-user-title" className="card p-5">
      <h2 id="add-user-title" className="text-base font-semibold">
        {t.users.addTitle}
      </h2>
      <p className="mt-1 text-sm text-slate-600">{t.users.addIntro}</p>
      <form className="mt-3 grid gap-3 md:grid-cols-2 lg:grid-cols-4" onSubmit={onSubmit}>
        <Field id="add-user-email" label={t.users.email}>
          {(control) => (
            <input
              {...control}
              type="email"
              required
              autoComplete="off"
              className="input"
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />
          )}
        </Field>
        <Field id="add-user-name" label={t.users.name} optional>
          {(control) => (
            <input
              {...control}
              autoComplete="off"
              className="input"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field
          id="add-user-password"
          label={t.users.password}
          hint={`${t.users.passwordHint} ${passwordHint(t)}`}
          error={weak}
        >
          {(control) => (
            <input
              {...control}
              type="password"
              required
              minLength={PASSWORD_MIN_LENGTH}
              autoComplete="new-password"
              className="input"
              value={password}
              onChange={(e) => setPassword(e.target.value)}
            />
          )}
        </Field>
        <Field id="add-user-role" label={t.users.role}>
          {(control) => <RoleSelect {...control} value={role} onChange={setRole} maxRole={myRole} />}
        </Field>
        <div className="flex flex-wrap items-center gap-3 md:col-span-2 lg:col-span-4">
          <button type="submit" className="btn btn-primary" disabled={create.isPending}>
            {create.isPending ? t.users.adding : t.users.add}
          </button>
          <p role="status" className="text-sm text-emerald-800">
            {create.isSuccess ? t.users.added(create.data.email) : ''}
          </p>
        </div>
      </form>
      <ErrorAlert error={create.error} className="mt-3" />
    </section>
  );
}
