import { PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { MAX_RENDER_PIXELS, renderPdfPage } from './pdf-render.js';
import { fixture } from './testing/fixtures.js';

describe('renderPdfPage', () => {
  it('renders a page to PNG at the asked dpi', async () => {
    const { png, width, height } = await renderPdfPage(fixture('cfdiutils-cfdi40-real.pdf'), 0, 100);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    // pdfmake's default A4 (595.28 × 841.89 pt) at 100 dpi.
    expect([width, height]).toEqual([826, 1169]);
  });

  it('caps a 200-inch page at MAX_RENDER_PIXELS instead of allocating gigabytes', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage([14_400, 14_400]);
    const { width, height } = await renderPdfPage(await pdf.save(), 0, 300);
    expect(width * height).toBeLessThanOrEqual(MAX_RENDER_PIXELS);
    expect(width).toBeGreaterThan(4000);
  });

  it('refuses a page that does not exist', async () => {
    await expect(renderPdfPage(fixture('cfdiutils-cfdi40-real.pdf'), 3, 100)).rejects.toThrow(RangeError);
  });
});
