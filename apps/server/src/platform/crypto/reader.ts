import { SecretBoxInputError } from './crypto.errors.js';

/**
 * Who a decryption is for. Every decryption takes one, so "who read this client's data" has an
 * answer: the person or API key behind a request (with its request id), the job run, or the
 * operator at the CLI. Never "the process".
 */
export type Reader = RequestReader | JobReader | CliReader;

/** A person (web session) or an API key, acting through one HTTP request. */
export interface RequestReader {
  type: 'user' | 'api_key' | 'oauth_client';
  /** The user id or the API key id. */
  id: string;
  /** The email or the key's name, as the audit trail shows it. */
  label?: string;
  /** The request id the answer carries (`x-request-id`), to tie the read to the request log. */
  requestId: string;
  ip?: string;
  userAgent?: string;
}

/** A background job run. */
export interface JobReader {
  type: 'job';
  /** The job definition's name, e.g. `sat.sync-taxpayer`. */
  job: string;
  /** This run's id in the queue. */
  jobId: string;
}

/** An operator running a CLI command on the server. */
export interface CliReader {
  type: 'cli';
  /** Who, as the CLI names its actor (`cli:<os user>`). */
  label: string;
  command: string;
}

/**
 * Where the secret box reports each successful decryption, before the plaintext is handed out.
 * The composition root plugs the audit trail in; if `recordDecryption` throws, the decryption
 * fails too, so a secret is never read without its trace.
 */
export interface AccessLog {
  /** Once per decryption, or once per `openColumns` batch (`event.aads`). */
  recordDecryption(event: DecryptionEvent): Promise<void>;
}

export interface DecryptionEvent {
  tenantId: string;
  /**
   * The record identity the ciphertext is bound to (`taxpayer:<id>:efirma-key`, `column:…`); for a
   * batch (`openColumns`), the first of `aads`.
   */
  aad: string;
  /**
   * Set by a batch (`openColumns`): every record identity decrypted for this reader, distinct, in
   * the order asked, at most `MAX_OPEN_BATCH`. A log that ignores it still records the first.
   */
  aads?: readonly string[];
  reader: Reader;
}

const nonEmpty = (v: unknown) => typeof v === 'string' && v.length > 0;

/**
 * Checked before decrypting: TypeScript requires a reader, this catches a caller that forged one
 * (`as any`, an empty id) so no decryption is ever recorded without a name.
 */
export function checkReader(reader: Reader): Reader {
  const ok =
    typeof reader === 'object' &&
    reader !== null &&
    (((reader.type === 'user' || reader.type === 'api_key' || reader.type === 'oauth_client') &&
      nonEmpty(reader.id) &&
      nonEmpty(reader.requestId)) ||
      (reader.type === 'job' && nonEmpty(reader.job) && nonEmpty(reader.jobId)) ||
      (reader.type === 'cli' && nonEmpty(reader.label) && nonEmpty(reader.command)));
  if (!ok) throw new SecretBoxInputError('a decryption needs a reader: who reads, and through what');
  return reader;
}
