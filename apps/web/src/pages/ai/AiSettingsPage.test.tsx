// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProvider } from '../../api/ApiProvider.js';
import type { ApiClient, RequestOptions } from '../../api/client.js';
import { I18nProvider } from '../../i18n/i18n.js';
import { AiSettingsPage } from './AiSettingsPage.js';
import type { AiConnectionTest, AiPrompt, AiSettings, AiUsage } from './ai-api.js';

const stored: AiSettings = {
  source: 'organization',
  enabled: true,
  baseUrl: 'https://api.example.com/v1',
  model: 'gpt-mini',
  apiKeyConfigured: true,
  apiKeyHint: 'x9Zq',
  allowedKinds: ['pdf-text'],
  timeoutMs: 30_000,
  currency: 'MXN',
  inputPricePerMillion: '2.5',
  outputPricePerMillion: '10',
  monthlyCap: { kind: 'tokens', value: '1000' },
  updatedAt: '2026-12-06T10:00:00Z',
  instance: { configured: false, model: null },
};
const usage: AiUsage = {
  month: '2026-12',
  currency: 'MXN',
  days: [
    {
      day: '2026-12-06',
      models: ['gpt-mini'],
      requests: 2,
      inputTokens: 1210,
      outputTokens: 83,
      cost: '0.003855',
    },
  ],
  totals: { requests: 2, inputTokens: 1210, outputTokens: 83, cost: '0.003855' },
  cap: { kind: 'tokens', value: '1000', used: '1293', reached: true },
};

const version = (n: number, text: string, restoredFrom: number | null = null) => ({
  version: n,
  text,
  restoredFrom,
  createdBy: 'rosa@ortiz.mx',
  createdAt: '2026-12-06T10:00:00Z',
});
const prompt: AiPrompt = {
  kind: 'pdf-text',
  placeholders: ['{{campos}}', '{{inicio_documento}}', '{{fin_documento}}'],
  default: 'Por omisión {{campos}} {{inicio_documento}} {{fin_documento}}',
  active: version(2, 'Versión dos {{campos}} {{inicio_documento}} {{fin_documento}}'),
  versions: [
    version(2, 'Versión dos {{campos}} {{inicio_documento}} {{fin_documento}}'),
    version(1, 'Versión uno {{campos}} {{inicio_documento}} {{fin_documento}}'),
  ],
};

function fakeApi(testAnswers: AiConnectionTest[] = []) {
  const calls: { method: string; path: string; body?: unknown; query?: unknown }[] = [];
  const client = {
    request: async (method: string, path: string, opts: RequestOptions = {}) => {
      calls.push({ method, path, body: opts.body, query: opts.query });
      if (path === '/api/v1/ai/settings' && method === 'GET') return stored;
      if (path === '/api/v1/ai/settings') return { ...stored, ...(opts.body as object), updatedAt: 'later' };
      if (path === '/api/v1/ai/usage') return usage;
      if (path.startsWith('/api/v1/ai/prompts/')) return prompt;
      if (path === '/api/v1/ai/test') return { ...testAnswers[0]!, status: 'pending' };
      if (path.startsWith('/api/v1/ai/test/')) return testAnswers.shift();
      throw new Error(`unexpected ${method} ${path}`);
    },
  } as unknown as ApiClient;
  return { client, calls };
}

function open(role: 'admin' | 'member', api = fakeApi()) {
  render(
    <I18nProvider initialLocale="es-MX">
      <ApiProvider client={api.client}>
        <AiSettingsPage params={{}} myRole={role} />
      </ApiProvider>
    </I18nProvider>,
  );
  return api;
}

afterEach(cleanup);

