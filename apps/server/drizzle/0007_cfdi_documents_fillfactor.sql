-- Every CFDI row is updated once when its metadata arrives (status unknown -> vigente/cancelado).
-- The full document lives in TOAST, so heap rows are small; leaving 30 % of each heap page free
-- lets that update be HOT (same page, no new index entries), which is most of its cost.
ALTER TABLE "cfdi_documents" SET (fillfactor = 70);
