/**
 * The CFDI values the server filters by and answers with, from the contracts. Labels are typed over
 * them, so a new value without a Spanish name does not compile.
 */
export { type CfdiStatus, type CfdiTipo, cfdiStatuses, cfdiTipos } from '@boveda/contracts';
