import { CfdiParseError, type CfdiParseErrorCode } from './errors.js';
import {
  loadTerceros,
  type MetadataItem,
  type MetadataRow,
  metadataItemChunks,
  type TerceroRow,
} from './metadata.js';
import { parseCfdi } from './parse-cfdi.js';
import type { ParseCfdiOptions, ParsedCfdi } from './types.js';
import type { ZipLimits } from './zip-central-directory.js';
import { readZipEntries, streamZipEntries } from './zip-reader.js';

/**
 * A refused file: `skipped` is true for junk that packages routinely carry (__MACOSX/, folders,
 * empty files, other extensions, *.xml.xml, a .txt that is not metadata) and false for a file that
 * should have been data but could not be read (malformed XML, zip bomb entry, unsafe name…).
 */
export interface PackageFailure {
  ok: false;
  file: string;
  code: CfdiParseErrorCode | 'JUNK';
  reason: string;
  skipped: boolean;
  /** Metadata only: the line of a rejected row. */
  line?: number;
}

export type CfdiPackageItem = { ok: true; file: string; cfdi: ParsedCfdi; xml: Buffer } | PackageFailure;
export type MetadataPackageItem = { ok: true; file: string; row: MetadataRow } | PackageFailure;

export interface CfdiPackageOptions {
  zip?: Partial<ZipLimits>;
  parse?: Omit<ParseCfdiOptions, 'maxBytes'>;
}

/**
 * Every CFDI in a package zip, one result per entry. The zip as a whole can still fail before the
 * first item (ZIP_EMPTY, ZIP_CORRUPT, ZIP_TOO_MANY_ENTRIES, ZIP_TOO_LARGE).
 */
export async function* readCfdiPackage(
  source: Buffer | string,
  options: CfdiPackageOptions = {},
): AsyncGenerator<CfdiPackageItem> {
  const zip = { extensions: ['.xml'], ...options.zip };
  for await (const entry of readZipEntries(source, zip)) {
    if ('skipped' in entry) {
      yield { ok: false, file: entry.name, code: 'JUNK', reason: entry.skipped, skipped: true };
    } else if ('error' in entry) {
      yield { ok: false, file: entry.name, code: entry.error, reason: entry.reason, skipped: false };
    } else {
      try {
        const cfdi = parseCfdi(entry.data, { ...options.parse, maxBytes: zip.maxEntryBytes });
        yield { ok: true, file: entry.name, cfdi, xml: entry.data };
      } catch (e) {
        yield failure(entry.name, e);
      }
    }
  }
}

/** A 1,000,000-row metadata file is ~250 MB of text: entries are streamed, so the cap can be high. */
export const DEFAULT_METADATA_ENTRY_BYTES = 4 * 1024 ** 3;

const isTercero = (name: string) => name.toLowerCase().endsWith('_tercero.txt');

/** The rows (or rejected rows) of one metadata entry that one chunk of its text held. */
export interface MetadataPackageChunk {
  ok: true;
  file: string;
  items: MetadataItem[];
}

/**
 * Every metadata row of a package zip, `_tercero` data joined by UUID, one array per chunk read
 * (what the ingestion consumes: a million rows cost thousands of awaits, not millions). The
 * `_tercero` entries are read first (a second pass over the central directory), so the main file
 * can be streamed.
 */
export async function* readMetadataPackageChunks(
  source: Buffer | string,
  options: { zip?: Partial<ZipLimits> } = {},
): AsyncGenerator<MetadataPackageChunk | PackageFailure> {
  const zip = { extensions: ['.txt'], maxEntryBytes: DEFAULT_METADATA_ENTRY_BYTES, ...options.zip };
  const terceros = new Map<string, TerceroRow>();
  for await (const entry of streamZipEntries(source, { ...zip, only: isTercero })) {
    if ('stream' in entry) {
      try {
        await loadTerceros(entry.stream, terceros);
      } catch (e) {
        entry.stream.destroy();
        yield failure(entry.name, e);
      }
    } else if ('error' in entry) {
      yield { ok: false, file: entry.name, code: entry.error, reason: entry.reason, skipped: false };
    }
  }
  for await (const entry of streamZipEntries(source, { ...zip, only: (name) => !isTercero(name) })) {
    if ('skipped' in entry) {
      yield { ok: false, file: entry.name, code: 'JUNK', reason: entry.skipped, skipped: true };
    } else if ('error' in entry) {
      yield { ok: false, file: entry.name, code: entry.error, reason: entry.reason, skipped: false };
    } else {
      try {
        for await (const items of metadataItemChunks(entry.stream, { terceros })) {
          yield { ok: true, file: entry.name, items };
        }
      } catch (e) {
        entry.stream.destroy();
        const junk = e instanceof CfdiParseError && e.code === 'METADATA_HEADER_INVALID';
        yield junk
          ? { ok: false, file: entry.name, code: 'JUNK', reason: 'not a metadata file', skipped: true }
          : failure(entry.name, e);
      }
    }
  }
}

/** Same as readMetadataPackageChunks, one row (or failure) at a time. */
export async function* readMetadataPackage(
  source: Buffer | string,
  options: { zip?: Partial<ZipLimits> } = {},
): AsyncGenerator<MetadataPackageItem> {
  for await (const chunk of readMetadataPackageChunks(source, options)) {
    if (!chunk.ok) {
      yield chunk;
      continue;
    }
    for (const item of chunk.items) {
      if ('row' in item) yield { ok: true, file: chunk.file, row: item.row };
      else yield { ok: false, file: chunk.file, skipped: false, ...item.rejected };
    }
  }
}

function failure(file: string, e: unknown): PackageFailure {
  if (e instanceof CfdiParseError)
    return { ok: false, file, code: e.code, reason: e.message, skipped: false };
  // Anything else is a bug in this module; record it against the file instead of losing the package.
  return { ok: false, file, code: 'XML_MALFORMED', reason: 'unexpected parser failure', skipped: false };
}
