import type { Role } from '@boveda/contracts';

export type { Role };

export interface UserRef {
  id: string;
  email: string;
  name: string | null;
}

export interface TenantRef {
  id: string;
  slug: string;
  name: string;
}

export interface LoginInput {
  email: string;
  password: string;
  /** Organization slug, only needed when the user belongs to several organizations. */
  tenant?: string;
}

export interface LoginResult {
  user: UserRef;
  tenant: TenantRef;
  role: Role;
}

export interface Me {
  user: UserRef | null;
  apiKey: { id: string; name: string; prefix: string } | null;
  tenant: TenantRef;
  role: Role;
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface PageQuery {
  limit?: number;
  cursor?: string | null;
}

export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
  createdBy: { id: string; email: string } | null;
}

/** The create response is the only place the full key ever appears. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface CreateApiKeyInput {
  name: string;
  role: Role;
}

export interface TenantUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: string;
}

/** An invitation as the inviting organization sees it (the same for new and existing emails). */
export interface Invitation {
  id: string;
  email: string;
  role: Role;
  status: 'pending' | 'expired';
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
}

/** An invitation addressed to the signed-in person. */
export interface ReceivedInvitation {
  id: string;
  organization: TenantRef;
  role: Role;
  invitedBy: string;
  createdAt: string;
  expiresAt: string;
}

export interface CreateUserInput {
  email: string;
  name?: string;
  password: string;
  role: Role;
}

export interface AuditEvent {
  id: string;
  action: string;
  actorType: string;
  actorId: string | null;
  actorLabel: string | null;
  targetType: string | null;
  targetId: string | null;
  ip: string | null;
  userAgent: string | null;
  metadata: Record<string, unknown> | null;
  createdAt: string;
}

/** A registered taxpayer and its e.firma validity; key material never leaves the server. */
export interface Taxpayer {
  id: string;
  rfc: string;
  legalName: string;
  certificateSerial: string;
  validFrom: string;
  validUntil: string;
  status: 'active' | 'removed';
  /** Whole days until the e.firma expires (negative once expired). */
  daysToExpiry: number;
  expired: boolean;
  /** Active and expiring within EFIRMA_EXPIRY_WARNING_DAYS (or already expired). */
  expiresSoon: boolean;
  createdAt: string;
  removedAt: string | null;
}

export interface RegisterTaxpayerInput {
  certificate: Blob;
  privateKey: Blob;
  password: string;
}

export type SatRequestType = 'cfdi' | 'metadata';
export type SatDirection = 'issued' | 'received';

/** v1.5 filters of a request, as the server validated them. */
export interface SatRequestFilters {
  documentType?: 'I' | 'E' | 'T' | 'N' | 'P';
  status?: 'Todos' | 'Vigente' | 'Cancelado';
  counterparts?: string[];
  onBehalfRfc?: string;
  complemento?: string;
}

/**
 * One request to the SAT's Descarga Masiva. `state` is the server's ledger state (pending, accepted,
 * in_progress, ready, downloaded, empty, failed, replaced, split); `origin` says who filed it (api,
 * year, recovery, split). Periods are the SAT's naive Mexico City timestamps `YYYY-MM-DDTHH:mm:ss`.
 */
export interface SatRequest {
  id: string;
  rfc: string;
  type: SatRequestType;
  direction: SatDirection | null;
  period: { start: string; end: string } | null;
  filters: SatRequestFilters;
  folio: string | null;
  state: string;
  origin: string;
  satRequestId: string | null;
  sat: {
    statusCode: number | null;
    statusMessage: string | null;
    requestState: number | null;
    requestCode: number | null;
  };
  cfdiCount: number | null;
  replaces: string | null;
  replacedBy: string | null;
  splitFrom: string | null;
  attempts: Record<string, number>;
  /** Why the request stopped (or why it needs a person), in the server's words. */
  needsAttention: string | null;
  submittedAt: string | null;
  lastVerifiedAt: string | null;
  finishedAt: string | null;
  createdAt: string;
}

/** One line of a request's history: a SAT call (`call`), a state change, a package or a note. */
export interface SatHistoryEvent {
  at: string;
  type: string;
  operation: string | null;
  fromState: string | null;
  toState: string | null;
  satCode: number | null;
  satMessage: string | null;
  message: string;
}

export interface SatPackage {
  satPackageId: string;
  type: string;
  /** pending | stored | failed */
  state: string;
  storageKey: string;
  size: number | null;
  sha256: string | null;
  downloadAttempts: number;
  storedAt: string | null;
}

export interface SatRequestDetail extends SatRequest {
  history: SatHistoryEvent[];
  packages: SatPackage[];
  /** The requests it replaced, was replaced by, was split from or split into. */
  related: SatRequest[];
}

export interface SatRequestListQuery extends PageQuery {
  state?: string;
  type?: SatRequestType;
  direction?: SatDirection;
  year?: number;
}

export interface CreateSatRequestInput {
  type: SatRequestType;
  direction?: SatDirection;
  period?: { start: string; end: string };
  filters?: SatRequestFilters;
  folio?: string;
}

export interface FileYearInput {
  year: number;
  direction: SatDirection | 'both';
}

export interface FileYearResult {
  created: number;
  existing: number;
  items: SatRequest[];
}
