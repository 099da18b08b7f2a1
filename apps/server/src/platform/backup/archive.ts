import { once } from 'node:events';
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { type Pack, extract as tarExtract } from 'tar-stream';
import { z } from 'zod';

/**
 * The archive: a gzip'd tar whose entries come in this order, so a restore can read it as a stream:
 *
 *   boveda-backup.json       the header: versions, migrations, master-key ids and probes
 *   db/<table>/<n>.copy      each table's COPY text, in foreign-key order, in ≤ 8 MiB pieces
 *   objects/<key>            each stored object (local storage, or S3 with --include-objects)
 *   manifest.json            the trailer: row counts and sha256 per table, objects with sha256
 *
 * The trailer comes last because its checksums are known only once everything was written.
 */
export const BACKUP_FORMAT = 'boveda-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const HEADER_ENTRY = 'boveda-backup.json';
export const MANIFEST_ENTRY = 'manifest.json';
export const DB_PREFIX = 'db/';
export const OBJECTS_PREFIX = 'objects/';

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/);

export const backupHeaderSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.number().int(),
  backupId: z.string().uuid(),
  appVersion: z.string(),
  createdAt: z.string(),
  postgresVersion: z.string(),
  /** Tags of the migrations applied to the database, in the code's journal order. */
  migrations: z.array(z.string()),
  storageDriver: z.enum(['fs', 's3']),
  objectsIncluded: z.boolean(),
  /** Master keys that wrap the tenant keys in this backup (ids only: sha256 prefixes, never keys). */
  masterKeyIds: z.array(z.string()),
  /** A fixed text sealed with each master key above: a restore proves it holds them before writing. */
  probes: z.array(z.object({ masterKeyId: z.string(), sealed: base64 })),
  /** The wrapped tenant keys (as in `tenant_data_keys`): a restore unwraps each before writing. */
  tenantKeys: z.array(
    z.object({
      tenantId: z.string(),
      kind: z.enum(['data', 'blind-index']),
      version: z.number().int(),
      masterKeyId: z.string(),
      wrappedKey: base64,
    }),
  ),
});
export type BackupHeader = z.infer<typeof backupHeaderSchema>;

export const tableEntrySchema = z.object({
  name: z.string(),
  columns: z.array(z.string()),
  rows: z.number().int(),
  bytes: z.number().int(),
  sha256: z.string(),
  chunks: z.number().int(),
});
export type TableEntry = z.infer<typeof tableEntrySchema>;

export const objectEntrySchema = z.object({
  key: z.string(),
  size: z.number().int(),
  sha256: z.string().optional(),
  etag: z.string().optional(),
});
export type ObjectEntry = z.infer<typeof objectEntrySchema>;

export const backupManifestSchema = z.object({
  formatVersion: z.number().int(),
  backupId: z.string().uuid(),
  headerSha256: z.string(),
  tables: z.array(tableEntrySchema),
  sequences: z.array(z.object({ name: z.string(), lastValue: z.string(), isCalled: z.boolean() })),
  objects: z.object({
    included: z.boolean(),
    count: z.number().int(),
    bytes: z.number().int(),
    items: z.array(objectEntrySchema),
  }),
  finishedAt: z.string(),
});
export type BackupManifest = z.infer<typeof backupManifestSchema>;

export const PROBE_PLAINTEXT = Buffer.from('boveda backup probe v1', 'utf8');
export const probeAad = (backupId: string) => Buffer.from(`boveda:backup-probe:${backupId}`, 'utf8');

/** `name` quoted as a PostgreSQL identifier. */
export const ident = (name: string) => `"${name.replaceAll('"', '""')}"`;

/** Writes one tar entry of `size` bytes from `body`, waiting for the archive's consumer (backpressure). */
export async function writeEntry(
  pack: Pack,
  name: string,
  size: number,
  body: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  mtime = new Date(),
): Promise<void> {
  let sink!: ReturnType<Pack['entry']>;
  const entryDone = new Promise<void>((ok, fail) => {
    sink = pack.entry({ name, size, mode: 0o600, mtime, type: 'file' }, (err) => (err ? fail(err) : ok()));
  });
  try {
    for await (const chunk of body) {
      if (!sink.write(chunk)) await once(sink as unknown as NodeJS.EventEmitter, 'drain');
    }
    // streamx's end(data?): nothing more to write.
    sink.end(undefined);
  } catch (err) {
    sink.destroy(err as Error);
    await entryDone.catch(() => {});
    throw err;
  }
  await entryDone;
}

export interface ArchiveEntry {
  name: string;
  size: number;
  body: AsyncIterable<Buffer>;
}

/**
 * The entries of an archive, in order, each read as a stream (only one at a time: read or skip an
 * entry's body before asking for the next). Errors of the file or of gzip end the iteration.
 */
export async function* readArchive(file: string): AsyncGenerator<ArchiveEntry> {
  const input = createReadStream(file);
  const gunzip = createGunzip();
  const extract = tarExtract();
  const fail = (err: Error) => extract.destroy(err);
  input.on('error', fail);
  gunzip.on('error', fail);
  input.pipe(gunzip).pipe(extract as unknown as NodeJS.WritableStream);
  try {
    for await (const entry of extract) {
      const { name, size = 0, type } = entry.header;
      if (type !== 'file') {
        entry.resume();
        continue;
      }
      let consumed = false;
      const body = (async function* () {
        consumed = true;
        for await (const chunk of entry) yield Buffer.from(chunk as Uint8Array);
      })();
      yield { name, size, body };
      if (!consumed) for await (const _ of entry) void _;
    }
  } finally {
    input.destroy();
    gunzip.destroy();
    extract.destroy();
  }
}

export async function readAll(body: AsyncIterable<Buffer>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of body) chunks.push(c);
  return Buffer.concat(chunks);
}
