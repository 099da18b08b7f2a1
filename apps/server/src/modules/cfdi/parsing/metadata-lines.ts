import { TextDecoder } from 'node:util';
import { CfdiParseError } from './errors.js';

export type TextSource = string | Buffer | AsyncIterable<string | Buffer> | Iterable<string | Buffer>;

/** No metadata record comes near this; a longer "line" is a hostile or binary file. */
const MAX_RECORD_CHARS = 1024 * 1024;

async function* chunksOf(source: TextSource): AsyncGenerator<string> {
  if (typeof source === 'string') {
    yield source;
    return;
  }
  // Non-fatal: one bad byte in a name must not cost the other million rows (it becomes U+FFFD).
  const decoder = new TextDecoder('utf-8');
  if (Buffer.isBuffer(source)) {
    yield decoder.decode(source);
    return;
  }
  for await (const chunk of source as AsyncIterable<string | Buffer>) {
    yield typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

/** Records that were complete in one decoded chunk of the text, with their line numbers. */
export interface RecordChunk {
  records: string[];
  lines: number[];
}

/**
 * Records of a SAT metadata text, streamed. SAT writes CRLF line ends but copies bare LFs from
 * CFDI names into fields, so when the first line ends in CRLF records are split on CRLF only and
 * inner LFs are dropped (as phpcfdi's MetadataPreprocessor does). Otherwise LF ends a record.
 * Yields the records completed by each chunk read (blank records skipped): one await per chunk
 * rather than per record, which matters at a million rows.
 */
export async function* metadataRecordChunks(source: TextSource): AsyncGenerator<RecordChunk> {
  let buffer = '';
  let separator: string | null = null;
  let line = 0;
  for await (const chunk of chunksOf(source)) {
    buffer += chunk;
    if (separator === null) {
      const lf = buffer.indexOf('\n');
      if (lf === -1) {
        if (buffer.length > MAX_RECORD_CHARS) throw tooLong();
        continue;
      }
      separator = lf > 0 && buffer.charCodeAt(lf - 1) === 13 ? '\r\n' : '\n';
      if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
    }
    const out: RecordChunk = { records: [], lines: [] };
    let start = 0;
    for (let end = buffer.indexOf(separator, start); end !== -1; end = buffer.indexOf(separator, start)) {
      line++;
      const record = clean(buffer.slice(start, end), separator);
      if (record !== '') {
        out.records.push(record);
        out.lines.push(line);
      }
      start = end + separator.length;
    }
    buffer = buffer.slice(start);
    if (buffer.length > MAX_RECORD_CHARS) throw tooLong();
    if (out.records.length > 0) yield out;
  }
  if (buffer.charCodeAt(0) === 0xfeff) buffer = buffer.slice(1);
  const last = clean(buffer, separator ?? '\n');
  if (last !== '') yield { records: [last], lines: [line + 1] };
}

function clean(record: string, separator: string): string {
  if (separator === '\r\n') return record.includes('\n') ? record.replaceAll('\n', '') : record;
  return record.endsWith('\r') ? record.slice(0, -1) : record;
}

const tooLong = () =>
  new CfdiParseError('METADATA_ROW_INVALID', `a metadata line is longer than ${MAX_RECORD_CHARS} characters`);
