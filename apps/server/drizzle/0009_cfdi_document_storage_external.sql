-- The document goes to TOAST uncompressed. pglz tried to compress every ~5-7 KB document and
-- saved about 5 % (the seal and certificate are base64, which does not compress), at ~45 µs of
-- server CPU per insert: 7,700-8,000 vs 12,200-13,400 inserts/s on one connection for the same
-- 20,000 documents (bench notes in modules/cfdi/ingestion/README.md). Existing rows keep their
-- current form; only new rows are stored this way.
ALTER TABLE "cfdi_documents" ALTER COLUMN "document" SET STORAGE EXTERNAL;
