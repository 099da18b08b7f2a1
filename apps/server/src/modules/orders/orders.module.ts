import { connectorRecordsAccepted, pacInvoiceFailed, pacInvoiceStamped } from '@boveda/contracts';
import { defineModule, type ModulePlatform } from '../../platform/modules/index.js';
import type { AuditRecorder } from '../audit/index.js';
import type { PacInvoicesService } from '../pac/index.js';
import { registerClientRoutes } from './clients.routes.js';
import { createClientsService } from './clients.service.js';
import { importCustomers } from './customer-import.js';
import { createOrderInvoicing } from './order-invoicing.js';
import { registerOrderRoutes } from './orders.routes.js';
import { createOrdersService } from './orders.service.js';
import { createReturnsService } from './returns.service.js';

/** Clients, orders, returns and their invoices and credit notes (through the PAC module). */
export function ordersModule(
  p: ModulePlatform,
  deps: { audit: AuditRecorder; pacInvoices: Pick<PacInvoicesService, 'create'> },
) {
  const clients = createClientsService({ db: p.db, secretBox: p.secretBox, audit: deps.audit });
  const base = { db: p.db, transaction: p.transaction, events: p.events, audit: deps.audit };
  const invoicing = createOrderInvoicing({
    ...base,
    pacInvoices: deps.pacInvoices,
    fiscalDataOf: (tenantId, clientId) => clients.fiscalData(tenantId, clientId),
  });
  const returns = createReturnsService({ ...base, creditNotes: invoicing.creditNotes });
  const orders = createOrdersService({ ...base, clients, returns });
  return defineModule({
    name: 'orders',
    services: { clients, orders, orderReturns: returns, orderInvoicing: invoicing },
    routes: (app, { guard }) => {
      registerClientRoutes(app, { clients, orders, guard });
      registerOrderRoutes(app, { orders, returns, invoicing, guard });
    },
    consumers: [
      {
        name: 'orders.link-stamped-invoice',
        event: pacInvoiceStamped,
        handle: (event, { tx }) => invoicing.onStamped(tx, event.tenantId!, event.payload),
      },
      {
        name: 'orders.import-customers',
        event: connectorRecordsAccepted,
        handle: (event) => importCustomers({ clients, audit: deps.audit }, event.tenantId!, event.payload),
      },
      {
        name: 'orders.link-failed-invoice',
        event: pacInvoiceFailed,
        handle: (event, { tx }) => invoicing.onFailed(tx, event.tenantId!, event.payload),
      },
    ],
  });
}
