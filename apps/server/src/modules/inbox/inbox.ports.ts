import type { InvoiceFailureCode, InvoicePreview } from '@boveda/contracts';
import type { FileKind } from './file-kind.js';

/** What reading one file gave: a preview with sources and confidences, or why it cannot be read. */
export type ExtractionOutcome =
  | {
      ok: true;
      extraction: 'xml' | 'pdf-text' | 'pdf-image' | 'image';
      preview: InvoicePreview;
      /** The text read (PDF text layer or OCR), capped at 20,000 characters; absent for XML. */
      text?: string;
      /** Pages or photos OCR read (what the plan's monthly OCR pages count). */
      ocrPages?: number;
      /** Pages OCR would have read, left unread because `ocr` was false. */
      ocrSkipped?: number;
    }
  | { ok: false; code: InvoiceFailureCode; message: string };

/** The extraction pipeline (XML, PDF text, QR, OCR), run off the event loop. */
export interface InvoiceExtractor {
  /** `ocr: false` reads the text layer and the QR only (the plan's OCR pages ran out). */
  extract(input: { bytes: Buffer; kind: FileKind; ocr?: boolean }): Promise<ExtractionOutcome>;
  /** A CFDI's XML read as the vault's copy: the same preview, every source `sat`. */
  previewOfVaultXml(xml: Buffer): InvoicePreview;
  /** Format, arithmetic and agreement checks, run again after a person's edits. */
  recheck(preview: InvoicePreview): InvoicePreview['checks'];
  close?(): Promise<void>;
}

/** What the inbox needs from the vault (the cfdi module). */
export interface VaultPort {
  /** The stored XML of a CFDI of the organization, or null when the vault does not have it. */
  xmlOf(tenantId: string, uuid: string): Promise<Buffer | null>;
  register(req: {
    tenantId: string;
    xml: Buffer;
    objectKey: string;
  }): Promise<{ uuid: string; stored: boolean }>;
}

/** The organization's own RFCs (its taxpayers), to tell issued from received. */
export interface OwnRfcsPort {
  ownRfcs(tenantId: string): Promise<Set<string>>;
}

/** The organization's accounting catalogue (the catalog module): is a code an active entry? */
export interface CatalogCodesPort {
  activeCodes(tenantId: string, kind: 'category' | 'account', codes: string[]): Promise<Set<string>>;
}
