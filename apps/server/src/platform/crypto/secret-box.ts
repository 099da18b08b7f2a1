import type { Db } from '../db/client.js';
import { IV_BYTES, open, seal, TAG_BYTES } from './aes-gcm.js';
import { checkPurpose, computeBlindIndex, type Normalizer } from './blind-index.js';
import {
  type ColumnRef,
  columnAad,
  decodeColumnValue,
  encodeColumnValue,
  type JsonValue,
} from './column-value.js';
import { DecryptionError, SecretBoxInputError } from './crypto.errors.js';
import { createDataKeyStore, type DataKey } from './data-keys.js';
import type { MasterKeyring } from './master-keyring.js';
import { type AccessLog, checkReader, type Reader } from './reader.js';

/**
 * Ciphertext format, version 1 (all produced by `encrypt`):
 *
 *   offset 0   1 byte   format version (0x01)
 *   offset 1   4 bytes  data key version, unsigned 32-bit big-endian
 *   offset 5  12 bytes  random IV
 *   offset 17  n bytes  AES-256-GCM ciphertext (n = plaintext length)
 *   end-16    16 bytes  GCM tag
 *
 * GCM associated data = the 5 header bytes || "tenant:<tenantId>|" || caller AAD, so the header
 * cannot be edited and a ciphertext moved to another tenant or another record does not open.
 */
export const SECRET_FORMAT_VERSION = 1;
const HEADER_BYTES = 5;
const MIN_CIPHERTEXT_BYTES = HEADER_BYTES + IV_BYTES + TAG_BYTES;
/**
 * Cells per `openColumns` call: one batch is one `secret.decrypted` event listing every record, and
 * an audit row should stay readable (500 identities of ~60 characters are ~30 KB of metadata).
 */
export const MAX_OPEN_BATCH = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface SecretBoxOptions {
  db: Db;
  keyring: MasterKeyring;
  /**
   * Told of every successful decryption, with its reader, before the plaintext is returned (the
   * root plugs in the audit trail). Required: there is no decryption nobody hears about.
   */
  accessLog: AccessLog;
  cacheTtlMs?: number;
  cacheMaxEntries?: number;
}

export interface SecretBox {
  /** `aad` is the owning record's identity, e.g. `taxpayer:<id>:efirma-key`. */
  encrypt(tenantId: string, aad: string, plaintext: Buffer | string): Promise<Buffer>;
  /**
   * Throws DecryptionError for a wrong tenant, wrong AAD, tampering or an unknown format. `reader`
   * says who the plaintext is for; the access log records it.
   */
  decrypt(tenantId: string, aad: string, ciphertext: Buffer, reader: Reader): Promise<Buffer>;
  decryptString(tenantId: string, aad: string, ciphertext: Buffer, reader: Reader): Promise<string>;
  /**
   * Seals a value for a `bytea` column, bound to its cell (tenant, table, row id, column).
   * null/undefined stay SQL NULL: nothing is encrypted and a NULL shows only that there is no value.
   */
  sealColumn(tenantId: string, ref: ColumnRef, value: JsonValue | undefined): Promise<Buffer | null>;
  /**
   * Opens what `sealColumn` sealed for the same cell (DecryptionError otherwise). SQL NULL gives
   * null without a decryption, so nothing is recorded. `T` is what the caller sealed there; the
   * AAD guarantees the ciphertext came from this cell, not its type: validate if the schema changed.
   */
  openColumn<T extends JsonValue = JsonValue>(
    tenantId: string,
    ref: ColumnRef,
    sealed: Buffer | null | undefined,
    reader: Reader,
  ): Promise<T | null>;
  /**
   * Opens many cells of one tenant for one reader (a page of clients: email, phone and address of
   * each): the values in the order of `cells`, null for SQL NULL. Every cell is decrypted first,
   * then the access log is told ONCE, with every record identity (`aads`); a cell that does not
   * open fails the whole call (DecryptionError) and nothing is recorded or returned. At most
   * `MAX_OPEN_BATCH` non-null cells per call (SecretBoxInputError beyond): the caller pages.
   */
  openColumns<T extends JsonValue = JsonValue>(
    tenantId: string,
    cells: ReadonlyArray<{ ref: ColumnRef; sealed: Buffer | null | undefined }>,
    reader: Reader,
  ): Promise<(T | null)[]>;
  /**
   * A deterministic keyed index of `normalize(value)` for equality lookups and unique constraints
   * on an encrypted column: HMAC-SHA256 (32 bytes) under the tenant's blind-index key, derived per
   * `purpose` (e.g. `clients.email`). null/undefined give null. Unchanged by `rotateTenantDataKey`.
   */
  blindIndex(
    tenantId: string,
    purpose: string,
    value: string | null | undefined,
    normalize: Normalizer,
  ): Promise<Buffer | null>;
  /** New writes for this tenant use a fresh data key; older ciphertexts still decrypt. */
  rotateTenantDataKey(tenantId: string): Promise<{ version: number }>;
}

/** Returns the canonical (lower-case) tenant id: PostgreSQL hands uuids back lower-cased. */
function checkTenant(tenantId: string): string {
  if (typeof tenantId !== 'string' || !UUID.test(tenantId)) {
    throw new SecretBoxInputError('tenantId must be a UUID');
  }
  return tenantId.toLowerCase();
}

