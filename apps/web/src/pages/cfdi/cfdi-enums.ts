/**
 * The CFDI values the server filters by and answers with (`cfdiFilterQuery` in
 * `apps/server/src/modules/cfdi/cfdi.routes.schemas.ts`; `cfdi-enums.test.ts` keeps the two equal).
 * Labels are typed over them, so a new value without a Spanish name does not compile.
 */
export const cfdiTipos = ['I', 'E', 'T', 'N', 'P'] as const;
export type CfdiTipo = (typeof cfdiTipos)[number];

export const cfdiStatuses = ['vigente', 'cancelado', 'unknown'] as const;
export type CfdiStatus = (typeof cfdiStatuses)[number];
