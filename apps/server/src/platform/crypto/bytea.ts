import { customType } from 'drizzle-orm/pg-core';

/**
 * A PostgreSQL `bytea` column read and written as a Buffer. drizzle-orm 0.45's pg-core has no
 * bytea type; node-postgres already converts both ways, so no mapping is needed. Used for wrapped
 * keys, sealed columns (`sealColumn`) and blind indexes (`blindIndex`).
 */
export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
