import { z } from 'zod';
import { pageOf, pageQuery } from '../primitives.js';

/**
 * The organization's accounting catalogue: expense categories and accounting accounts, each a
 * code (what exports and ERPs carry) and a name (what people read). Invoices of the inbox get one
 * of each when a person confirms them.
 */
export const catalogKinds = ['category', 'account'] as const;
export const catalogKind = z.enum(catalogKinds);
export type CatalogKind = z.infer<typeof catalogKind>;

/** Letters, digits and `. - _` (accounts are written "601.84.01", categories "VIATICOS"). */
export const catalogCode = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[\p{L}\p{N}][\p{L}\p{N}._-]*$/u, 'letters, digits, dots, dashes or underscores');
const catalogName = z.string().trim().min(1).max(200);
/** The SAT's código agrupador (Anexo 24), e.g. "601.84"; optional. */
const satCode = z
  .string()
  .trim()
  .max(20)
  .regex(/^\d{1,4}(\.\d{1,4})*$/, 'a código agrupador such as 601.84');

export const catalogEntry = z.object({
  id: z.string(),
  kind: catalogKind,
  code: z.string(),
  name: z.string(),
  parentCode: z.string().nullable(),
  satCode: z.string().nullable(),
  active: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type CatalogEntry = z.infer<typeof catalogEntry>;
export const catalogEntryPage = pageOf(catalogEntry);

export const catalogListQuery = pageQuery(200, 1000).extend({
  kind: catalogKind.optional(),
  /** `true` (default): only active entries, as the validation view offers them; `all`: every entry. */
  active: z.enum(['true', 'false', 'all']).default('true'),
  /** Words of the code or the name. */
  q: z.string().trim().max(200).optional(),
});

export const catalogEntryCreateBody = z.object({
  kind: catalogKind,
  code: catalogCode,
  name: catalogName,
  parentCode: catalogCode.nullable().optional(),
  satCode: satCode.nullable().optional(),
  active: z.boolean().optional(),
});
/** The code and kind are the entry's identity (invoices and exports carry the code): not editable. */
export const catalogEntryUpdateBody = z.object({
  name: catalogName.optional(),
  parentCode: catalogCode.nullable().optional(),
  satCode: satCode.nullable().optional(),
  active: z.boolean().optional(),
});

/** One refused line of an import: its line number in the file (1 = the header), a code and an English message. */
export const catalogImportRejection = z.object({
  line: z.number().int(),
  code: z.enum([
    'MISSING_COLUMN_VALUE',
    'INVALID_KIND',
    'INVALID_CODE',
    'INVALID_NAME',
    'INVALID_SAT_CODE',
    'INVALID_ACTIVE',
    'DUPLICATE_IN_FILE',
    'TOO_MANY_COLUMNS',
  ]),
  message: z.string(),
});
export type CatalogImportRejection = z.infer<typeof catalogImportRejection>;

export const catalogImportResult = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejected: z.array(catalogImportRejection),
});
export type CatalogImportResult = z.infer<typeof catalogImportResult>;
