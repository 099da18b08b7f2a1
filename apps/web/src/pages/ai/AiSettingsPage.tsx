import { type AiDocumentKind, aiDocumentKinds, roleAtLeast } from '@boveda/contracts';
import { type FormEvent, useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { Field } from '../../components/Field.js';
import { Page } from '../../components/Page.js';
import { formatLocalDate } from '../../i18n/format.js';
import { useI18n } from '../../i18n/i18n.js';
import type { PageProps } from '../../lib/route-table.js';
import {
  type AiSettings,
  useAiPrompt,
  useAiSettings,
  useAiTest,
  useAiUsage,
  useSaveAiPrompt,
  useSaveAiSettings,
  useStartAiTest,
} from './ai-api.js';
import { PromptTrial } from './PromptTrial.js';

/** Inteligencia artificial: the organization's LLM provider, what may be sent, prices, cap, usage. */
export function AiSettingsPage({ myRole }: PageProps) {
  const { t } = useI18n();
  const m = t.ai;
  const settings = useAiSettings();
  const canManage = roleAtLeast(myRole, 'admin');
  const s = settings.data;
  return (
    <Page title={m.title} intro={m.intro}>
      <ErrorAlert error={settings.error} />
      {s ? (
        <>
          <p className="text-sm text-slate-700" data-testid="ai-source">
            {s.source === 'organization'
              ? m.source.organization
              : s.source === 'instance'
                ? m.source.instance(s.instance.model ?? '')
                : m.source.none}
          </p>
          {canManage ? null : <p className="text-sm text-slate-600">{m.readOnly}</p>}
          <SettingsForm key={s.updatedAt ?? 'none'} settings={s} canManage={canManage} />
          {canManage ? <ConnectionTest /> : null}
          <PromptsSection canManage={canManage} />
        </>
      ) : null}
      <UsageSection />
    </Page>
  );
}

function SettingsForm({ settings, canManage }: { settings: AiSettings; canManage: boolean }) {
  const { t } = useI18n();
  const m = t.ai;
  const save = useSaveAiSettings();
  const [enabled, setEnabled] = useState(settings.source === 'organization' && settings.enabled);
  const [baseUrl, setBaseUrl] = useState(settings.baseUrl ?? '');
  const [model, setModel] = useState(settings.model ?? '');
  const [apiKey, setApiKey] = useState('');
  const [removeKey, setRemoveKey] = useState(false);
  const [kinds, setKinds] = useState<AiDocumentKind[]>(settings.allowedKinds);
  const [timeoutSeconds, setTimeoutSeconds] = useState(String(Math.round(settings.timeoutMs / 1000)));
  const [currency, setCurrency] = useState(settings.currency);
  const [inputPrice, setInputPrice] = useState(settings.inputPricePerMillion);
  const [outputPrice, setOutputPrice] = useState(settings.outputPricePerMillion);
  const [capKind, setCapKind] = useState<'none' | 'tokens' | 'cost'>(settings.monthlyCap?.kind ?? 'none');
  const [capValue, setCapValue] = useState(settings.monthlyCap?.value ?? '');
  const disabled = !canManage;

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    save.mutate(
      {
        enabled,
        baseUrl: baseUrl.trim() || null,
        model: model.trim() || null,
        ...(apiKey.trim() ? { apiKey: apiKey.trim() } : removeKey ? { apiKey: null } : {}),
        allowedKinds: kinds,
        timeoutMs: Math.round(Number(timeoutSeconds) * 1000),
        currency,
        inputPricePerMillion: inputPrice.trim() || '0',
        outputPricePerMillion: outputPrice.trim() || '0',
        monthlyCap: capKind === 'none' ? null : { kind: capKind, value: capValue.trim() },
      },
      { onSuccess: () => setApiKey('') },
    );
  }

  const toggleKind = (kind: AiDocumentKind, on: boolean) =>
    setKinds((list) => (on ? [...list, kind] : list.filter((k) => k !== kind)));

  return (
    <form className="grid gap-4" onSubmit={onSubmit} aria-label={m.title}>
      <fieldset className="card grid gap-3 p-5 sm:grid-cols-2" disabled={disabled}>
        <legend className="text-base font-semibold">{m.providerTitle}</legend>
        <label className="flex items-center gap-2 sm:col-span-2">
          <input type="checkbox" checked={enabled} onChange={(e) => setEnabled(e.target.checked)} />
          <span>{m.enabled}</span>
          <span className="hint">{m.enabledHint}</span>
        </label>
        <Field id="ai-base-url" label={m.baseUrl} hint={m.baseUrlHint}>
          {(control) => (
            <input
              {...control}
              type="url"
              className="input font-mono"
              value={baseUrl}
              onChange={(e) => setBaseUrl(e.target.value)}
            />
          )}
        </Field>
        <Field id="ai-model" label={m.model}>
          {(control) => (
            <input
              {...control}
              className="input font-mono"
              value={model}
              onChange={(e) => setModel(e.target.value)}
            />
          )}
        </Field>
        <Field
          id="ai-api-key"
          label={m.apiKey}
          hint={settings.apiKeyConfigured ? m.apiKeyConfigured(settings.apiKeyHint ?? '') : m.apiKeyMissing}
          optional
        >
          {(control) => (
            <input
              {...control}
              type="password"
              autoComplete="new-password"
              className="input font-mono"
              value={apiKey}
              onChange={(e) => setApiKey(e.target.value)}
            />
          )}
        </Field>
        <Field id="ai-timeout" label={m.timeout}>
          {(control) => (
            <input
              {...control}
              type="number"
              min={1}
              max={300}
              className="input"
              value={timeoutSeconds}
              onChange={(e) => setTimeoutSeconds(e.target.value)}
            />
          )}
        </Field>
        {settings.apiKeyConfigured ? (
          <label className="flex items-center gap-2 sm:col-span-2">
            <input type="checkbox" checked={removeKey} onChange={(e) => setRemoveKey(e.target.checked)} />
            <span>{m.removeKey}</span>
          </label>
        ) : null}
      </fieldset>

      <fieldset className="card grid gap-2 p-5" disabled={disabled}>
        <legend className="text-base font-semibold">{m.kindsTitle}</legend>
        <p className="hint">{m.kindsHint}</p>
        {aiDocumentKinds.map((kind) => (
          <label key={kind} className="flex items-center gap-2">
            <input
              type="checkbox"
              checked={kinds.includes(kind)}
              onChange={(e) => toggleKind(kind, e.target.checked)}
            />
            <span>{m.kinds[kind]}</span>
          </label>
        ))}
      </fieldset>

      <fieldset className="card grid gap-3 p-5 sm:grid-cols-3" disabled={disabled}>
        <legend className="text-base font-semibold">{m.pricesTitle}</legend>
        <Field id="ai-currency" label={m.currency}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={currency}
              onChange={(e) => setCurrency(e.target.value as 'MXN' | 'USD')}
            >
              <option value="MXN">MXN</option>
              <option value="USD">USD</option>
            </select>
          )}
        </Field>
        <Field id="ai-input-price" label={m.inputPrice} hint={m.pricesHint}>
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              className="input tabular-nums"
              value={inputPrice}
              onChange={(e) => setInputPrice(e.target.value)}
            />
          )}
        </Field>
        <Field id="ai-output-price" label={m.outputPrice}>
          {(control) => (
            <input
              {...control}
              inputMode="decimal"
              className="input tabular-nums"
              value={outputPrice}
              onChange={(e) => setOutputPrice(e.target.value)}
            />
          )}
        </Field>
        <Field id="ai-cap-kind" label={m.capKind} hint={m.capHint}>
          {(control) => (
            <select
              {...control}
              className="input"
              value={capKind}
              onChange={(e) => setCapKind(e.target.value as 'none' | 'tokens' | 'cost')}
            >
              <option value="none">{m.capKinds.none}</option>
              <option value="tokens">{m.capKinds.tokens}</option>
              <option value="cost">{m.capKinds.cost}</option>
            </select>
          )}
        </Field>
        {capKind === 'none' ? null : (
          <Field id="ai-cap-value" label={m.capValue}>
            {(control) => (
              <input
                {...control}
                required
                inputMode="decimal"
                className="input tabular-nums"
                value={capValue}
                onChange={(e) => setCapValue(e.target.value)}
              />
            )}
          </Field>
        )}
      </fieldset>

      {canManage ? (
        <div className="flex items-center gap-3">
          <button type="submit" className="btn btn-primary" disabled={save.isPending}>
            {save.isPending ? m.saving : m.save}
          </button>
          {save.isSuccess ? <p className="text-sm text-emerald-800">{m.saved}</p> : null}
        </div>
      ) : null}
      <ErrorAlert error={save.error} />
    </form>
  );
}

