import { catalogKinds } from '@boveda/contracts';
import { z } from 'zod';
import { defineSearch } from '../../lib/search-state.js';

/** Catálogo contable's filters in the URL, under `GET /api/v1/catalog/entries`' own names (`/catalogo-contable?kind=account&q=601`). */
export const catalogSearch = defineSearch({
  kind: z.enum(catalogKinds).optional(),
  active: z.enum(['true', 'false', 'all']).default('true'),
  q: z.string().trim().min(1).max(200).optional(),
});
export type CatalogSearchValues = (typeof catalogSearch)['defaults'];
