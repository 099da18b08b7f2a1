-- The full CFDI document is only ever returned whole (search and filters use the normalized
-- columns), so jsonb's binary conversion on every insert is wasted work: json only validates the
-- text and stores it as written (docs/adr/0002-cfdi-document-json.md).
ALTER TABLE "cfdi_documents" ALTER COLUMN "document" SET DATA TYPE json USING "document"::json;