function ConnectionTest() {
  const { t } = useI18n();
  const m = t.ai;
  const start = useStartAiTest();
  const [testId, setTestId] = useState<string | null>(null);
  const test = useAiTest(testId);
  const r = test.data;
  const running = start.isPending || r?.status === 'pending';
  return (
    <section aria-labelledby="ai-test-title" className="card p-5">
      <h2 id="ai-test-title" className="text-base font-semibold">
        {m.testTitle}
      </h2>
      <p className="hint">{m.testIntro}</p>
      <button
        type="button"
        className="btn btn-secondary mt-3"
        disabled={running}
        onClick={() => start.mutate(undefined, { onSuccess: (t) => setTestId(t.id) })}
      >
        {running ? m.testing : m.test}
      </button>
      <ErrorAlert error={start.error ?? test.error} className="mt-2" />
      {r && r.status !== 'pending' ? (
        <p
          role="status"
          data-testid="ai-test-result"
          className={`mt-2 text-sm ${r.status === 'ok' ? 'text-emerald-800' : 'text-red-700'}`}
        >
          {r.status === 'ok'
            ? m.testOk(r.latencyMs ?? 0, r.answer ?? '')
            : m.testErrors[r.errorCode ?? 'LLM_UNREACHABLE']}
        </p>
      ) : null}
    </section>
  );
}

