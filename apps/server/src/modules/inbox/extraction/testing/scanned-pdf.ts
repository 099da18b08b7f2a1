import { PDFDocument } from 'pdf-lib';
import { renderPdfPage } from '../pdf-render.js';
import { fixture } from './fixtures.js';

/** An image-only PDF of a fixture: its page 1 rendered to PNG and embedded in a new PDF. */
export async function scannedPdf(file: string, dpi = 150): Promise<Uint8Array> {
  const { png, width, height } = await renderPdfPage(fixture(file), 0, dpi);
  const pdf = await PDFDocument.create();
  const image = await pdf.embedPng(png);
  // Back to the page's size in points, so the image fills the page as a scan would.
  const size: [number, number] = [(width * 72) / dpi, (height * 72) / dpi];
  pdf.addPage(size).drawImage(image, { x: 0, y: 0, width: size[0], height: size[1] });
  return pdf.save();
}
