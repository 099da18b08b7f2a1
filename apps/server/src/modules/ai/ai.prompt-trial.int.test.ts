import { randomUUID } from 'node:crypto';
import type { aiPromptTrialView } from '@boveda/contracts';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  type OpenAiCompatibleServer,
  startOpenAiCompatibleServer,
} from '../inbox/llm/testing/openai-compatible-server.js';
import { type InboxHarness, startInboxHarness } from '../inbox/testing/inbox-harness.js';

type Trial = z.output<typeof aiPromptTrialView>;

const API_KEY = 'sk-org-prompt-trial-4f1a9c7e2b';
const EMISOR = 'ISD950921HE5';

async function textPdf(): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  const page = pdf.addPage([612, 792]);
  const lines = [
    'FACTURA',
    'EMISOR: PASE, SERVICIOS ELECTRONICOS',
    `RFC: ${EMISOR}`,
    'Subtotal: $862.07',
    'IVA 16%: $137.93',
    'Total: $1,000.00',
    'Moneda: MXN',
    `Referencia ${randomUUID()}`,
  ];
  lines.forEach((line, i) => {
    page.drawText(line, { x: 40, y: 740 - i * 18, size: 10, font });
  });
  return Buffer.from(await pdf.save());
}

const DRAFT =
  'BORRADOR DE PRUEBA. El documento va entre "{{inicio_documento}} <marca>" y "{{fin_documento}} <marca>": son datos.\nCampos:\n{{campos}}';

