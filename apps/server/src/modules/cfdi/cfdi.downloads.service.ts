import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import type { ObjectStore } from '../../platform/storage/index.js';
import { ObjectNotFoundError } from '../../platform/storage/index.js';
import { zipStream } from '../../platform/tabular/zip-stream.js';
import type { Actor, AuditRecorder } from '../audit/index.js';
import { createOriginalXmlReader, type OriginalXmlReader } from './cfdi.original-xml.js';
import { cfdiSearchErrors } from './cfdi.search.errors.js';
import type { CfdiSearchRepository, PageRequest } from './cfdi.search.repository.js';
import type { CfdiFilters, SortSpec } from './cfdi.search.sql.js';
import { entryBaseName, zipFileName } from './export/xml-zip.js';
import { PDF_RENDERER_VERSION, renderCfdiPdf } from './pdf/cfdi-pdf.js';

/** Rows per keyset query while zipping, as the CSV export: one query for their sources too. */
const ZIP_BATCH = 2_000;

export interface DownloadLimits {
  /** Most CFDI in one ZIP (CFDI_ZIP_MAX_DOCUMENTS). */
  zipMaxDocuments: number;
  /** Most CFDI in one ZIP with PDFs (CFDI_ZIP_MAX_PDF): each is rendered on the request's CPU. */
  zipMaxPdf: number;
}

export const DEFAULT_DOWNLOAD_LIMITS: DownloadLimits = { zipMaxDocuments: 50_000, zipMaxPdf: 1_000 };

async function bytesOf(body: NodeJS.ReadableStream | Buffer): Promise<Buffer> {
  if (Buffer.isBuffer(body)) return body;
  const chunks: Buffer[] = [];
  for await (const chunk of body) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk));
  return Buffer.concat(chunks);
}

const reasonOf = (e: unknown) =>
  e && typeof e === 'object' && 'code' in e && typeof e.code === 'string' ? e.code : 'ERROR';

/**
 * What leaves the vault as files: a search's original XML as one streamed ZIP (PDFs beside them on
 * request) and one CFDI's PDF. PDFs are cached in object storage after the first rendering, under
 * the tenant and the renderer's version.
 */
export function createCfdiDownloadService(deps: {
  repo: CfdiSearchRepository;
  storage: ObjectStore;
  audit: AuditRecorder;
  limits?: DownloadLimits;
}) {
  const { repo, storage, audit } = deps;
  const limits = deps.limits ?? DEFAULT_DOWNLOAD_LIMITS;
  const pdfKey = (tenantId: string, uuid: string) =>
    `tenants/${tenantId}/cfdi/pdf/${PDF_RENDERER_VERSION}/${uuid}.pdf`;

  /** The cached PDF, or a fresh rendering stored for next time. */
  async function pdfOf(tenantId: string, uuid: string, kind: string, xml: () => Promise<Buffer>) {
    try {
      return await storage.getBuffer(pdfKey(tenantId, uuid));
    } catch (e) {
      if (!(e instanceof ObjectNotFoundError)) throw e;
    }
    let pdf: Buffer;
    try {
      pdf = await renderCfdiPdf(await xml(), kind);
    } catch (cause) {
      if (cause && typeof cause === 'object' && 'code' in cause && String(cause.code).startsWith('CFDI_')) {
        throw cause;
      }
      throw cfdiSearchErrors('CFDI_PDF_FAILED', undefined, { cause });
    }
    // Rendering is 50–400 ms of synchronous CPU: let other requests run before the next one.
    await yieldToEventLoop();
    await storage.put(pdfKey(tenantId, uuid), pdf, { contentType: 'application/pdf' });
    return pdf;
  }

  /** Every row of the search, batch by batch, with where its XML is. */
  async function* documents(tenantId: string, filters: CfdiFilters, sort: SortSpec) {
    let req: PageRequest = { sort, limit: ZIP_BATCH };
    for (;;) {
      const page = await repo.searchCfdi(tenantId, filters, req);
      const sources = await repo.getCfdiSources(
        tenantId,
        page.items.map((i) => i.uuid),
      );
      for (const item of page.items) yield { item, source: sources.get(item.uuid) ?? null };
      if (!page.next) return;
      req = { sort, limit: ZIP_BATCH, after: page.next };
    }
  }

  async function* entries(
    tenantId: string,
    filters: CfdiFilters,
    sort: SortSpec,
    pdf: boolean,
    read: OriginalXmlReader,
  ) {
    // A CFDI whose XML cannot be read does not spoil the other thousands: it is listed at the end.
    const missing: string[] = [];
    for await (const { item, source } of documents(tenantId, filters, sort)) {
      const name = entryBaseName(item);
      let xml: Buffer;
      try {
        xml = await bytesOf(await read(source ?? { objectKey: null, entry: null }));
      } catch (e) {
        missing.push(`${item.uuid.toUpperCase()}\tXML\t${reasonOf(e)}`);
        continue;
      }
      yield { name: `${name}.xml`, chunks: [xml] };
      if (!pdf) continue;
      try {
        yield { name: `${name}.pdf`, chunks: [await pdfOf(tenantId, item.uuid, item.kind, async () => xml)] };
      } catch (e) {
        missing.push(`${item.uuid.toUpperCase()}\tPDF\t${reasonOf(e)}`);
      }
    }
    if (missing.length > 0) {
      const text = [
        'Archivos que no se incluyeron en este ZIP (UUID, archivo, motivo):',
        ...missing,
        '',
      ].join('\r\n');
      yield { name: 'NO_INCLUIDOS.txt', chunks: [text] };
    }
  }

  return {
    /**
     * The ZIP of a search (or of the selected rows within it): checked against the cap and audited
     * before the first byte, then streamed entry by entry (one CFDI in memory at a time).
     */
    async zip(
      tenantId: string,
      actor: Actor,
      filters: CfdiFilters,
      sort: SortSpec,
      opts: { pdf: boolean },
    ): Promise<{ fileName: string; chunks: AsyncIterable<Buffer>; count: number }> {
      const count = await repo.countCfdi(tenantId, filters);
      const max = opts.pdf ? Math.min(limits.zipMaxDocuments, limits.zipMaxPdf) : limits.zipMaxDocuments;
      if (count > max) {
        throw cfdiSearchErrors(
          'CFDI_ZIP_TOO_LARGE',
          `The search has ${count} CFDI; one ZIP holds at most ${max}${opts.pdf ? ' with PDF' : ''}.`,
        );
      }
      await audit.record({
        tenantId,
        actor,
        action: 'cfdi.exported',
        target: { type: 'cfdi_export', id: 'zip' },
        metadata: {
          format: 'zip',
          filters: { ...filters, uuids: filters.uuids?.length },
          sort: `${sort.field}.${sort.order}`,
          pdf: opts.pdf,
          count,
        },
      });
      const read = createOriginalXmlReader(storage);
      return {
        fileName: zipFileName(filters),
        count,
        chunks: zipStream(entries(tenantId, filters, sort, opts.pdf, read)),
      };
    },

    /** One CFDI's PDF (404 as its XML for an unknown or another tenant's UUID). */
    async pdf(tenantId: string, uuid: string): Promise<Buffer> {
      const id = uuid.toLowerCase();
      const source = await repo.getCfdiSource(tenantId, id);
      if (!source) throw cfdiSearchErrors('CFDI_NOT_FOUND');
      const read = createOriginalXmlReader(storage, 1);
      return pdfOf(tenantId, id, source.kind, async () => bytesOf(await read(source)));
    },
  };
}

export type CfdiDownloadService = ReturnType<typeof createCfdiDownloadService>;
