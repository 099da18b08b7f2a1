-- A metadata file holds up to 1,000,000 rows; the row-level foreign-key trigger on tenant_id
-- (a locking lookup of the tenant per row) was ~22 % of the upsert's server time. The ingestion
-- now checks and locks the tenant once per batch (SELECT … FROM tenants … FOR KEY SHARE in the
-- batch's transaction), and deleting a tenant still deletes its metadata, by this trigger
-- (docs/adr/0004-cfdi-metadata-tenant-check-per-batch.md).
ALTER TABLE "cfdi_metadata" DROP CONSTRAINT "cfdi_metadata_tenant_id_tenants_id_fk";--> statement-breakpoint
CREATE FUNCTION cfdi_metadata_delete_tenant_rows() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  DELETE FROM cfdi_metadata WHERE tenant_id = OLD.id;
  RETURN OLD;
END;
$$;--> statement-breakpoint
CREATE TRIGGER tenants_delete_cfdi_metadata AFTER DELETE ON tenants
  FOR EACH ROW EXECUTE FUNCTION cfdi_metadata_delete_tenant_rows();
