import { defineErrorCatalogue } from './define.js';

/** Clients, orders and returns. */
export const orderErrors = defineErrorCatalogue({
  CLIENT_NOT_FOUND: {
    status: 404,
    title: 'Client not found',
    text: { es: 'No se encontró ese cliente.', en: 'That client was not found.' },
    when: 'No client with that id in the organization.',
  },
  CLIENT_EMAIL_TAKEN: {
    status: 409,
    title: 'Another client has that email',
    text: {
      es: 'Ya hay un cliente con ese correo (sin importar mayúsculas ni espacios).',
      en: 'Another client has that email (whatever its case or spaces).',
    },
    when: 'The email, normalized (trimmed, lower-case), belongs to another client of the organization.',
  },
  CLIENT_HAS_ORDERS: {
    status: 409,
    title: 'The client has orders',
    text: {
      es: 'El cliente tiene órdenes y no se puede eliminar; archívalo para ocultarlo.',
      en: 'The client has orders and cannot be deleted; archive it instead.',
    },
    when: 'DELETE of a client that any order names.',
  },
  CLIENT_UNKNOWN: {
    status: 422,
    title: 'The order names no client of the organization',
    text: {
      es: 'El cliente de la orden no existe en la organización.',
      en: "The order's client does not exist in the organization.",
    },
    when: 'clientId is not a client of the organization.',
  },
  CLIENT_ARCHIVED: {
    status: 422,
    title: 'The client is archived',
    text: {
      es: 'El cliente está archivado; reactívalo antes de crearle órdenes.',
      en: 'The client is archived; restore it before creating orders for it.',
    },
    when: 'A new order for an archived client.',
  },
  CLIENT_FISCAL_DATA_MISSING: {
    status: 422,
    title: 'The client lacks the fiscal data to invoice',
    text: {
      es: 'Para facturar, el cliente necesita RFC, régimen fiscal y código postal fiscal.',
      en: 'To invoice, the client needs an RFC, a fiscal regime and a fiscal postal code.',
    },
    when: 'Invoicing an order whose client has no RFC, fiscal regime or postal code.',
  },
  ORDER_NOT_FOUND: {
    status: 404,
    title: 'Order not found',
    text: { es: 'No se encontró esa orden.', en: 'That order was not found.' },
    when: 'No order with that number in the organization.',
  },
  ORDER_NUMBER_TAKEN: {
    status: 409,
    title: 'Another order has that number',
    text: {
      es: 'Ya existe una orden con ese número.',
      en: 'An order with that number already exists.',
    },
    when: 'The number (any case) is already used in the organization.',
  },
  ORDER_TRANSITION_NOT_ALLOWED: {
    status: 409,
    title: 'The order cannot move to that status',
    text: {
      es: 'La orden no puede pasar a ese estado desde el actual; los estados permitidos van en la respuesta.',
      en: 'The order cannot move to that status from its current one; the allowed ones are in params.allowed.',
    },
    when: 'A status change outside the transition table (params.from, params.to, params.allowed).',
  },
  ORDER_NOT_DELETABLE: {
    status: 409,
    title: 'The order can no longer be deleted',
    text: {
      es: 'Solo se puede eliminar una orden recibida y sin factura; cancélala en su lugar.',
      en: 'Only a received, uninvoiced order can be deleted; cancel it instead.',
    },
    when: 'DELETE of an order past received, or invoiced.',
  },
  ORDER_ALREADY_INVOICED: {
    status: 409,
    title: 'The order is already invoiced',
    text: {
      es: 'La orden ya tiene una factura vigente o en timbrado.',
      en: 'The order already has an invoice, stamped or being stamped.',
    },
    when: 'Invoicing an order whose linked invoice is not failed.',
  },
  ORDER_NOT_INVOICEABLE: {
    status: 409,
    title: 'A cancelled order cannot be invoiced',
    text: { es: 'Una orden cancelada no se factura.', en: 'A cancelled order is not invoiced.' },
    when: 'Invoicing a cancelled order.',
  },
  RETURN_REASON_REQUIRED: {
    status: 422,
    title: 'A return needs a reason',
    text: {
      es: 'Indica el motivo de la devolución.',
      en: 'Give the reason of the return.',
    },
    when: 'Status returned without reasonCode nor returnReason.',
  },
  RETURN_ORDER_NOT_SHIPPED: {
    status: 422,
    title: 'The order was never shipped',
    text: {
      es: 'Solo se devuelven órdenes enviadas o entregadas.',
      en: 'Only shipped or delivered orders take returns.',
    },
    when: 'A return on an order that is not shipped or delivered (params.status).',
  },
  RETURN_QUANTITY_EXCEEDED: {
    status: 422,
    title: 'More units than are out',
    text: {
      es: 'Se devuelven más unidades de las enviadas y aún no devueltas.',
      en: 'More units are returned than were shipped and not yet returned.',
    },
    when: 'quantity > shipped − already returned for a SKU (params.sku, params.available).',
  },
  RETURN_SKU_UNKNOWN: {
    status: 422,
    title: 'The order has no line with that SKU',
    text: { es: 'La orden no tiene una partida con ese SKU.', en: 'The order has no line with that SKU.' },
    when: 'A return item names a SKU the order does not have (params.sku).',
  },
});
