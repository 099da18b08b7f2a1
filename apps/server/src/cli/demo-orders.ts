import {
  clientCreateBody,
  orderCreateBody,
  orderInvoiceBody,
  returnCreateBody,
  type SystemActorLabel,
} from '@boveda/contracts';
import type { AppContext } from '../app/context.js';

const caller = {
  actor: { type: 'system' as const, label: 'demo' satisfies SystemActorLabel },
  reader: { type: 'cli' as const, label: 'demo', command: 'start --demo' },
};

/**
 * The demo's warehouse (only when it has no clients yet): two clients and three orders — one just
 * received, one delivered with a partial return, and one invoiced through the PAC simulator and
 * then partly returned, so *Devoluciones* shows a credit note (egreso, relación 03) once stamped.
 */
export async function seedDemoOrders(ctx: AppContext, tenantId: string, opts: { invoice: boolean }) {
  const { clients, orders, orderReturns, orderInvoicing } = ctx.services;
  if ((await clients.list(tenantId, { archived: 'all', limit: 1 }, { limit: 1 }, caller.reader)).length > 0)
    return false;
  const xenon = await clients.create(
    tenantId,
    caller,
    clientCreateBody.parse({
      name: 'XENON INDUSTRIAL ARTICLES',
      rfc: 'XIA190128J61',
      email: 'compras@xenon.example',
      phone: '442 123 4567',
      address: 'Av. Constituyentes 120, Querétaro, Qro.',
      fiscalRegime: '601',
      postalCode: '76343',
      cfdiUse: 'G01',
    }),
  );
  const bajio = await clients.create(
    tenantId,
    caller,
    clientCreateBody.parse({
      name: 'Constructora del Bajío',
      email: 'obras@bajio.example',
      phone: '477 555 0101',
    }),
  );
  const lines = [
    {
      sku: 'MART-16',
      description: 'Martillo de uña 16 oz',
      quantity: 6,
      unitPrice: '189.00',
      productCode: '27111602',
    },
    {
      sku: 'CLAV-2',
      description: 'Clavo estándar 2" (caja 1 kg)',
      quantity: 20,
      unitPrice: '54.50',
      productCode: '31161601',
    },
  ];
  const create = (number: string, clientId: string) =>
    orders.create(tenantId, caller, orderCreateBody.parse({ number, clientId, lines }));
  const deliver = async (number: string) => {
    for (const status of ['picking', 'packing', 'shipped', 'delivered'] as const)
      await orders.changeStatus(tenantId, number, caller, { status });
  };
  await create('PED-1001', bajio.id);
  await create('PED-1002', bajio.id);
  await deliver('PED-1002');
  await orderReturns.create(
    tenantId,
    'PED-1002',
    caller,
    returnCreateBody.parse({
      reasonCode: 'damaged',
      note: 'Dos cajas de clavos llegaron mojadas',
      items: [{ sku: 'CLAV-2', quantity: 2, damagedQuantity: 2 }],
    }),
  );
  await create('PED-1003', xenon.id);
  await deliver('PED-1003');
  if (opts.invoice) {
    await orderInvoicing.invoice(
      tenantId,
      'PED-1003',
      caller,
      orderInvoiceBody.parse({ issuerRfc: 'EKU9003173C9', formaPago: '03' }),
    );
    // Returned while the invoice is being stamped: its credit note is issued once it is.
    await orderReturns.create(
      tenantId,
      'PED-1003',
      caller,
      returnCreateBody.parse({
        reasonCode: 'defective',
        note: 'Un martillo con el mango estrellado',
        items: [{ sku: 'MART-16', quantity: 1 }],
      }),
    );
  }
  return true;
}
