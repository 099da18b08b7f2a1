import { type ApiKeyResourceScope, apiKeyResourceScopes, type Role } from '@boveda/contracts';
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
  const [scopes, setScopes] = useState<ApiKeyResourceScope[]>([]);

  const toggleScope = (scope: ApiKeyResourceScope, on: boolean) =>
    setScopes((current) =>
      // Kept in the catalogue's order, whatever order they were ticked in.
      apiKeyResourceScopes.filter((s) => (s === scope ? on : current.includes(s))),
    );

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate(
      { name: name.trim(), role, scopes },
      {
        onSuccess: (created) => {
          setName('');
          setScopes([]);
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
        <fieldset className="sm:col-span-3" aria-describedby="new-key-scopes-hint">
          <legend className="text-sm font-medium text-slate-800">{t.apiKeys.scopesLegend}</legend>
          <p id="new-key-scopes-hint" className="mt-1 text-xs text-slate-600">
            {t.apiKeys.scopesHint}
          </p>
          <div className="mt-2 flex flex-wrap gap-x-5 gap-y-2">
            {apiKeyResourceScopes.map((scope) => (
              <label key={scope} className="inline-flex items-center gap-2 text-sm text-slate-700">
                <input
                  type="checkbox"
                  name="scopes"
                  value={scope}
                  checked={scopes.includes(scope)}
                  onChange={(e) => toggleScope(scope, e.target.checked)}
                />
                {t.apiKeys.scopeLabels[scope]}
              </label>
            ))}
          </div>
        </fieldset>
      </form>
      <ErrorAlert error={create.error} className="mt-3" />
    </section>
  );
}