describe('Inteligencia artificial', () => {
  it('shows the stored settings, the key only as "configurada" with its last 4, and the usage', async () => {
    open('admin');
    await screen.findByRole('heading', { level: 1, name: 'Inteligencia artificial' });
    expect(((await screen.findByLabelText('Modelo')) as HTMLInputElement).value).toBe('gpt-mini');
    expect(screen.getByText(/Configurada \(termina en …x9Zq\)/)).toBeTruthy();
    expect((screen.getByLabelText(/^API key/) as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('PDF con texto') as HTMLInputElement).checked).toBe(true);
    expect((screen.getByLabelText('Foto o imagen (OCR)') as HTMLInputElement).checked).toBe(false);
    const table = await screen.findByRole('table', { name: 'Consumo por día de 2026-12' });
    expect(within(table).getByText('1210', { selector: 'tbody td' })).toBeTruthy();
    expect(screen.getByTestId('ai-total-cost').textContent).toBe('0.003855 MXN');
    expect(screen.getByTestId('ai-cap').textContent).toContain('Se alcanzó el límite');
  });

  it('saves what the admin changed, keeping the stored key when the field is empty', async () => {
    const api = open('admin');
    const image = await screen.findByLabelText('Foto o imagen (OCR)');
    fireEvent.click(image);
    fireEvent.change(screen.getByLabelText(/Precio por 1 millón de tokens de entrada/), {
      target: { value: '3.10' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Guardar' }));
    await screen.findByText('Configuración guardada.');
    const put = api.calls.find((c) => c.method === 'PUT')!;
    expect(put.body).toEqual({
      enabled: true,
      baseUrl: 'https://api.example.com/v1',
      model: 'gpt-mini',
      allowedKinds: ['pdf-text', 'image'],
      timeoutMs: 30_000,
      currency: 'MXN',
      inputPricePerMillion: '3.10',
      outputPricePerMillion: '10',
      monthlyCap: { kind: 'tokens', value: '1000' },
    });
    expect(put.body).not.toHaveProperty('apiKey');
  });

  it('tests the connection through the job and shows the latency and answer, or the error in Spanish', async () => {
    const done = (over: Partial<AiConnectionTest>): AiConnectionTest => ({
      id: '0b9f6a8e-5a43-4a3c-9e59-6b6a43c2a001',
      status: 'ok',
      model: 'gpt-mini',
      latencyMs: 42,
      answer: 'OK',
      errorCode: null,
      createdAt: '2026-12-06T10:00:00Z',
      finishedAt: '2026-12-06T10:00:01Z',
      ...over,
    });
    open('admin', fakeApi([done({})]));
    fireEvent.click(await screen.findByRole('button', { name: 'Probar conexión' }));
    expect((await screen.findByTestId('ai-test-result')).textContent).toBe('Respondió en 42 ms: “OK”.');
    cleanup();
    open('admin', fakeApi([done({ status: 'failed', errorCode: 'LLM_HTTP_ERROR', answer: null })]));
    fireEvent.click(await screen.findByRole('button', { name: 'Probar conexión' }));
    await waitFor(() =>
      expect(screen.getByTestId('ai-test-result').textContent).toContain('revisa la API key y el modelo'),
    );
  });

  it('lets a member read but not change or test', async () => {
    open('member');
    await screen.findByText('Solo un administrador puede cambiar esta configuración.');
    // Inside a disabled fieldset: disabled for the person, whatever its own attribute says.
    expect((await screen.findByLabelText('Modelo')).matches(':disabled')).toBe(true);
    expect(screen.queryByRole('button', { name: 'Guardar' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Probar conexión' })).toBeNull();
  });

  it('edits the extraction prompt as a new version and restores an old one', async () => {
    const api = open('admin');
    await screen.findByText('Se usa la versión 2.');
    const box = screen.getByLabelText('Prompt') as HTMLTextAreaElement;
    expect(box.value).toContain('Versión dos');
    fireEvent.change(box, { target: { value: 'Nueva {{campos}} {{inicio_documento}} {{fin_documento}}' } });
    fireEvent.click(screen.getByRole('button', { name: 'Guardar como versión nueva' }));
    await waitFor(() =>
      expect(api.calls.some((c) => c.path === '/api/v1/ai/prompts/pdf-text' && c.method === 'PUT')).toBe(
        true,
      ),
    );
    expect(api.calls.find((c) => c.method === 'PUT' && c.path.includes('prompts'))!.body).toEqual({
      text: 'Nueva {{campos}} {{inicio_documento}} {{fin_documento}}',
    });
    const list = screen.getByRole('list', { name: 'Versiones del prompt' });
    // The version in use has nothing to restore; the older one does.
    expect(within(list).queryByRole('button', { name: 'Restaurar versión 2' })).toBeNull();
    fireEvent.click(within(list).getByRole('button', { name: 'Restaurar versión 1' }));
    await waitFor(() =>
      expect(api.calls.find((c) => c.path === '/api/v1/ai/prompts/pdf-text/restore')?.body).toEqual({
        version: 1,
      }),
    );
  });
});
