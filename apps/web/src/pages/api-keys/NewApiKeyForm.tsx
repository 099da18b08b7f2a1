import type { Role } from '@boveda/contracts';
import { type FormEvent, useState } from 'react';
import { useCreateApiKey } from '../../api/queries.js';
import type { CreatedApiKey } from '../../api/types.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { RoleSelect } from '../../components/RoleSelect.js';
import { useI18n } from '../../i18n/i18n.js';

export function NewApiKeyForm({ myRole, onCreated }: { myRole: Role; onCreated(key: CreatedApiKey): void }) {
  const { t } = useI18n();
  const create = useCreateApiKey();
  const [name, setName] = useState('');
  const [role, setRole] = useState<Role>('member');

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), role },
      {
        onSuccess: (created) => {
          setName('');
          onCreated(created);
        },
      },
    );
  }

  return (
    <section aria-labelledby="new-key-title" className="card p-5">
      <h2 id="new-key-title" className="text-base font-semibold">
        {t.apiKeys.newTitle}
      </h2>
      <form
        className="mt-3 grid gap-3 sm:grid-cols-[minmax(0,1fr)_12rem_auto] sm:items-end"
        onSubmit={onSubmit}
      >
        <Field id="new-key-name" label={t.apiKeys.name}>
          {(control) => (
            <input
              {...control}
              required
              maxLength={100}
              className="input"
              placeholder={t.apiKeys.namePlaceholder}
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
          )}
        </Field>
        <Field id="new-key-role" label={t.apiKeys.role}>
          {(control) => <RoleSelect {...control} value={role} onChange={setRole} maxRole={myRole} />}
        </Field>
        <button type="submit" className="btn btn-primary" disabled={create.isPending}>
          {create.isPending ? t.apiKeys.creating : t.apiKeys.create}
        </button>
      </form>
      <ErrorAlert error={create.error} className="mt-3" />
    </section>
  );
}
