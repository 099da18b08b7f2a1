import type { ParsedCfdiDto } from '@boveda/contracts';
import { appError } from '../../platform/errors/app-error.js';
import { isCfdiParseError, parseCfdi } from './parsing/index.js';

/** Why a document cannot be read, as the parser says it: its stable code first. */
export const unparsable = (e: { code: string; message: string }) =>
  appError('CFDI_UNPARSABLE', `${e.code}: ${e.message}`);

/**
 * `POST /api/v1/cfdi/parse`: one document through the same parser ingestion uses, nothing stored
 * and no tenant data read. The parser's own refusals become CFDI_UNPARSABLE (422).
 */
export function createCfdiParseService() {
  return {
    parseDocument(xml: string | Buffer): ParsedCfdiDto {
      try {
        const { uuid, ...parsed } = parseCfdi(xml);
        // Without allowMissingUuid the parser refuses a document without its UUID (MISSING_UUID).
        return { ...parsed, uuid: uuid!, document: parsed.document as Record<string, unknown> };
      } catch (e) {
        if (isCfdiParseError(e)) throw unparsable(e);
        throw e;
      }
    },
  };
}
export type CfdiParseService = ReturnType<typeof createCfdiParseService>;
