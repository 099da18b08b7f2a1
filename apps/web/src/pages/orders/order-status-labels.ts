import type { OrderStatus, returnStatuses } from '@boveda/contracts';
import type { BadgeTone } from '../../components/Badge.js';

type ReturnStatus = (typeof returnStatuses)[number];

/** An order's status in each language (typed over the contract's enum: a new status must get a label). */
export const orderStatusLabels = {
  es: {
    received: 'Recibida',
    picking: 'Surtiendo',
    packing: 'Empacando',
    shipped: 'Enviada',
    delivered: 'Entregada',
    returned: 'Devuelta',
    cancelled: 'Cancelada',
  },
  en: {
    received: 'Received',
    picking: 'Picking',
    packing: 'Packing',
    shipped: 'Shipped',
    delivered: 'Delivered',
    returned: 'Returned',
    cancelled: 'Cancelled',
  },
} satisfies Record<'es' | 'en', Record<OrderStatus, string>>;

/** The return side of an order; `none` shows no badge. */
export const returnStatusLabels = {
  es: { none: 'Sin devoluciones', partially_returned: 'Devolución parcial', returned: 'Devuelta' },
  en: { none: 'No returns', partially_returned: 'Partially returned', returned: 'Returned' },
} satisfies Record<'es' | 'en', Record<ReturnStatus, string>>;

export const orderStatusTones = {
  received: 'neutral',
  picking: 'info',
  packing: 'info',
  shipped: 'info',
  delivered: 'success',
  returned: 'warning',
  cancelled: 'danger',
} satisfies Record<OrderStatus, BadgeTone>;
