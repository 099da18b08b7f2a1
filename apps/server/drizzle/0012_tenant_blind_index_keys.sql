-- drizzle-kit 0.31 emitted the new primary key before the column it names; reordered by hand.
-- Existing rows are data keys: the default keeps them as they were, wrapped with the same AAD.
ALTER TABLE "tenant_data_keys" ADD COLUMN "kind" text DEFAULT 'data' NOT NULL;--> statement-breakpoint
ALTER TABLE "tenant_data_keys" DROP CONSTRAINT "tenant_data_keys_tenant_id_version_pk";--> statement-breakpoint
ALTER TABLE "tenant_data_keys" ADD CONSTRAINT "tenant_data_keys_tenant_id_kind_version_pk" PRIMARY KEY("tenant_id","kind","version");--> statement-breakpoint
ALTER TABLE "tenant_data_keys" ADD CONSTRAINT "tenant_data_keys_kind_check" CHECK ("tenant_data_keys"."kind" IN ('data', 'blind-index'));
