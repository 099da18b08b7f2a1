import { randomBytes } from 'node:crypto';
import { KEY_BYTES } from './aes-gcm.js';
import { MasterKeyConfigError, MasterKeyUnavailableError } from './crypto.errors.js';
import { createKeyFileExclusive, keyFileIsExposed, readKeyFile } from './key-file.js';
import { type MasterKey, masterKey, masterKeyFromBase64 } from './master-key.js';

export interface KeyringLog {
  info(msg: string): void;
  warn(msg: string): void;
}

export interface MasterKeyring {
  /** 'env': keys come from BOVEDA_MASTER_KEY(_PREVIOUS); 'file': from the key file. */
  readonly source: 'env' | 'file';
  readonly keyFile: string | undefined;
  /** The key that wraps new data keys. */
  active(): MasterKey;
  get(id: string): MasterKey | undefined;
  ids(): string[];
  /**
   * Like get(), but when the id is unknown and keys come from a file, re-reads the file once:
   * another process (`boveda keys rotate`) may have appended a key and re-wrapped rows with it.
   */
  resolve(id: string): Promise<MasterKey>;
  reload(): Promise<void>;
}

export interface LoadMasterKeyringOptions {
  /** base64, 32 bytes (BOVEDA_MASTER_KEY). When set, the key file is not used. */
  masterKey?: string | undefined;
  /** base64, 32 bytes (BOVEDA_MASTER_KEY_PREVIOUS): still unwraps rows during a rotation. */
  previousMasterKey?: string | undefined;
  keyFile: string;
  log: KeyringLog;
}

function sortOldestFirst(keys: MasterKey[]): MasterKey[] {
  // Stable sort: keys with equal timestamps keep file order, so the last appended stays newest.
  return [...keys].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
}

function keyringOf(
  source: 'env' | 'file',
  keyFile: string | undefined,
  initial: MasterKey[],
  reread: () => Promise<MasterKey[]>,
): MasterKeyring {
  let keys = sortOldestFirst(initial);
  let byId = new Map(keys.map((k) => [k.id, k]));
  const set = (next: MasterKey[]) => {
    keys = sortOldestFirst(next);
    byId = new Map(keys.map((k) => [k.id, k]));
  };
  const ring: MasterKeyring = {
    source,
    keyFile,
    active: () => keys[keys.length - 1]!,
    get: (id) => byId.get(id),
    ids: () => keys.map((k) => k.id),
    async reload() {
      set(await reread());
    },
    async resolve(id) {
      const known = byId.get(id);
      if (known) return known;
      if (source === 'file') {
        await ring.reload();
        const found = byId.get(id);
        if (found) return found;
      }
      throw new MasterKeyUnavailableError(id);
    },
  };
  return ring;
}

async function loadFromFile(file: string, log: KeyringLog): Promise<MasterKey[]> {
  const existing = await readKeyFile(file);
  if (existing) {
    if (await keyFileIsExposed(file)) {
      log.warn(`Master key file ${file} is readable by other users; run: chmod 600 ${file}`);
    }
    return existing;
  }
  const created = masterKey(randomBytes(KEY_BYTES), new Date());
  if (await createKeyFileExclusive(file, [created])) {
    log.info(`Created master key at ${file}, back it up: without it encrypted secrets cannot be recovered`);
    return [created];
  }
  // Another process created it between our read and our create: use theirs.
  const theirs = await readKeyFile(file);
  if (!theirs) throw new MasterKeyConfigError(`Master key file ${file} vanished while starting`);
  return theirs;
}

/**
 * Loads the master keys. With `masterKey` (BOVEDA_MASTER_KEY) the key file is ignored; otherwise the
 * key file is read, or created with a fresh key (0600, parent dir 0700) on first start.
 */
export async function loadMasterKeyring(options: LoadMasterKeyringOptions): Promise<MasterKeyring> {
  if (options.masterKey) {
    // The previous key sorts first (epoch timestamps, listed first), so the current key is active.
    const keys = [];
    if (options.previousMasterKey) {
      keys.push(masterKeyFromBase64(options.previousMasterKey, 'BOVEDA_MASTER_KEY_PREVIOUS'));
    }
    keys.push(masterKeyFromBase64(options.masterKey, 'BOVEDA_MASTER_KEY'));
    const unique = [...new Map(keys.map((k) => [k.id, k])).values()];
    return keyringOf('env', undefined, unique, async () => unique);
  }
  if (options.previousMasterKey) {
    throw new MasterKeyConfigError('BOVEDA_MASTER_KEY_PREVIOUS is set but BOVEDA_MASTER_KEY is not');
  }
  const file = options.keyFile;
  const keys = await loadFromFile(file, options.log);
  return keyringOf('file', file, keys, async () => {
    const again = await readKeyFile(file);
    if (!again) throw new MasterKeyConfigError(`Master key file ${file} is missing`);
    return again;
  });
}
