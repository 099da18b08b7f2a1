CREATE TYPE "public"."taxpayer_status" AS ENUM('active', 'removed');--> statement-breakpoint
CREATE TABLE "taxpayers" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"rfc" text NOT NULL,
	"legal_name" text NOT NULL,
	"certificate_serial" text NOT NULL,
	"certificate_sha256" text NOT NULL,
	"valid_from" timestamp with time zone NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"status" "taxpayer_status" DEFAULT 'active' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"removed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "taxpayers" ADD CONSTRAINT "taxpayers_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "taxpayers_tenant_rfc_active_idx" ON "taxpayers" USING btree ("tenant_id","rfc") WHERE "taxpayers"."status" = 'active';--> statement-breakpoint
CREATE INDEX "taxpayers_tenant_idx" ON "taxpayers" USING btree ("tenant_id");