import type { ConnectorAuthInput } from '@boveda/contracts';
import type { Reader, SecretBox } from '../../platform/crypto/index.js';
import type { ConnectorRow } from './connectors.repository.js';
import type { ConnectorAuthType } from './connectors.schema.js';
import type { ErpAuth, ErpTarget } from './erp/erp-client.js';

const cell = (id: string) => ({ table: 'connectors', column: 'auth_secret', id });

/** The secret of each method (one per method), and the fields that are not secret. */
export function splitAuth(auth: ConnectorAuthInput): {
  type: ConnectorAuthType;
  public: Record<string, string>;
  secret: string | undefined;
} {
  switch (auth.type) {
    case 'none':
      return { type: 'none', public: {}, secret: undefined };
    case 'api_key':
      return { type: 'api_key', public: { header: auth.header }, secret: auth.key };
    case 'bearer':
      return { type: 'bearer', public: {}, secret: auth.token };
    case 'basic':
      return { type: 'basic', public: { username: auth.username }, secret: auth.password };
    case 'oauth2':
      return {
        type: 'oauth2',
        public: {
          tokenUrl: auth.tokenUrl,
          clientId: auth.clientId,
          ...(auth.scope ? { scope: auth.scope } : {}),
        },
        secret: auth.clientSecret,
      };
  }
}

export const sealAuthSecret = (box: SecretBox, tenantId: string, id: string, secret: string | undefined) =>
  box.sealColumn(tenantId, cell(id), secret);

/** The connector's auth with its secret opened, for one run or one test (the read is audited). */
export async function openTarget(box: SecretBox, row: ConnectorRow, reader: Reader): Promise<ErpTarget> {
  const secret = (await box.openColumn<string>(row.tenantId, cell(row.id), row.authSecret, reader)) ?? '';
  const p = row.authPublic;
  const auth: ErpAuth =
    row.authType === 'api_key'
      ? { type: 'api_key', header: p.header ?? 'X-Api-Key', key: secret }
      : row.authType === 'bearer'
        ? { type: 'bearer', token: secret }
        : row.authType === 'basic'
          ? { type: 'basic', username: p.username ?? '', password: secret }
          : row.authType === 'oauth2'
            ? {
                type: 'oauth2',
                tokenUrl: p.tokenUrl ?? '',
                clientId: p.clientId ?? '',
                clientSecret: secret,
                ...(p.scope ? { scope: p.scope } : {}),
              }
            : { type: 'none' };
  return {
    connectorId: row.id,
    credentialsVersion: row.credentialsVersion,
    baseUrl: row.baseUrl,
    timeoutMs: row.timeoutMs,
    auth,
  };
}
