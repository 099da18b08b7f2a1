import { describe, expect, it } from 'vitest';
import { extractPdfImages } from './pdf-images.js';
import { decodeCfdiQr } from './qr.js';
import { fixture } from './testing/fixtures.js';
import { scannedPdf } from './testing/scanned-pdf.js';

describe('extractPdfImages', () => {
  it('returns the page image of a scanned PDF as RGBA, QR decodable without a render', async () => {
    const images = await extractPdfImages(await scannedPdf('cfdiutils-cfdi40-real.pdf', 150), 0);
    expect(images).toHaveLength(1);
    const [image] = images;
    expect(image!.data.length).toBe(image!.width * image!.height * 4);
    expect((await decodeCfdiQr(image!))?.uuid).toBe('C2832671-DA6D-11EF-A83D-00155D012007');
  });

  it('finds none on a vector page (pdfmake draws its QR as paths)', async () => {
    expect(await extractPdfImages(fixture('cfdiutils-cfdi40-real.pdf'), 0)).toEqual([]);
  });
});