function UsageSection() {
  const { t, locale } = useI18n();
  const m = t.ai;
  const [month, setMonth] = useState<string | undefined>(undefined);
  const usage = useAiUsage(month);
  const u = usage.data;
  return (
    <section aria-labelledby="ai-usage-title" className="card p-5">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <h2 id="ai-usage-title" className="text-base font-semibold">
          {m.usageTitle}
        </h2>
        <Field id="ai-usage-month" label={m.month}>
          {(control) => (
            <input
              {...control}
              type="month"
              className="input"
              value={month ?? u?.month ?? ''}
              onChange={(e) => setMonth(e.target.value || undefined)}
            />
          )}
        </Field>
      </div>
      <ErrorAlert error={usage.error} className="mt-2" />
      {u ? (
        <>
          {u.cap ? (
            <p
              className={`mt-2 text-sm ${u.cap.reached ? 'text-red-700' : 'text-slate-700'}`}
              data-testid="ai-cap"
            >
              {u.cap.reached ? m.capReached : m.capUsed(u.cap.used, u.cap.value)}
            </p>
          ) : null}
          {u.days.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{m.noUsage}</p>
          ) : (
            <table className="mt-3 w-full text-sm [&_td]:px-2 [&_th]:px-2">
              <caption className="sr-only">{m.usageCaption(u.month)}</caption>
              <thead>
                <tr className="text-left">
                  <th scope="col">{m.colDay}</th>
                  <th scope="col" className="text-right">
                    {m.colRequests}
                  </th>
                  <th scope="col" className="text-right">
                    {m.colInput}
                  </th>
                  <th scope="col" className="text-right">
                    {m.colOutput}
                  </th>
                  <th scope="col" className="text-right">
                    {m.colCost}
                  </th>
                  <th scope="col">{m.colModels}</th>
                </tr>
              </thead>
              <tbody className="tabular-nums">
                {u.days.map((d) => (
                  <tr key={d.day}>
                    <th scope="row" className="text-left font-normal">
                      {formatLocalDate(d.day, locale)}
                    </th>
                    <td className="text-right">{d.requests}</td>
                    <td className="text-right">{d.inputTokens}</td>
                    <td className="text-right">{d.outputTokens}</td>
                    <td className="text-right">
                      {d.cost} {u.currency}
                    </td>
                    <td>{d.models.join(', ')}</td>
                  </tr>
                ))}
              </tbody>
              <tfoot className="tabular-nums font-semibold">
                <tr>
                  <th scope="row" className="text-left">
                    {m.totals}
                  </th>
                  <td className="text-right">{u.totals.requests}</td>
                  <td className="text-right">{u.totals.inputTokens}</td>
                  <td className="text-right">{u.totals.outputTokens}</td>
                  <td className="text-right" data-testid="ai-total-cost">
                    {u.totals.cost} {u.currency}
                  </td>
                  <td />
                </tr>
              </tfoot>
            </table>
          )}
        </>
      ) : null}
    </section>
  );
}

