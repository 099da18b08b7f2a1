import { z } from 'zod';
import { FAULT_KINDS, OPERATIONS } from '../state/faults.js';
import { ES_CANCELABLE, ESTADOS, ESTATUS_CANCELACION } from '../state/status-store.js';

export const advanceSchema = z.object({ seconds: z.number().finite() });
export const setClockSchema = z.object({ now: z.iso.datetime({ offset: true }) });
export const faultSchema = z.object({
  operation: z.enum(OPERATIONS),
  kind: z.enum(FAULT_KINDS),
  count: z.number().int().positive().default(1),
  ms: z.number().int().nonnegative().default(0),
});
export const volumeSchema = z.object({
  issuedPerMonth: z.number().int().nonnegative(),
  receivedPerMonth: z.number().int().nonnegative(),
});
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');
export const truthSchema = z.object({
  rfc: z.string().min(12).max(13),
  from: day,
  to: day,
  type: z.enum(['cfdi', 'metadata']),
  direction: z.enum(['issued', 'received']),
  status: z.enum(['active', 'cancelled']).optional(),
});

const rfc = z.string().regex(/^[A-ZÑ&]{3,4}[0-9]{6}[A-Z0-9]{2}[0-9A]$/i, 'expected an RFC');
/** A ConsultaCFDIService answer for one UUID; the strings are the SAT's own. */
export const cfdiStatusSchema = z
  .object({
    uuid: z
      .string()
      .regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i, 'expected a UUID'),
    estado: z.enum(ESTADOS),
    esCancelable: z.enum(ES_CANCELABLE).optional(),
    estatusCancelacion: z.enum(ESTATUS_CANCELACION).optional(),
    /** 200/201 = not in the art. 69-B list; 100–104 = the issuer or a third party is. */
    validacionEfos: z
      .string()
      .regex(/^[0-9]{3}$/, 'expected a 3-digit code')
      .default('200'),
    rfcEmisor: rfc.optional(),
    rfcReceptor: rfc.optional(),
    total: z
      .string()
      .regex(/^[0-9]{1,18}(\.[0-9]{1,6})?$/, 'expected a decimal total')
      .optional(),
  })
  .transform((s) => ({
    ...s,
    // Defaults follow the answers seen for each state (see the README).
    esCancelable:
      s.esCancelable ?? (s.estado === 'Cancelado' ? 'No cancelable' : 'Cancelable con aceptación'),
    estatusCancelacion: s.estatusCancelacion ?? (s.estado === 'Cancelado' ? 'Cancelado sin aceptación' : ''),
  }));
