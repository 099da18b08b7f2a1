CREATE TABLE "pac_invoices" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"tipo" text NOT NULL,
	"issuer_rfc" text NOT NULL,
	"receptor_rfc" text NOT NULL,
	"receptor_nombre" text NOT NULL,
	"fecha" text NOT NULL,
	"moneda" text NOT NULL,
	"request" jsonb NOT NULL,
	"amounts" jsonb NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"pac_job_id" text,
	"uuid" text,
	"serie" text,
	"folio" text,
	"xml_key" text,
	"pdf_key" text,
	"error_code" text,
	"error_message" text,
	"cancellation_status" text DEFAULT 'none' NOT NULL,
	"cancel_motivo" text,
	"cancel_substitute" text,
	"cancel_requested_at" timestamp with time zone,
	"cancel_resolved_at" timestamp with time zone,
	"cancel_error" text,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"stamped_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "pac_invoices" ADD CONSTRAINT "pac_invoices_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pac_invoices_tenant_idx" ON "pac_invoices" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "pac_invoices_uuid_uq" ON "pac_invoices" USING btree ("tenant_id","uuid");