import { createRequire } from 'node:module';
import {
  CfdiData,
  GenericCfdiTranslator,
  GenericRetencionesTranslator,
  installPdfMake,
  PdfMakerBuilder,
  RetencionesData,
} from '@nodecfdi/cfdi-to-pdf';
import { install, XmlNodeUtils } from '@nodecfdi/cfdiutils-common';
import { DOMImplementation, DOMParser, XMLSerializer } from '@xmldom/xmldom';
import { decodeXml } from '../parsing/index.js';

/** Bumped when the layout or the library changes, so cached PDFs are rendered again. */
export const PDF_RENDERER_VERSION = 'v1';

let installed = false;

/**
 * pdfmake's own Roboto, from its npm package (`build/vfs_fonts.js`, base64 TTFs): read from
 * node_modules, never downloaded, the same on every machine (no system fonts needed).
 */
function installRenderer(): void {
  if (installed) return;
  const require = createRequire(import.meta.url);
  // pdfmake 0.2 ships no types: its printer is only built here and handed to cfdi-to-pdf.
  const PdfPrinter = require('pdfmake') as new (
    fonts: Record<string, Record<string, Buffer>>,
  ) => Parameters<typeof installPdfMake>[0];
  const vfs = require('pdfmake/build/vfs_fonts.js') as Record<string, string>;
  const font = (name: string) => {
    const base64 = vfs[name];
    if (!base64) throw new Error(`pdfmake's ${name} is missing`);
    return Buffer.from(base64, 'base64');
  };
  // The web's typecheck (which sees this file through the browser tests) types these as the DOM's.
  type Dom = Parameters<typeof install>;
  install(
    new DOMParser() as unknown as Dom[0],
    new XMLSerializer() as unknown as Dom[1],
    new DOMImplementation() as unknown as Dom[2],
  );
  installPdfMake(
    new PdfPrinter({
      Roboto: {
        normal: font('Roboto-Regular.ttf'),
        bold: font('Roboto-Medium.ttf'),
        italics: font('Roboto-Italic.ttf'),
        bolditalics: font('Roboto-MediumItalic.ttf'),
      },
    }),
  );
  installed = true;
}

/**
 * The printed representation of a stamped CFDI (3.3/4.0, any tipo, nómina and pagos included) or a
 * Retenciones, with @nodecfdi/cfdi-to-pdf's generic layout. The bytes are decoded as the parser
 * decodes them (a BOM or another declared encoding would break the DOM parser). Throws when the
 * document lacks what the layout needs (a timbre, an emisor).
 */
export async function renderCfdiPdf(xml: Buffer, kind: string): Promise<Buffer> {
  installRenderer();
  const node = XmlNodeUtils.nodeFromXmlString(decodeXml(xml));
  const base64 =
    kind === 'retenciones'
      ? await new PdfMakerBuilder(new GenericRetencionesTranslator()).buildBase64(
          new RetencionesData(node, null, null),
        )
      : await new PdfMakerBuilder(new GenericCfdiTranslator()).buildBase64(new CfdiData(node, null, null));
  return Buffer.from(base64, 'base64');
}
