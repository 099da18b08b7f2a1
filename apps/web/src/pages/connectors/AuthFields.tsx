import { connectorAuthTypes } from '@boveda/contracts';
import { useI18n } from '../../i18n/i18n.js';
import type { ConnectorDraft } from './connector-draft.js';
import { DraftInput, DraftSelect, type SectionProps } from './DraftInput.js';

/**
 * The auth method and its fields. The secret is a password input; on edit a stored secret shows as
 * "•••• guardada" and is kept when the field stays empty and the method does not change.
 */
export function AuthFields({
  idPrefix,
  draft,
  set,
  errors,
  storedSecret,
}: SectionProps<ConnectorDraft> & { storedSecret: { type: string; hasSecret: boolean } | null }) {
  const { t } = useI18n();
  const m = t.connectors;
  const type = draft.authType;
  const keeps = storedSecret?.hasSecret === true && storedSecret.type === type;
  const common = { idPrefix, errors };
  const secretLabel = {
    none: '',
    api_key: m.apiKey,
    bearer: m.token,
    basic: m.password,
    oauth2: m.clientSecret,
  }[type];

  return (
    <fieldset className="space-y-3 rounded-md border border-slate-200 p-4">
      <legend className="px-1 text-sm font-semibold">{m.authTitle}</legend>
      <DraftSelect
        {...common}
        path="auth.type"
        label={m.authType}
        value={type}
        options={connectorAuthTypes}
        labels={m.authTypes}
        onValue={(authType) => set({ authType, secret: '' })}
        className="max-w-sm"
      />
      <div className="grid gap-3 md:grid-cols-2">
        {type === 'api_key' ? (
          <DraftInput
            {...common}
            path="auth.header"
            label={m.header}
            mono
            value={draft.header}
            onValue={(header) => set({ header })}
          />
        ) : null}
        {type === 'basic' ? (
          <DraftInput
            {...common}
            path="auth.username"
            label={m.username}
            autoComplete="off"
            value={draft.username}
            onValue={(username) => set({ username })}
          />
        ) : null}
        {type === 'oauth2' ? (
          <>
            <DraftInput
              {...common}
              path="auth.tokenUrl"
              label={m.tokenUrl}
              type="url"
              mono
              value={draft.tokenUrl}
              onValue={(tokenUrl) => set({ tokenUrl })}
            />
            <DraftInput
              {...common}
              path="auth.clientId"
              label={m.clientId}
              mono
              autoComplete="off"
              value={draft.clientId}
              onValue={(clientId) => set({ clientId })}
            />
          </>
        ) : null}
        {type !== 'none' ? (
          <DraftInput
            {...common}
            path="auth.secret"
            label={secretLabel}
            type="password"
            autoComplete="new-password"
            placeholder={keeps ? m.secretSaved : undefined}
            hint={keeps ? m.secretKeepHint : undefined}
            value={draft.secret}
            onValue={(secret) => set({ secret })}
          />
        ) : null}
        {type === 'oauth2' ? (
          <DraftInput
            {...common}
            path="auth.scope"
            label={m.scope}
            optional
            mono
            value={draft.scope}
            onValue={(scope) => set({ scope })}
          />
        ) : null}
      </div>
    </fieldset>
  );
}
