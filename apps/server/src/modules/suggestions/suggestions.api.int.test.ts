import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { seedTwoOrganizations } from '../../../test/support/two-organizations.js';

const SUPPLIER = 'AAA010101AAA';
const READ_NAME = 'PAPELERIA LA 0RIENTAL'; // as OCR reads it, with a zero
const RIGHT_NAME = 'PAPELERÍA LA ORIENTAL';

/**
 * Suggestions on the real app: invoices confirmed through the API teach what the next invoice of
 * the same supplier is offered; accepting fills it, dismissing is remembered; the stats count it.
 */
describe('suggestions API', () => {
  let server: TestServer;
  let h: Awaited<ReturnType<typeof seedTwoOrganizations>>;
  beforeAll(async () => {
    server = await startTestServer();
    h = await seedTwoOrganizations(server);
    for (const entry of [
      { kind: 'category', code: 'VIAT', name: 'Viáticos' },
      { kind: 'category', code: 'PAPEL', name: 'Papelería' },
      { kind: 'category', code: 'VIEJA', name: 'Ya no se usa', active: false },
      { kind: 'account', code: '601.84', name: 'Otros gastos generales' },
    ])
      expect((await h.call('POST', '/api/v1/catalog/entries', entry)).status).toBe(201);
  });
  afterAll(async () => server?.close());

  const field = (value: string | null) => ({ value, source: 'ocr', confidence: 0.8 });
  /** An invoice read from a scan, waiting for validation (as extraction leaves it). */
  async function waiting(tenantId = h.tenantA, over: Record<string, string | null> = {}) {
    const fields = {
      uuid: randomUUID().toUpperCase(),
      emisorRfc: SUPPLIER,
      emisorNombre: READ_NAME,
      receptorRfc: 'EKU9003173C9',
      total: '1160.00',
      usoCfdi: 'G03',
      formaPago: '03',
      metodoPago: 'PUE',
      ...over,
    };
    const preview = {
      fields: Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, field(v)])),
      taxes: { items: [], source: 'ocr', confidence: 0.8 },
      conceptos: { items: [], source: 'ocr', confidence: 0.8 },
      checks: [],
    };
    const { rows } = await server.ctx.database.pool.query(
      `INSERT INTO invoices (tenant_id, status, file_name, extraction, preview, uuid, emisor_rfc, emisor_nombre,
         receptor_rfc, total, created_by)
       VALUES ($1, 'waiting_validation', 'ticket.jpg', 'image', $2, $3, $4, $5, 'EKU9003173C9', 1160, 'test')
       RETURNING id`,
      [tenantId, JSON.stringify(preview), fields.uuid, fields.emisorRfc, fields.emisorNombre],
    );
    return rows[0].id as string;
  }
  const version = async (id: string) =>
    (await h.call('GET', `/api/v1/invoices/${id}`)).body.version as number;
  async function confirm(id: string, body: Record<string, unknown> = {}) {
    const res = await h.call(
      'POST',
      `/api/v1/invoices/${id}/confirm`,
      { version: await version(id), ...body },
      h.keys.member,
    );
    expect(res.status).toBe(200);
    return res.body;
  }
  const suggestionsOf = async (id: string, key = h.keys.viewer) =>
    (await h.call('GET', `/api/v1/invoices/${id}/suggestions`, undefined, key)).body.items as {
      id: string;
      kind: string;
      field: string;
      value: string;
      label: string | null;
      evidence: { matching: number; of: number };
    }[];

  it('a category or account chosen on confirming must be an active code of the catalogue', async () => {
    const id = await waiting();
    for (const body of [{ category: 'NOEXISTE' }, { category: 'VIEJA' }, { account: 'VIAT' }]) {
      const res = await h.call('POST', `/api/v1/invoices/${id}/confirm`, {
        version: await version(id),
        ...body,
      });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe('INVOICE_CATALOG_CODE_UNKNOWN');
    }
    const edit = await h.call('PATCH', `/api/v1/invoices/${id}`, {
      version: await version(id),
      category: 'NOEXISTE',
    });
    expect(edit.body.code).toBe('INVOICE_CATALOG_CODE_UNKNOWN');
    const chosen = await h.call('PATCH', `/api/v1/invoices/${id}`, {
      version: await version(id),
      category: 'PAPEL',
    });
    expect(chosen.body).toMatchObject({ category: 'PAPEL', account: null });
    expect(chosen.body.edits).toEqual([
      expect.objectContaining({ field: 'category', from: null, to: 'PAPEL' }),
    ]);
    const done = await confirm(id, { account: '601.84' });
    expect(done).toMatchObject({ status: 'processed', category: 'PAPEL', account: '601.84' });
  });

  it('offers, on the next invoice of a supplier, what people confirmed for it, with the evidence', async () => {
    // Nothing learned yet: one confirmed invoice is no habit.
    const early = await waiting();
    expect(await suggestionsOf(early)).toEqual([]);

    for (let i = 0; i < 4; i++) {
      const id = await waiting();
      // People fix the name OCR misreads, on three of them.
      if (i < 3)
        await h.call('PATCH', `/api/v1/invoices/${id}`, {
          version: await version(id),
          fields: { emisorNombre: RIGHT_NAME },
        });
      await confirm(id, { category: 'VIAT', account: '601.84' });
    }
    // 5 confirmed: PAPEL once (the first test), VIAT four times; 601.84 on all five.
    const next = await waiting();
    const offered = await suggestionsOf(next);
    expect(offered).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'category',
          value: 'VIAT',
          label: 'Viáticos',
          evidence: { matching: 4, of: 5 },
        }),
        expect.objectContaining({
          kind: 'account',
          value: '601.84',
          label: 'Otros gastos generales',
          evidence: { matching: 5, of: 5 },
        }),
        expect.objectContaining({
          kind: 'correction',
          field: 'emisorNombre',
          value: RIGHT_NAME,
          evidence: { matching: 3, of: 5 },
        }),
      ]),
    );
    // The invoice already has G03, 03 and PUE (the usual values): nothing to offer there.
    expect(offered.map((s) => s.kind).sort()).toEqual(['account', 'category', 'correction']);
    expect(offered.every((s) => (s as unknown as { source: string }).source === 'rules')).toBe(true);
    // Reading again offers the same suggestions (same ids), counted once.
    expect((await suggestionsOf(next)).map((s) => s.id).sort()).toEqual(offered.map((s) => s.id).sort());

    // Accepting fills the field, as a person's edit.
    const category = offered.find((s) => s.kind === 'category')!;
    const accepted = await h.call(
      'POST',
      `/api/v1/invoices/${next}/suggestions/${category.id}/accept`,
      { version: await version(next) },
      h.keys.member,
    );
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', current: 'VIAT' });
    const correction = offered.find((s) => s.kind === 'correction')!;
    await h.call('POST', `/api/v1/invoices/${next}/suggestions/${correction.id}/accept`, {
      version: await version(next),
    });
    const detail = (await h.call('GET', `/api/v1/invoices/${next}`)).body;
    expect(detail).toMatchObject({ category: 'VIAT', emisorNombre: RIGHT_NAME });
    expect(detail.preview.fields.emisorNombre).toMatchObject({ value: RIGHT_NAME, source: 'person' });

    // Dismissing is remembered: not offered again on this invoice.
    const account = offered.find((s) => s.kind === 'account')!;
    const dismissed = await h.call(
      'POST',
      `/api/v1/invoices/${next}/suggestions/${account.id}/dismiss`,
      undefined,
      h.keys.member,
    );
    expect(dismissed.body.status).toBe('dismissed');
    expect(await suggestionsOf(next)).toEqual([]);
    const twice = await h.call('POST', `/api/v1/invoices/${next}/suggestions/${account.id}/accept`, {
      version: await version(next),
    });
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('SUGGESTION_ALREADY_DECIDED');

    // A stale version is the invoice's conflict; nothing is decided.
    const another = await waiting();
    const [first] = await suggestionsOf(another);
    const stale = await h.call('POST', `/api/v1/invoices/${another}/suggestions/${first!.id}/accept`, {
      version: 99,
    });
    expect(stale.body.code).toBe('INVOICE_EDIT_CONFLICT');
    expect((await suggestionsOf(another)).map((s) => s.id)).toContain(first!.id);
  });

  it('stops offering a value people dismissed for that supplier again and again', async () => {
    for (let i = 0; i < 2; i++) {
      const id = await waiting();
      const account = (await suggestionsOf(id)).find((s) => s.kind === 'account')!;
      await h.call('POST', `/api/v1/invoices/${id}/suggestions/${account.id}/dismiss`);
    }
    // Dismissed on three invoices, accepted on none: not offered on the next one.
    const id = await waiting();
    expect((await suggestionsOf(id)).map((s) => s.kind)).not.toContain('account');
    expect((await suggestionsOf(id)).map((s) => s.kind)).toContain('category');
  });

  it('offers the usual uso CFDI and forma de pago over a doubtful reading', async () => {
    // The five confirmed invoices said G03 and 03; OCR read other values on this one.
    const id = await waiting(h.tenantA, { usoCfdi: 'S01', formaPago: '01', metodoPago: null });
    const offered = await suggestionsOf(id);
    expect(offered).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ kind: 'usoCfdi', field: 'usoCfdi', value: 'G03', label: null }),
        expect.objectContaining({ kind: 'formaPago', value: '03', current: '01' }),
        expect.objectContaining({ kind: 'metodoPago', value: 'PUE', current: null }),
      ]),
    );
    const forma = offered.find((s) => s.kind === 'formaPago')!;
    await h.call('POST', `/api/v1/invoices/${id}/suggestions/${forma.id}/accept`, {
      version: await version(id),
    });
    const detail = (await h.call('GET', `/api/v1/invoices/${id}`)).body;
    expect(detail.preview.fields.formaPago).toMatchObject({ value: '03', source: 'person' });
    expect(detail.edits).toEqual([expect.objectContaining({ field: 'formaPago', from: '01', to: '03' })]);
    await h.call('POST', `/api/v1/invoices/${id}/confirm`, { version: await version(id) });
  });

  it('never suggests over a value read from the XML, nor on a confirmed invoice', async () => {
    const id = await waiting();
    await server.ctx.database.pool.query(
      `UPDATE invoices SET preview = jsonb_set(preview, '{fields,emisorNombre,source}', '"xml"') WHERE id = $1`,
      [id],
    );
    expect((await suggestionsOf(id)).map((s) => s.kind)).not.toContain('correction');
    await confirm(id);
    expect(await suggestionsOf(id)).toEqual([]);
  });

  it('counts offered, accepted and dismissed per kind', async () => {
    const stats = (await h.call('GET', '/api/v1/suggestions/stats', undefined, h.keys.viewer)).body;
    const kind = (k: string) => stats.items.find((i: { kind: string }) => i.kind === k);
    expect(kind('category')).toMatchObject({ accepted: 1, dismissed: 0 });
    expect(kind('correction')).toMatchObject({ accepted: 1 });
    expect(kind('account')).toMatchObject({ accepted: 0, dismissed: 3 });
    expect(kind('category').offered).toBeGreaterThanOrEqual(5);
    expect(kind('formaPago')).toMatchObject({ accepted: 1, dismissed: 0 });
    expect(stats.totals.accepted).toBe(3);
    expect(stats.acceptanceRate).toBeCloseTo(3 / 6);
  });

  it('carries the category and account into the exports and the confirmed data', async () => {
    const csv = await fetch(`${server.url}/api/v1/invoices/export?format=csv&status=processed`, {
      headers: { authorization: `Bearer ${h.keys.viewer}` },
    });
    const text = await csv.text();
    expect(text.split('\n')[0]).toContain('Categoría');
    expect(text.split('\n')[0]).toContain('Cuenta contable');
    expect(text).toContain('VIAT');
    const data = (await h.call('GET', '/api/v1/invoices/data', undefined, h.keys.viewer)).body;
    expect(data.items).toEqual(
      expect.arrayContaining([expect.objectContaining({ category: 'VIAT', account: '601.84' })]),
    );
  });

  it('lets viewers read only', async () => {
    const id = await waiting();
    const [s] = await suggestionsOf(id);
    const base = `/api/v1/invoices/${id}/suggestions/${s!.id}`;
    expect((await h.call('POST', `${base}/accept`, { version: 1 }, h.keys.viewer)).status).toBe(403);
    expect((await h.call('POST', `${base}/dismiss`, undefined, h.keys.viewer)).status).toBe(403);
  });

  it('keeps suggestions, their decisions and stats to each organization', async () => {
    const id = await waiting();
    const [s] = await suggestionsOf(id);
    const other = h.keys.otherAdmin;
    const base = `/api/v1/invoices/${id}/suggestions`;
    expect((await h.call('GET', base, undefined, other)).status).toBe(404);
    expect((await h.call('POST', `${base}/${s!.id}/accept`, { version: 1 }, other)).status).toBe(404);
    expect((await h.call('POST', `${base}/${s!.id}/dismiss`, undefined, other)).status).toBe(404);
    expect((await h.call('GET', '/api/v1/suggestions/stats', undefined, other)).body.totals).toEqual({
      offered: 0,
      accepted: 0,
      dismissed: 0,
    });
    // The same supplier in the other organization learns nothing from this one.
    const theirs = await waiting(h.tenantB);
    expect(
      (await h.call('GET', `/api/v1/invoices/${theirs}/suggestions`, undefined, other)).body.items,
    ).toEqual([]);
    // Another invoice's suggestion id is not found under this invoice.
    const mine = await waiting();
    expect((await h.call('POST', `/api/v1/invoices/${mine}/suggestions/${s!.id}/dismiss`)).status).toBe(404);
  });
});
