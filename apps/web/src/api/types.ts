/**
 * The wire types the web uses, under the names its pages know them by. Every one is a type of
 * `@boveda/contracts` (the server validates and serializes with the same zod schemas): none is
 * written here, so a field renamed there breaks this app's typecheck. What a call sends is the
 * schema's `z.input` (`…Body`, `…Query`), what it answers its `z.output`.
 */
export type {
  ApiKeyItem as ApiKey,
  ApiKeyPage,
  AuditChainVerification,
  AuditEventItem as AuditEvent,
  AuditEventPage,
  BaseIva,
  CfdiDetail,
  CfdiItem,
  CfdiPage,
  CfdiTotals,
  ChangePasswordBody as ChangePasswordInput,
  CreateApiKeyBody as CreateApiKeyInput,
  CreatedApiKey,
  CreateSatRequestBody as CreateSatRequestInput,
  FileMissingXmlBody as FileMissingXmlInput,
  FileMissingXmlResult,
  FileSatYearBody as FileYearInput,
  FileSatYearResult as FileYearResult,
  HomeAttentionRequest,
  HomeSummary,
  HomeTaxpayer,
  InvitationItem as Invitation,
  InvitationPage,
  InviteUserBody as CreateUserInput,
  LiveEvent,
  LoginBody as LoginInput,
  MeResult as Me,
  MetadataItem,
  MetadataPage,
  MetadataReconciliation,
  MetadataTotals,
  NetSummary,
  OrganizationRef as TenantRef,
  OrganizationSettings,
  ReceivedInvitationItem as ReceivedInvitation,
  ReceivedInvitationPage,
  ReconciliationCounts,
  Role,
  RotatedSigningSecret,
  SatDirection,
  SatHistoryEvent,
  SatPackage,
  SatRequestDetail,
  SatRequestFilters,
  SatRequestItem as SatRequest,
  SatRequestListQuery,
  SatRequestPage,
  SatRequestType,
  SatYearProgress,
  SessionResult as LoginResult,
  SummaryGroup,
  SyncSatResult,
  TaxpayerItem as Taxpayer,
  TaxpayerPage,
  UpdateOrganizationSettingsBody as UpdateOrganizationSettingsInput,
  UserItem as TenantUser,
  UserPage,
  UserRef,
  YearSummary,
} from '@boveda/contracts';

import type { CfdiFilterQuery, MetadataFilterQuery } from '@boveda/contracts';

/** The CFDI explorer's filters: exactly the query parameters of `GET /api/v1/cfdi` and its exports. */
export type CfdiSearch = CfdiFilterQuery;
/** The metadata page's filters: the query parameters of `GET /api/v1/metadata` and its exports. */
export type MetadataSearch = MetadataFilterQuery;

/**
 * The paging arguments of a list call. Not a wire type: TanStack Query starts an infinite list with
 * a `null` page parameter, which the client leaves out of the URL.
 */
export interface PageQuery {
  limit?: number;
  cursor?: string | null;
}

/** The e.firma files and password; the client sends them as multipart parts of these names. */
export interface RegisterTaxpayerInput {
  certificate: Blob;
  privateKey: Blob;
  password: string;
}
