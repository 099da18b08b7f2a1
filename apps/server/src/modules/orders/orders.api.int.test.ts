import { createHash, createHmac, randomBytes } from 'node:crypto';
import { canonicalRequest, canTransition, type OrderStatus, orderStatuses } from '@boveda/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../../test/support/test-server.js';
import { seedTwoOrganizations } from '../../../test/support/two-organizations.js';

/** How to bring a new order to each status through the API. */
const PATH_TO: Record<OrderStatus, OrderStatus[]> = {
  received: [],
  picking: ['picking'],
  packing: ['picking', 'packing'],
  shipped: ['picking', 'packing', 'shipped'],
  delivered: ['picking', 'packing', 'shipped', 'delivered'],
  returned: ['picking', 'packing', 'shipped', 'returned'],
  cancelled: ['cancelled'],
};
const LINES = [
  { sku: 'MART-01', description: 'Martillo de uña 16 oz', quantity: 3, unitPrice: '33.33' },
  { sku: 'CLAV-02', description: 'Clavos 2" (caja)', quantity: 10, unitPrice: '12.50', taxes: [] },
];

describe('orders API', () => {
  let server: TestServer;
  let h: Awaited<ReturnType<typeof seedTwoOrganizations>>;
  let clientId: string;
  let n = 0;
  const newOrder = async (lines: unknown = LINES) => {
    const res = await h.call(
      'POST',
      '/api/v1/orders',
      { number: `PED-${++n}`, clientId, lines },
      h.keys.member,
    );
    expect(res.status, res.text).toBe(201);
    return res.body;
  };
  const move = (number: string, status: OrderStatus, extra: object = {}) =>
    h.call('PATCH', `/api/v1/orders/${number}`, { status, ...extra }, h.keys.member);
  async function orderIn(status: OrderStatus) {
    const order = await newOrder();
    for (const step of PATH_TO[status]) {
      const res = await move(order.number, step, step === 'returned' ? { reasonCode: 'damaged' } : {});
      expect(res.status, `${step}: ${res.text}`).toBe(200);
    }
    return order.number as string;
  }

  beforeAll(async () => {
    server = await startTestServer();
    h = await seedTwoOrganizations(server);
    const c = await h.call('POST', '/api/v1/clients', {
      name: 'Constructora Bajío',
      email: 'obras@bajio.mx',
    });
    clientId = c.body.id;
  });
  afterAll(async () => server?.close());

  it('creates an order with exact totals, the client named, and lists it with the client', async () => {
    const order = await newOrder();
    // 3 × 33.33 = 99.99, IVA 16 % = 16.00 (rounded per line); 10 × 12.50 = 125.00 without taxes.
    expect(order).toMatchObject({
      status: 'received',
      returnStatus: 'none',
      allowedNext: ['picking', 'cancelled'],
      subtotal: '224.99',
      taxes: '16.00',
      total: '240.99',
      client: { id: clientId, name: 'Constructora Bajío' },
    });
    expect(order.lines[0]).toMatchObject({
      taxes: [{ type: 'IVA', rate: '0.160000', amount: '16.00' }],
      total: '115.99',
    });
    expect(order.history).toEqual([expect.objectContaining({ from: null, to: 'received' })]);
    const list = await h.call(
      'GET',
      `/api/v1/orders?q=${order.number.toLowerCase()}`,
      undefined,
      h.keys.viewer,
    );
    expect(
      list.body.items.map((o: { number: string; client: { name: string } }) => [o.number, o.client.name]),
    ).toEqual([[order.number, 'Constructora Bajío']]);
    const dup = await h.call(
      'POST',
      '/api/v1/orders',
      { number: order.number.toLowerCase(), clientId, lines: LINES },
      h.keys.member,
    );
    expect(dup.body.code).toBe('ORDER_NUMBER_TAKEN');
    const unknown = await h.call(
      'POST',
      '/api/v1/orders',
      { number: 'X-1', clientId: '00000000-0000-4000-8000-000000000000', lines: LINES },
      h.keys.member,
    );
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('CLIENT_UNKNOWN');
  });

  it('follows the transition table for every pair of statuses, and answers the allowed ones', async () => {
    for (const from of orderStatuses) {
      for (const to of orderStatuses) {
        const number = await orderIn(from);
        // Without a reason: a forbidden step is refused for being forbidden, before anything else.
        const res = await move(
          number,
          to,
          to === 'returned' && canTransition(from, to) ? { reasonCode: 'wrong_item' } : {},
        );
        const expected = from === to || canTransition(from, to) ? 200 : 409;
        expect(res.status, `${from} → ${to}: ${res.text}`).toBe(expected);
        if (expected === 409) {
          expect(res.body.code).toBe('ORDER_TRANSITION_NOT_ALLOWED');
          expect(res.body.params.allowed).toEqual(orderStatuses.filter((s) => canTransition(from, s)));
        } else expect(res.body.status).toBe(to);
      }
    }
  });

  it('records who moved the order and when; shipping records carrier and units out', async () => {
    const number = await orderIn('packing');
    const shipped = await move(number, 'shipped', { carrier: 'Estafeta', trackingNumber: 'EST123' });
    expect(shipped.body).toMatchObject({ status: 'shipped', carrier: 'Estafeta', trackingNumber: 'EST123' });
    expect(shipped.body.lines.map((l: { shippedQuantity: number }) => l.shippedQuantity)).toEqual([3, 10]);
    expect(shipped.body.history.map((t: { to: string }) => t.to)).toEqual([
      'received',
      'picking',
      'packing',
      'shipped',
    ]);
    expect(shipped.body.history.every((t: { actor: string | null }) => t.actor)).toBe(true);
    const cancel = await orderIn('picking');
    const cancelled = await move(cancel, 'cancelled', { cancelReason: 'El cliente ya no lo quiere' });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'El cliente ya no lo quiere' });
    expect(cancelled.body.cancelledAt).toBeTruthy();
  });

  it('takes partial returns up to what went out, then marks the order returned', async () => {
    const number = await orderIn('delivered');
    const notShipped = await orderIn('packing');
    const early = await h.call(
      'POST',
      `/api/v1/orders/${notShipped}/returns`,
      { reasonCode: 'damaged', note: 'x', items: [{ sku: 'MART-01', quantity: 1 }] },
      h.keys.member,
    );
    expect(early.status).toBe(422);
    expect(early.body).toMatchObject({ code: 'RETURN_ORDER_NOT_SHIPPED', params: { status: 'packing' } });

    const first = await h.call(
      'POST',
      `/api/v1/orders/${number}/returns`,
      {
        reasonCode: 'damaged',
        note: 'Dos martillos con el mango roto',
        items: [{ sku: 'MART-01', quantity: 2, damagedQuantity: 2 }],
      },
      h.keys.member,
    );
    expect(first.status, first.text).toBe(201);
    expect(first.body).toMatchObject({
      number: `${number}-D1`,
      total: '77.33', // 2 × 33.33 = 66.66 + IVA 10.67
      items: [{ sku: 'MART-01', quantity: 2, receivedQuantity: 2, damagedQuantity: 2, total: '77.33' }],
      creditNote: null,
      creditNotePending: false,
    });
    let order = (await h.call('GET', `/api/v1/orders/${number}`)).body;
    expect(order).toMatchObject({
      status: 'delivered',
      returnStatus: 'partially_returned',
      returnedTotal: '77.33',
    });

    const over = await h.call(
      'POST',
      `/api/v1/orders/${number}/returns`,
      { reasonCode: 'damaged', note: 'x', items: [{ sku: 'MART-01', quantity: 2 }] },
      h.keys.member,
    );
    expect(over.status).toBe(422);
    expect(over.body).toMatchObject({
      code: 'RETURN_QUANTITY_EXCEEDED',
      params: { sku: 'MART-01', available: 1 },
    });
    const sku = await h.call(
      'POST',
      `/api/v1/orders/${number}/returns`,
      { reasonCode: 'damaged', note: 'x', items: [{ sku: 'NOPE', quantity: 1 }] },
      h.keys.member,
    );
    expect(sku.body.code).toBe('RETURN_SKU_UNKNOWN');
    const noNote = await h.call(
      'POST',
      `/api/v1/orders/${number}/returns`,
      { reasonCode: 'damaged', note: ' ', items: [{ sku: 'MART-01', quantity: 1 }] },
      h.keys.member,
    );
    expect(noNote.status).toBe(400);

    const rest = await h.call(
      'POST',
      `/api/v1/orders/${number}/returns`,
      {
        reasonCode: 'no_longer_needed',
        note: 'Devuelve el resto',
        items: [
          { sku: 'MART-01', quantity: 1 },
          { sku: 'CLAV-02', quantity: 10 },
        ],
      },
      h.keys.member,
    );
    expect(rest.body.number).toBe(`${number}-D2`);
    order = (await h.call('GET', `/api/v1/orders/${number}`)).body;
    expect(order).toMatchObject({
      status: 'returned',
      returnStatus: 'returned',
      returnedTotal: '240.99',
      allowedNext: [],
    });
    expect(order.returnedAt).toBeTruthy();
    const listed = await h.call(
      'GET',
      '/api/v1/orders/returns?reasonCode=no_longer_needed',
      undefined,
      h.keys.viewer,
    );
    expect(listed.body.items.map((r: { number: string }) => r.number)).toContain(`${number}-D2`);
    expect(listed.body.items.every((r: { reasonCode: string }) => r.reasonCode === 'no_longer_needed')).toBe(
      true,
    );
    const ofOrder = await h.call('GET', `/api/v1/orders/${number}/returns`, undefined, h.keys.viewer);
    expect(ofOrder.body.items.map((r: { number: string }) => r.number)).toEqual([
      `${number}-D2`,
      `${number}-D1`,
    ]);
  });

  it("keeps the original API's PUT with status and return_reason: everything back at once", async () => {
    const number = await orderIn('shipped');
    const noReason = await h.call('PUT', `/api/v1/orders/${number}`, { status: 'returned' }, h.keys.member);
    expect(noReason.status).toBe(422);
    expect(noReason.body.code).toBe('RETURN_REASON_REQUIRED');
    const res = await h.call(
      'PUT',
      `/api/v1/orders/${number}`,
      { status: 'returned', return_reason: 'Llegó tarde' },
      h.keys.member,
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ status: 'returned', returnStatus: 'returned' });
    const rets = await h.call('GET', `/api/v1/orders/${number}/returns`);
    expect(rets.body.items).toEqual([
      expect.objectContaining({
        reasonCode: 'other',
        note: 'Llegó tarde',
        items: [
          expect.objectContaining({ sku: 'MART-01', quantity: 3 }),
          expect.objectContaining({ sku: 'CLAV-02', quantity: 10 }),
        ],
      }),
    ]);
    const picking = await orderIn('received');
    expect(
      (await h.call('PUT', `/api/v1/orders/${picking}`, { status: 'picking' }, h.keys.member)).body.status,
    ).toBe('picking');
  });

  it('deletes only untouched orders, with roles and organizations apart', async () => {
    const fresh = await orderIn('received');
    const moved = await orderIn('picking');
    expect((await h.call('DELETE', `/api/v1/orders/${fresh}`, undefined, h.keys.member)).status).toBe(403);
    expect((await h.call('DELETE', `/api/v1/orders/${moved}`, undefined, h.keys.admin)).body.code).toBe(
      'ORDER_NOT_DELETABLE',
    );
    expect((await h.call('DELETE', `/api/v1/orders/${fresh}`, undefined, h.keys.admin)).status).toBe(204);
    expect((await h.call('GET', `/api/v1/orders/${fresh}`)).status).toBe(404);

    expect(
      (await h.call('POST', '/api/v1/orders', { number: 'V-1', clientId, lines: LINES }, h.keys.viewer))
        .status,
    ).toBe(403);
    expect((await move(moved, 'packing', {})).status).toBe(200);
    expect(
      (await h.call('PATCH', `/api/v1/orders/${moved}`, { status: 'shipped' }, h.keys.viewer)).status,
    ).toBe(403);
    for (const [method, path, body] of [
      ['GET', `/api/v1/orders/${moved}`, undefined],
      ['PATCH', `/api/v1/orders/${moved}`, { status: 'shipped' }],
      ['PUT', `/api/v1/orders/${moved}`, { notes: 'x' }],
      ['DELETE', `/api/v1/orders/${moved}`, undefined],
      [
        'POST',
        `/api/v1/orders/${moved}/returns`,
        { reasonCode: 'other', note: 'x', items: [{ sku: 'MART-01', quantity: 1 }] },
      ],
      ['GET', `/api/v1/orders/${moved}/returns`, undefined],
    ] as const) {
      const res = await h.call(method, path, body, h.keys.otherAdmin);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    // B's client cannot be used by A, nor A's by B.
    const other = await h.call(
      'POST',
      '/api/v1/orders',
      { number: 'B-1', clientId, lines: LINES },
      h.keys.otherAdmin,
    );
    expect(other.body.code).toBe('CLIENT_UNKNOWN');
    expect((await h.call('GET', '/api/v1/orders', undefined, h.keys.otherAdmin)).body.items).toEqual([]);
    expect((await h.call('GET', '/api/v1/orders/returns', undefined, h.keys.otherAdmin)).body.items).toEqual(
      [],
    );
    const bad = await h.call(
      'POST',
      '/api/v1/orders',
      { number: 'returns', clientId, lines: [{ sku: 'A', description: 'x', quantity: 0, unitPrice: '-1' }] },
      h.keys.member,
    );
    expect(bad.status).toBe(400);
    expect(bad.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      'body.lines.0.quantity',
      'body.lines.0.unitPrice',
      'body.number',
    ]);
  });

  it('serves a warehouse app with a scoped key, and requires its requests signed when the organization says so', async () => {
    const { rows } = await server.ctx.database.pool.query('SELECT slug FROM tenants WHERE id = $1', [
      h.tenantA,
    ]);
    const app = await server.createApiKey(rows[0].slug, 'member', ['orders:read', 'orders:write']);
    const admin = await server.createApiKey(rows[0].slug, 'admin');
    const send = async (
      method: string,
      path: string,
      body?: unknown,
      sign = true,
      nonce = randomBytes(16).toString('base64url'),
      key = app,
    ) => {
      const text = body === undefined ? '' : JSON.stringify(body);
      const timestamp = Math.floor(Date.now() / 1000);
      const mac = createHmac('sha256', key.signingSecret)
        .update(
          canonicalRequest({
            method,
            pathWithQuery: path,
            timestamp,
            nonce,
            bodySha256Hex: createHash('sha256').update(text).digest('hex'),
          }),
        )
        .digest('hex');
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${key.key}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(sign
            ? {
                'boveda-timestamp': String(timestamp),
                'boveda-nonce': nonce,
                'boveda-signature': `v1=${mac}`,
              }
            : {}),
        },
        ...(body === undefined ? {} : { body: text }),
      });
      return { status: res.status, body: (await res.json().catch(() => null)) as Record<string, never> };
    };
    // Orders yes; clients (personal data) no: the key was not given them.
    const created = await send('POST', '/api/v1/orders', { number: 'WMS-1', clientId, lines: LINES }, false);
    expect(created.status).toBe(201);
    const clients = await send('GET', '/api/v1/clients', undefined, false);
    expect(clients.status).toBe(403);
    expect(clients.body).toMatchObject({
      code: 'API_KEY_SCOPE_MISSING',
      params: { requiredScope: 'clients:read' },
    });

    expect(
      (await h.call('PATCH', '/api/v1/organization/settings', { requireSignedRequests: true }, h.keys.admin))
        .status,
    ).toBe(200);
    try {
      const unsigned = await send('PATCH', '/api/v1/orders/WMS-1', { status: 'picking' }, false);
      expect(unsigned.body.code).toBe('REQUEST_SIGNATURE_REQUIRED');
      const nonce = randomBytes(16).toString('base64url');
      const signed = await send('PATCH', '/api/v1/orders/WMS-1', { status: 'picking' }, true, nonce);
      expect(signed.status).toBe(200);
      const replay = await send('PATCH', '/api/v1/orders/WMS-1', { status: 'picking' }, true, nonce);
      expect(replay.body.code).toBe('REQUEST_NONCE_REPLAYED');
      // Every API key of the organization signs now, whatever its scopes.
      expect((await h.call('GET', '/api/v1/orders/WMS-1', undefined, h.keys.viewer)).status).toBe(401);
    } finally {
      const off = await send(
        'PATCH',
        '/api/v1/organization/settings',
        { requireSignedRequests: false },
        true,
        undefined,
        admin,
      );
      expect(off.status).toBe(200);
    }
  });

  it('announces order events for webhooks and the live channel', async () => {
    const number = await orderIn('shipped');
    await h.call(
      'POST',
      `/api/v1/orders/${number}/returns`,
      { reasonCode: 'defective', note: 'No enciende', items: [{ sku: 'MART-01', quantity: 1 }] },
      h.keys.member,
    );
    const { rows } = await server.ctx.database.pool.query(
      `SELECT type, payload FROM domain_events WHERE payload->>'number' = $1 ORDER BY id`,
      [number],
    );
    expect(rows.map((r) => r.type)).toEqual([
      'orders.order.created',
      'orders.order.status_changed',
      'orders.order.status_changed',
      'orders.order.status_changed',
      'orders.order.returned',
    ]);
    expect(rows.at(-1).payload).toMatchObject({
      fullyReturned: false,
      reasonCode: 'defective',
      clientName: 'Constructora Bajío',
    });
  });
});
