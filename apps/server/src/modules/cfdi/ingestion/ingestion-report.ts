import type { IngestionCounts } from '../cfdi.repository.js';

/** Rejections kept on the ingestion row; every one is counted, only the first ones are stored. */
export const REJECTION_SAMPLE = 100;
const REASON_CHARS = 300;

/** Counts of one package as it streams through; see README for what each number means. */
export class IngestionReport {
  read = 0;
  stored = 0;
  duplicates = 0;
  rejected = 0;
  skippedEntries = 0;
  readonly rejections: IngestionCounts['rejections'] = [];
  private readonly started = performance.now();

  skip(): void {
    this.skippedEntries++;
  }

  reject(file: string, code: string, reason: string): void {
    this.read++;
    this.rejected++;
    if (this.rejections.length < REJECTION_SAMPLE)
      this.rejections.push({ file, code, reason: reason.slice(0, REASON_CHARS) });
  }

  /** A batch of `rows` readable records, `stored` of them new and `failed` refused by the database. */
  batch(rows: number, stored: number, failed: number): void {
    this.read += rows - failed;
    this.stored += stored;
    this.duplicates += rows - stored - failed;
  }

  counts(): IngestionCounts {
    return {
      read: this.read,
      stored: this.stored,
      duplicates: this.duplicates,
      rejected: this.rejected,
      skippedEntries: this.skippedEntries,
      rejections: this.rejections,
      durationMs: Math.round(performance.now() - this.started),
    };
  }
}
