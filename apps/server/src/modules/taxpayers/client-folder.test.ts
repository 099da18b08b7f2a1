import { describe, expect, it } from 'vitest';
import { normalizeObjectKey } from '../../platform/storage/index.js';
import { clientFolder } from './client-folder.js';

describe('the client folder', () => {
  it('is one folder per RFC, "&" included, and a valid object key', () => {
    const tenant = '7c9e6679-7425-40de-944b-e07fc1f90ae7';
    expect(clientFolder(tenant, 'E&Ñ831019M53')).toBe(`tenants/${tenant}/clientes/E_Ñ831019M53/`);
    expect(() => normalizeObjectKey(`${clientFolder(tenant, 'E&Ñ831019M53')}2025/x.zip`)).not.toThrow();
  });
});
