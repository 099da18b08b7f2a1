import { orderStatuses, returnReasonCodes } from '@boveda/contracts';
import { z } from 'zod';
import { defineSearch } from '../../lib/search-state.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Clientes' search in the URL, under `GET /api/v1/clients`' own names (`/clientes?q=ruiz`). */
export const clientSearch = defineSearch({
  q: z.string().trim().min(1).max(200).optional(),
  email: z.string().trim().min(1).max(254).optional(),
  archived: z.enum(['false', 'true', 'all']).default('false'),
});
export type ClientSearchValues = (typeof clientSearch)['defaults'];

/** Órdenes' filters in the URL (`/ordenes?status=shipped&clientId=…&q=PED-1`); junk is ignored. */
export const orderSearch = defineSearch({
  status: z.enum(orderStatuses).optional(),
  clientId: z.string().regex(UUID).optional(),
  q: z.string().trim().min(1).max(64).optional(),
});
export type OrderSearchValues = (typeof orderSearch)['defaults'];

/** Devoluciones' filter in the URL (`/devoluciones?reasonCode=damaged`). */
export const returnSearch = defineSearch({
  reasonCode: z.enum(returnReasonCodes).optional(),
});