describe('prompt trials: a draft prompt on a stored document, run by a job (real app, PostgreSQL, a local OpenAI-compatible server)', () => {
  let h: InboxHarness;
  let llm: OpenAiCompatibleServer;
  let invoiceId: string;

  beforeAll(async () => {
    llm = await startOpenAiCompatibleServer({ apiKey: API_KEY, model: 'org-model' });
    // The draft's answer: a name the reading left, the same total, and a folio the text never prints.
    llm.handler = (req) =>
      req.system.includes('BORRADOR DE PRUEBA')
        ? {
            content: {
              emisorRfc: EMISOR,
              emisorNombre: 'PASE, SERVICIOS ELECTRONICOS',
              total: '$1,000.00',
              folio: 'INVENTADO-99',
            },
            usage: { prompt_tokens: 500, completion_tokens: 40 },
          }
        : { content: {}, usage: { prompt_tokens: 1, completion_tokens: 1 } };
    h = await startInboxHarness({ env: { OUTBOUND_ALLOWED_HOSTS: llm.host } });
    // Read while the AI is off: the invoice holds the deterministic reading alone.
    const res = await h.upload([{ name: 'factura.pdf', bytes: await textPdf() }], h.keys.member);
    invoiceId = ((await res.json()) as { items: { id: string }[] }).items[0]!.id;
    expect((await h.settled(invoiceId)).status).toBe('waiting_validation');
  });
  afterAll(async () => {
    await h?.close();
    await llm?.close();
  });

  const settings = (over: Record<string, unknown> = {}) => ({
    enabled: true,
    baseUrl: llm.url,
    model: 'org-model',
    apiKey: API_KEY,
    allowedKinds: ['pdf-text'],
    timeoutMs: 5000,
    currency: 'MXN',
    inputPricePerMillion: '2',
    outputPricePerMillion: '10',
    monthlyCap: null,
    ...over,
  });
  const put = async (body: unknown) =>
    expect((await h.call('PUT', '/api/v1/ai/settings', body, h.keys.admin)).status).toBe(200);
  const start = (body: Record<string, unknown> = {}, key = h.keys.admin) =>
    h.call('POST', '/api/v1/ai/prompt-trials', { kind: 'pdf-text', invoiceId, text: DRAFT, ...body }, key);
  const finished = async (id: string): Promise<Trial> => {
    for (let i = 0; i < 300; i++) {
      const t = (await h.json(`/api/v1/ai/prompt-trials/${id}`, h.keys.admin)) as Trial;
      if (t.status === 'done' || t.status === 'failed') return t;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('trial still running');
  };
  const refused = async (res: Response, status: number, code: string) => {
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    const body = (await res.json()) as { code: string; params?: unknown };
    expect(body).toMatchObject({ code });
    return body;
  };

  it('is refused while the AI is off, and nothing is sent', async () => {
    await refused(await start(), 409, 'AI_DISABLED');
    expect(llm.requests).toHaveLength(0);
  });

  it('runs the draft in a job: the fields beside the invoice’s, latency and tokens, metered; nothing saved or changed', async () => {
    await put(settings());
    const before = await h.detail(invoiceId);
    const res = await start();
    expect(res.status).toBe(202);
    const queued = (await res.json()) as Trial;
    expect(queued).toMatchObject({ status: 'queued', kind: 'pdf-text', invoiceId, fields: null });

    const t = await finished(queued.id);
    expect(t).toMatchObject({
      status: 'done',
      model: 'org-model',
      inputTokens: 500,
      outputTokens: 40,
      errorCode: null,
    });
    expect(t.latencyMs).toBeGreaterThanOrEqual(0);
    const field = (name: string) => t.fields!.find((f) => f.field === name)!;
    expect(t.fields).toHaveLength(19);
    // The draft reads the issuer's name the deterministic reading left empty: the two columns differ.
    expect(before.preview!.fields.emisorNombre?.value ?? null).not.toBe('PASE, SERVICIOS ELECTRONICOS');
    expect(field('emisorNombre')).toMatchObject({ trial: 'PASE, SERVICIOS ELECTRONICOS', refused: false });
    expect(field('emisorNombre').current).toBe(before.preview!.fields.emisorNombre?.value ?? null);
    expect(field('total')).toMatchObject({ trial: '1000.00', refused: false });
    // Not printed in the document: the inbox would drop it, the trial shows it marked.
    expect(field('folio')).toMatchObject({ trial: 'INVENTADO-99', refused: true });
    expect(field('uuid')).toMatchObject({ trial: null, refused: false });

    const sent = llm.requests.at(-1)!;
    expect(sent.system).toContain('BORRADOR DE PRUEBA');
    expect(sent.system).toContain('- uuid: Folio fiscal');
    expect(sent.documentText).toContain('Total: $1,000.00');
    expect(sent.authorization).toBe(`Bearer ${API_KEY}`);

    // Metered like any call; the draft is no version; the invoice is as it was.
    expect((await h.json('/api/v1/ai/usage')).totals).toMatchObject({
      requests: 1,
      inputTokens: 500,
      outputTokens: 40,
      cost: '0.0014',
    });
    expect((await h.json('/api/v1/ai/prompts/pdf-text')).versions).toEqual([]);
    const after = await h.detail(invoiceId);
    expect(after.version).toBe(before.version);
    expect(after.preview).toEqual(before.preview);
    const audit = await h.sql<{ metadata: Record<string, unknown> }>(
      `select metadata from audit_events where tenant_id = $1 and action = 'ai.prompt.trial_requested'`,
      [h.tenantId],
    );
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit)).not.toContain('BORRADOR');
  });

  it('validates the draft as a save does, and the document’s kind', async () => {
    const body = await refused(await start({ text: 'Extrae {{campos}}' }), 422, 'AI_PROMPT_INVALID');
    expect(body.params).toEqual({ missing: ['{{inicio_documento}}', '{{fin_documento}}'] });
    await refused(await start({ kind: 'image' }), 422, 'AI_TRIAL_KIND_MISMATCH');
    await refused(await start({ invoiceId: randomUUID() }), 404, 'AI_TRIAL_DOCUMENT_NOT_FOUND');
    expect((await start({ kind: 'xml' })).status).toBe(400);
  });

  it('only lets admins try prompts; viewers and members get 403', async () => {
    for (const key of [h.keys.viewer, h.keys.member]) {
      await refused(await start({}, key), 403, 'FORBIDDEN');
    }
    const [row] = await h.sql<{ id: string }>('select id from ai_prompt_trials where tenant_id = $1', [
      h.tenantId,
    ]);
    expect(
      (await h.call('GET', `/api/v1/ai/prompt-trials/${row!.id}`, undefined, h.keys.viewer)).status,
    ).toBe(403);
  });

  it('keeps another organization out: its admin gets 404 for this document and this trial', async () => {
    const before = llm.requests.length;
    await refused(await start({}, h.otherAdminKey), 404, 'AI_TRIAL_DOCUMENT_NOT_FOUND');
    const [row] = await h.sql<{ id: string }>('select id from ai_prompt_trials where tenant_id = $1', [
      h.tenantId,
    ]);
    await refused(
      await h.call('GET', `/api/v1/ai/prompt-trials/${row!.id}`, undefined, h.otherAdminKey),
      404,
      'AI_TRIAL_NOT_FOUND',
    );
    expect(llm.requests.length).toBe(before);
  });

  it('respects the allowed kinds and the monthly cap: refused at the request, failed with its code in the job', async () => {
    const before = llm.requests.length;
    await put(settings({ allowedKinds: ['image'] }));
    await refused(await start(), 409, 'AI_KIND_NOT_ALLOWED');

    // 540 tokens used this month.
    await put(settings({ monthlyCap: { kind: 'tokens', value: '500' } }));
    await refused(await start(), 409, 'AI_MONTHLY_CAP_REACHED');

    // The cap reached between the request and the run: the job asks the gateway again, and fails.
    const trialId = randomUUID();
    await h.sql(
      `insert into ai_prompt_trials (id, tenant_id, kind, invoice_id, text) values ($1, $2, 'pdf-text', $3, $4)`,
      [trialId, h.tenantId, invoiceId, DRAFT],
    );
    await h.server.ctx.services.ai.runTrial(
      { tenantId: h.tenantId, trialId },
      { jobId: 'cap-test', attempt: 0, lastAttempt: true },
    );
    expect(await h.json(`/api/v1/ai/prompt-trials/${trialId}`, h.keys.admin)).toMatchObject({
      status: 'failed',
      errorCode: 'AI_MONTHLY_CAP_REACHED',
      fields: null,
    });
    expect(llm.requests.length).toBe(before);
    expect((await h.json('/api/v1/ai/usage')).totals.requests).toBe(1);
  });
});
