CREATE TABLE "catalog_entries" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"code" text NOT NULL,
	"name" text NOT NULL,
	"parent_code" text,
	"sat_code" text,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "invoice_suggestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"invoice_id" uuid NOT NULL,
	"supplier_rfc" text NOT NULL,
	"kind" text NOT NULL,
	"field" text NOT NULL,
	"value" text NOT NULL,
	"source" text DEFAULT 'rules' NOT NULL,
	"matching" integer NOT NULL,
	"of" integer NOT NULL,
	"status" text DEFAULT 'offered' NOT NULL,
	"decided_by" text,
	"decided_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "category_code" text;--> statement-breakpoint
ALTER TABLE "invoices" ADD COLUMN "account_code" text;--> statement-breakpoint
ALTER TABLE "catalog_entries" ADD CONSTRAINT "catalog_entries_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_suggestions" ADD CONSTRAINT "invoice_suggestions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invoice_suggestions" ADD CONSTRAINT "invoice_suggestions_invoice_id_invoices_id_fk" FOREIGN KEY ("invoice_id") REFERENCES "public"."invoices"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "catalog_entries_tenant_kind_code_idx" ON "catalog_entries" USING btree ("tenant_id","kind","code");--> statement-breakpoint
CREATE INDEX "catalog_entries_tenant_active_idx" ON "catalog_entries" USING btree ("tenant_id","active");--> statement-breakpoint
CREATE UNIQUE INDEX "invoice_suggestions_invoice_field_value_idx" ON "invoice_suggestions" USING btree ("invoice_id","field","value");--> statement-breakpoint
CREATE INDEX "invoice_suggestions_tenant_supplier_idx" ON "invoice_suggestions" USING btree ("tenant_id","supplier_rfc","field","value");--> statement-breakpoint
CREATE INDEX "invoice_suggestions_tenant_kind_idx" ON "invoice_suggestions" USING btree ("tenant_id","kind","status");--> statement-breakpoint
CREATE INDEX "invoices_tenant_emisor_processed_idx" ON "invoices" USING btree ("tenant_id","emisor_rfc","processed_at" DESC NULLS LAST);