function checkInput(tenantId: string, aad: string): string {
  if (typeof aad !== 'string' || aad.length === 0) {
    throw new SecretBoxInputError('aad must name the owning record');
  }
  return checkTenant(tenantId);
}

function gcmAad(header: Buffer, tenantId: string, aad: string): Buffer {
  return Buffer.concat([header, Buffer.from(`tenant:${tenantId}|${aad}`, 'utf8')]);
}

function header(dataKeyVersion: number): Buffer {
  const h = Buffer.alloc(HEADER_BYTES);
  h.writeUInt8(SECRET_FORMAT_VERSION, 0);
  h.writeUInt32BE(dataKeyVersion, 1);
  return h;
}

export function createSecretBox(options: SecretBoxOptions): SecretBox {
  const dataKeys = createDataKeyStore(options);

  function sealWith(dataKey: DataKey, tenantId: string, aad: string, plaintext: Buffer): Buffer {
    const h = header(dataKey.version);
    return Buffer.concat([h, seal(dataKey.key, plaintext, gcmAad(h, tenantId, aad))]);
  }

  async function encrypt(rawTenantId: string, aad: string, plaintext: Buffer | string): Promise<Buffer> {
    const tenantId = checkInput(rawTenantId, aad);
    if (typeof plaintext !== 'string' && !Buffer.isBuffer(plaintext)) {
      throw new SecretBoxInputError('plaintext must be a string or a Buffer');
    }
    const bytes = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
    return sealWith(await dataKeys.active(tenantId), tenantId, aad, bytes);
  }

  /** Decrypts without telling the access log: every caller records before handing plaintext out. */
  async function openUnlogged(tenantId: string, aad: string, ciphertext: Buffer): Promise<Buffer> {
    if (!Buffer.isBuffer(ciphertext) || ciphertext.length < MIN_CIPHERTEXT_BYTES) throw new DecryptionError();
    if (ciphertext.readUInt8(0) !== SECRET_FORMAT_VERSION) throw new DecryptionError();
    const h = ciphertext.subarray(0, HEADER_BYTES);
    const key = await dataKeys.byVersion(tenantId, h.readUInt32BE(1));
    if (!key) throw new DecryptionError();
    const plaintext = open(key, ciphertext.subarray(HEADER_BYTES), gcmAad(h, tenantId, aad));
    if (!plaintext) throw new DecryptionError();
    return plaintext;
  }

  async function decrypt(rawTenantId: string, aad: string, ciphertext: Buffer, reader: Reader) {
    const tenantId = checkInput(rawTenantId, aad);
    checkReader(reader);
    const plaintext = await openUnlogged(tenantId, aad, ciphertext);
    await options.accessLog.recordDecryption({ tenantId, aad, reader });
    return plaintext;
  }

  return {
    encrypt,
    decrypt,
    async decryptString(tenantId, aad, ciphertext, reader) {
      return (await decrypt(tenantId, aad, ciphertext, reader)).toString('utf8');
    },
    async sealColumn(tenantId, ref, value) {
      const aad = columnAad(ref);
      if (value === null || value === undefined) return null;
      return encrypt(tenantId, aad, encodeColumnValue(value));
    },
    async openColumn<T extends JsonValue = JsonValue>(
      tenantId: string,
      ref: ColumnRef,
      sealed: Buffer | null | undefined,
      reader: Reader,
    ) {
      const aad = columnAad(ref);
      if (sealed === null || sealed === undefined) return null;
      return decodeColumnValue(await decrypt(tenantId, aad, sealed, reader)) as T;
    },
    async openColumns<T extends JsonValue = JsonValue>(
      rawTenantId: string,
      cells: ReadonlyArray<{ ref: ColumnRef; sealed: Buffer | null | undefined }>,
      reader: Reader,
    ) {
      const tenantId = checkTenant(rawTenantId);
      checkReader(reader);
      if (!Array.isArray(cells)) throw new SecretBoxInputError('cells must be an array');
      const aads = cells.map((cell) => columnAad(cell.ref));
      const present = cells.filter((cell) => cell.sealed !== null && cell.sealed !== undefined).length;
      if (present > MAX_OPEN_BATCH) {
        throw new SecretBoxInputError(`at most ${MAX_OPEN_BATCH} cells per openColumns call`);
      }
      const values: (T | null)[] = [];
      const read: string[] = [];
      for (const [i, cell] of cells.entries()) {
        if (cell.sealed === null || cell.sealed === undefined) {
          values.push(null);
          continue;
        }
        values.push(decodeColumnValue(await openUnlogged(tenantId, aads[i]!, cell.sealed)) as T);
        read.push(aads[i]!);
      }
      if (read.length === 0) return values;
      const distinct = [...new Set(read)];
      await options.accessLog.recordDecryption({ tenantId, aad: distinct[0]!, aads: distinct, reader });
      return values;
    },
    async blindIndex(rawTenantId, purpose, value, normalize) {
      const tenantId = checkTenant(rawTenantId);
      checkPurpose(purpose);
      if (value === null || value === undefined) return null;
      if (typeof value !== 'string') throw new SecretBoxInputError('a blind index is of a string');
      return computeBlindIndex(await dataKeys.blindIndexKey(tenantId), purpose, value, normalize);
    },
    async rotateTenantDataKey(tenantId) {
      const { version } = await dataKeys.rotate(checkTenant(tenantId));
      return { version };
    },
  };
}
