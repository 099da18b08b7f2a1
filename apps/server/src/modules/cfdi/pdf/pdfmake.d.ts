// pdfmake 0.2 ships no types (and @types/pdfmake is not installed): the printer is only built here
// and handed to @nodecfdi/cfdi-to-pdf, which declares what it needs.
declare module 'pdfmake' {
  type FontFile = string | Buffer;
  const PdfPrinter: new (
    fonts: Record<string, { normal: FontFile; bold: FontFile; italics: FontFile; bolditalics: FontFile }>,
  ) => unknown;
  export default PdfPrinter;
}
