import { z } from 'zod';

/** `GET /api/v1/organization/settings`: the organization's security settings. */
export const organizationSettings = z.object({
  /**
   * Every request authenticated by one of the organization's API keys must be signed
   * (`Boveda-Timestamp`, `Boveda-Nonce`, `Boveda-Signature`; docs/signed-requests.md).
   */
  requireSignedRequests: z.boolean(),
});

/** `PATCH /api/v1/organization/settings` (admin+): the fields to change. */
export const updateOrganizationSettingsBody = z
  .object({ requireSignedRequests: z.boolean().optional() })
  .strict();

export type OrganizationSettings = z.output<typeof organizationSettings>;
export type UpdateOrganizationSettingsBody = z.input<typeof updateOrganizationSettingsBody>;
