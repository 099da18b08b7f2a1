import { z } from 'zod';
import { satAttention } from './sat.js';

/** A stopped SAT request a person should look at, with the reason as the vault stores it. */
export const homeAttentionRequest = z.object({
  id: z.string(),
  /** `failed`: the ledger's stopped state (the SAT refused it, or recovery gave up). */
  state: z.string(),
  type: z.enum(['cfdi', 'metadata']),
  direction: z.enum(['issued', 'received']).nullable(),
  period: z.object({ start: z.string(), end: z.string() }).nullable(),
  /** The SAT's code that stopped it (CodigoEstadoSolicitud, else CodEstatus), when the SAT gave one. */
  code: z.number().nullable(),
  /** Why it stopped, in the server's English words (`needs_attention_reason`). */
  reason: z.string().nullable(),
  /** The same reason as a code of `satAttentionCodes` with its params; null on older rows. */
  attention: satAttention.nullable(),
  finishedAt: z.string().nullable(),
});

/** One taxpayer on the start page. */
export const homeTaxpayer = z.object({
  rfc: z.string(),
  legalName: z.string(),
  /** Last time the SAT answered a verification or a request finished (downloaded, empty, split, replaced). */
  lastSyncAt: z.string().nullable(),
  /** CFDI stored with `issued_at` in the current Mexico City calendar month (cancelled included). */
  thisMonth: z.object({ issued: z.number().int(), received: z.number().int() }),
  /** How many stopped requests there are; `attention` holds the newest five. */
  attentionCount: z.number().int(),
  attention: z.array(homeAttentionRequest),
  efirma: z.object({
    validUntil: z.string(),
    daysToExpiry: z.number().int(),
    expired: z.boolean(),
    /** Expires within 30 days (or already expired). */
    expiresSoon: z.boolean(),
  }),
  /** SAT metadata rows (not cancelled) of this RFC, issued or received, whose XML is not in the vault. */
  missingXml: z.number().int(),
});

/** `GET /api/v1/home`: the organization's taxpayers at a glance, and their sums. */
export const homeSummary = z.object({
  /** The Mexico City month `thisMonth` counts: `YYYY-MM`, with its first and last day. */
  month: z.object({ key: z.string(), from: z.string(), to: z.string() }),
  taxpayers: z.array(homeTaxpayer),
  totals: z.object({
    taxpayers: z.number().int(),
    thisMonth: z.object({ issued: z.number().int(), received: z.number().int() }),
    attention: z.number().int(),
    efirmasExpiring: z.number().int(),
    missingXml: z.number().int(),
  }),
});

export type HomeAttentionRequest = z.output<typeof homeAttentionRequest>;
export type HomeTaxpayer = z.output<typeof homeTaxpayer>;
export type HomeSummary = z.output<typeof homeSummary>;
