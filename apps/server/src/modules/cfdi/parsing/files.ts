import { readFile, stat } from 'node:fs/promises';
import { DEFAULT_MAX_XML_BYTES } from './decode.js';
import { CfdiParseError } from './errors.js';
import { parseCfdi } from './parse-cfdi.js';
import type { CfdiFields } from './types.js';

export type CfdiFileLine = ({ file: string } & CfdiFields) | { file: string; error: string; message: string };

/**
 * One line object per file for `boveda cfdi parse <files…>`: the normalized fields (the full
 * document is left out to keep lines readable) or the error code. Never throws for a bad file.
 */
export async function* parseCfdiFiles(
  paths: Iterable<string> | AsyncIterable<string>,
  options: { maxBytes?: number } = {},
): AsyncGenerator<CfdiFileLine> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_XML_BYTES;
  for await (const file of paths) {
    try {
      const info = await stat(file).catch((cause) => {
        throw new CfdiParseError(
          'FILE_UNREADABLE',
          `cannot read ${file}: ${(cause as NodeJS.ErrnoException).code ?? 'error'}`,
        );
      });
      if (!info.isFile()) throw new CfdiParseError('FILE_UNREADABLE', `${file} is not a regular file`);
      if (info.size > maxBytes) {
        throw new CfdiParseError(
          'FILE_TOO_LARGE',
          `the file has ${info.size} bytes; the limit is ${maxBytes}`,
        );
      }
      const { document: _document, ...fields } = parseCfdi(await readFile(file), { maxBytes });
      yield { file, ...fields };
    } catch (e) {
      if (e instanceof CfdiParseError) yield { file, error: e.code, message: e.message };
      else yield { file, error: 'FILE_UNREADABLE', message: 'unexpected failure reading the file' };
    }
  }
}
