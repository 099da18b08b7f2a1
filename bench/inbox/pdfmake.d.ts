// pdfmake ships no types and @types/pdfmake is not installed; the corpus script only constructs the
// printer and hands it to @nodecfdi/cfdi-to-pdf.
declare module 'pdfmake' {
  const PdfPrinter: new (fonts: Record<string, Record<string, string>>) => unknown;
  export default PdfPrinter;
}
