import type { CfdiRepository } from '../cfdi.repository.js';
import { parseCfdi } from '../parsing/index.js';
import type { TipoComprobante } from '../parsing/types.js';
import { appendDocumentRow, type Param } from './document-row.js';

export interface RegisterDocumentRequest {
  tenantId: string;
  /** The CFDI's XML, as received. */
  xml: Buffer;
  /** Where its bytes are kept in object storage (the original XML is served from there). */
  objectKey: string;
  /** The entry inside the zip at `objectKey`; null (default) when the object is the XML itself. */
  entry?: string | null;
}

export interface RegisteredDocument {
  uuid: string;
  /** False when the organization already had this UUID (nothing was changed). */
  stored: boolean;
  ingestionId: string;
  tipo: TipoComprobante | null;
  emisorRfc: string | null;
  receptorRfc: string | null;
  total: string | null;
  fecha: string | null;
}

/**
 * One CFDI from one source (an inbox upload, a CFDI the PAC stamped): parsed with the same parser,
 * stored through the same insert and recorded as an ingestion of one document, so the explorer, the
 * exports and the original-XML download treat it like any CFDI from the SAT. Throws CfdiParseError
 * (with its code) when the XML is not a stamped CFDI; nothing is written then.
 */
export async function registerDocument(
  repo: CfdiRepository,
  req: RegisterDocumentRequest,
): Promise<RegisteredDocument> {
  const cfdi = parseCfdi(req.xml);
  const started = Date.now();
  const ingestionId = await repo.startIngestion({
    tenantId: req.tenantId,
    kind: 'cfdi',
    sourceObjectKey: req.objectKey,
    satPackageId: null,
  });
  const params: Param[] = [];
  appendDocumentRow(params, cfdi, req.entry ?? null);
  const writer = await repo.openWriter();
  let result: Awaited<ReturnType<typeof writer.insertDocuments>>;
  try {
    result = await writer.insertDocuments(
      { tenantId: req.tenantId, ingestionId, objectKey: req.objectKey },
      params,
    );
  } finally {
    await writer.release();
  }
  const refused = result.failures[0]?.reason ?? null;
  await repo.finishIngestion(
    ingestionId,
    {
      read: 1,
      stored: result.stored,
      duplicates: refused ? 0 : 1 - result.stored,
      rejected: refused ? 1 : 0,
      skippedEntries: 0,
      rejections: refused
        ? [{ file: req.entry ?? req.objectKey, code: 'STORE_REFUSED', reason: refused }]
        : [],
      durationMs: Date.now() - started,
    },
    refused,
  );
  if (refused) throw new Error(`the CFDI could not be stored: ${refused}`);
  return {
    uuid: cfdi.uuid!,
    stored: result.stored === 1,
    ingestionId,
    tipo: cfdi.tipo,
    emisorRfc: cfdi.emisor.rfc,
    receptorRfc: cfdi.receptor.rfc,
    total: cfdi.total,
    fecha: cfdi.fecha,
  };
}