function PromptsSection({ canManage }: { canManage: boolean }) {
  const { t, locale } = useI18n();
  const m = t.ai;
  const [kind, setKind] = useState<AiDocumentKind>('pdf-text');
  const prompt = useAiPrompt(kind);
  const p = prompt.data;
  return (
    <section aria-labelledby="ai-prompts-title" className="card grid gap-3 p-5">
      <h2 id="ai-prompts-title" className="text-base font-semibold">
        {m.promptsTitle}
      </h2>
      <p className="hint">{m.promptsIntro}</p>
      <Field id="ai-prompt-kind" label={m.promptKind}>
        {(control) => (
          <select
            {...control}
            className="input"
            value={kind}
            onChange={(e) => setKind(e.target.value as AiDocumentKind)}
          >
            {aiDocumentKinds.map((k) => (
              <option key={k} value={k}>
                {m.kinds[k]}
              </option>
            ))}
          </select>
        )}
      </Field>
      <ErrorAlert error={prompt.error} />
      {p ? (
        <PromptEditor
          key={`${kind}:${p.active?.version ?? 0}`}
          kind={kind}
          text={p.active?.text ?? p.default}
          canManage={canManage}
          status={p.active ? m.promptVersion(p.active.version) : m.promptDefault}
          placeholders={p.placeholders}
          versions={p.versions.map((v) => ({
            version: v.version,
            label: m.promptVersionLine(
              v.version,
              new Date(v.createdAt).toLocaleString(locale),
              v.createdBy ?? '—',
              v.restoredFrom,
            ),
          }))}
        />
      ) : null}
    </section>
  );
}

function PromptEditor(props: {
  kind: AiDocumentKind;
  text: string;
  canManage: boolean;
  status: string;
  placeholders: string[];
  versions: { version: number; label: string }[];
}) {
  const { t } = useI18n();
  const m = t.ai;
  const save = useSaveAiPrompt(props.kind);
  const [text, setText] = useState(props.text);
  return (
    <>
      <p className="text-sm text-slate-700" data-testid="ai-prompt-status">
        {props.status}
      </p>
      <Field id="ai-prompt-text" label={m.promptText} hint={m.promptHint(props.placeholders.join(', '))}>
        {(control) => (
          <textarea
            {...control}
            rows={12}
            className="input font-mono text-xs"
            readOnly={!props.canManage}
            value={text}
            onChange={(e) => setText(e.target.value)}
          />
        )}
      </Field>
      {props.canManage ? (
        <div>
          <button
            type="button"
            className="btn btn-primary"
            disabled={save.isPending || text.trim() === props.text.trim()}
            onClick={() => save.mutate({ text })}
          >
            {m.promptSave}
          </button>
        </div>
      ) : null}
      <ErrorAlert error={save.error} />
      {props.canManage ? <PromptTrial kind={props.kind} text={text} /> : null}
      {props.versions.length > 0 ? (
        <ul className="grid gap-1 text-sm" aria-label={m.promptVersions}>
          {props.versions.map((v, i) => (
            <li key={v.version} className="flex items-center justify-between gap-2">
              <span>{v.label}</span>
              {props.canManage && i > 0 ? (
                <button
                  type="button"
                  className="btn btn-secondary"
                  disabled={save.isPending}
                  onClick={() => save.mutate({ restore: v.version })}
                >
                  {m.promptRestore(v.version)}
                </button>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
    </>
  );
}
