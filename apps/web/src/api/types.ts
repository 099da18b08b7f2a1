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
