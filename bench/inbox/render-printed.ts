/**
 * The printed representation of a CFDI XML, rendered offline with @nodecfdi/cfdi-to-pdf 1.6.0
 * (pdfmake) and Debian's DejaVu fonts: what both corpus scripts start from. Dev-time only.
 */
import { existsSync } from 'node:fs';
import { CfdiData, GenericCfdiTranslator, installPdfMake, PdfMakerBuilder } from '@nodecfdi/cfdi-to-pdf';
import { install, XmlNodeUtils } from '@nodecfdi/cfdiutils-common';
import { DOMImplementation, DOMParser, XMLSerializer } from '@xmldom/xmldom';
import PdfPrinter from 'pdfmake';

const FONTS = '/usr/share/fonts/truetype/dejavu';
let installed = false;

function installRenderer(): void {
  if (installed) return;
  if (!existsSync(`${FONTS}/DejaVuSans.ttf`)) {
    throw new Error(`DejaVu fonts missing in ${FONTS}: apt-get install -y fonts-dejavu-core`);
  }
  install(new DOMParser(), new XMLSerializer(), new DOMImplementation());
  installPdfMake(
    new PdfPrinter({
      Roboto: {
        normal: `${FONTS}/DejaVuSans.ttf`,
        bold: `${FONTS}/DejaVuSans-Bold.ttf`,
        italics: `${FONTS}/DejaVuSans-Oblique.ttf`,
        bolditalics: `${FONTS}/DejaVuSans-BoldOblique.ttf`,
      },
    }),
  );
  installed = true;
}

/** The PDF's bytes (build(data, path) resolves before its file stream is flushed: not used). */
export async function renderPrinted(xml: string): Promise<Buffer> {
  installRenderer();
  const data = new CfdiData(XmlNodeUtils.nodeFromXmlString(xml), null, null);
  return Buffer.from(await new PdfMakerBuilder(new GenericCfdiTranslator()).buildBase64(data), 'base64');
}
