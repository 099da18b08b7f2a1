import { z } from 'zod';

/**
 * Plans and quotas (`/api/v1/operator/…` for the operator who hosts many organizations,
 * `/api/v1/plan` for an organization's admins). A limit left out or null is unlimited; an
 * organization without a plan has no limits at all (a self-hosted instance).
 */

/** Metered per calendar month (America/Mexico_City): what was used this month against the limit. */
export const monthlyMetrics = ['documents', 'ocrPages', 'llmTokens'] as const;
/** Counted now: how many exist against how many the plan allows. */
export const countedResources = ['taxpayers', 'connectors', 'webhookEndpoints'] as const;
export type MonthlyMetric = (typeof monthlyMetrics)[number];
export type CountedResource = (typeof countedResources)[number];
export type PlanMetric = MonthlyMetric | CountedResource;

const limit = z.number().int().min(0).max(1_000_000_000_000).nullable();

export const planLimits = z.object({
  /** Inbox documents received per month (uploads, e-mail, connector pulls). */
  documentsPerMonth: limit,
  /** Pages or photos read by OCR per month; past it OCR is skipped and the invoice says why. */
  ocrPagesPerMonth: limit,
  /** LLM tokens (input + output) per month; past it the LLM is not asked. */
  llmTokensPerMonth: limit,
  /** API requests per minute for the whole organization (429 past it). */
  apiRequestsPerMinute: z.number().int().min(1).max(1_000_000).nullable(),
  connectors: limit,
  webhookEndpoints: limit,
  taxpayers: limit,
});
export type PlanLimits = z.output<typeof planLimits>;

export const planCode = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, 'lowercase letters, digits and dashes, at most 40');

export const planItem = z.object({
  code: planCode,
  name: z.string(),
  limits: planLimits,
  /** Organizations on this plan. */
  organizations: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const planList = z.object({ items: z.array(planItem), nextCursor: z.string().nullable() });

export const planCreateBody = z.object({
  code: planCode,
  name: z.string().trim().min(1).max(120),
  limits: planLimits.partial().default({}),
});
export const planUpdateBody = z.object({
  name: z.string().trim().min(1).max(120).optional(),
  /** Only the limits named change; null makes one unlimited. */
  limits: planLimits.partial().optional(),
});
export const planParams = z.object({ code: planCode });

/** An organization by its slug or id. */
export const operatorOrganizationParams = z.object({ organization: z.string().min(1).max(120) });
export const planAssignBody = z.object({ plan: planCode });

export const usageItem = z.object({
  metric: z.enum([...monthlyMetrics, ...countedResources]),
  kind: z.enum(['monthly', 'count']),
  used: z.number().int(),
  limit: z.number().int().nullable(),
  /** used / limit in whole percent (can pass 100 for metrics recorded after the fact); null: no limit. */
  percent: z.number().int().nullable(),
});
export const planUsage = z.object({
  plan: z.object({ code: planCode, name: z.string() }).nullable(),
  /** The month the monthly figures are for, `YYYY-MM` (America/Mexico_City). */
  period: z.string(),
  apiRequestsPerMinute: z.number().int().nullable(),
  items: z.array(usageItem),
});

export const operatorOrganization = z.object({
  id: z.string().uuid(),
  slug: z.string(),
  name: z.string(),
  usage: planUsage,
});
export const operatorOrganizationList = z.object({
  items: z.array(operatorOrganization),
  nextCursor: z.string().nullable(),
});

export type PlanItem = z.output<typeof planItem>;
export type PlanUsage = z.output<typeof planUsage>;
export type UsageItem = z.output<typeof usageItem>;
export type OperatorOrganization = z.output<typeof operatorOrganization>;
