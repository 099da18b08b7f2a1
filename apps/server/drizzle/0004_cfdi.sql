CREATE TABLE "cfdi_documents" (
	"tenant_id" uuid NOT NULL,
	"uuid" uuid NOT NULL,
	"kind" text NOT NULL,
	"version" text NOT NULL,
	"tipo" text,
	"serie" text,
	"folio" text,
	"issued_at" timestamp,
	"certified_at" timestamp,
	"rfc_pac" text,
	"emisor_rfc" text,
	"emisor_nombre" text,
	"emisor_regimen" text,
	"receptor_rfc" text,
	"receptor_nombre" text,
	"receptor_regimen" text,
	"receptor_uso_cfdi" text,
	"receptor_domicilio" text,
	"moneda" text,
	"tipo_cambio" numeric(24, 6),
	"subtotal" numeric(24, 6),
	"descuento" numeric(24, 6),
	"total" numeric(24, 6),
	"traslados_isr" numeric(24, 6),
	"traslados_iva" numeric(24, 6),
	"traslados_ieps" numeric(24, 6),
	"retenciones_isr" numeric(24, 6),
	"retenciones_iva" numeric(24, 6),
	"retenciones_ieps" numeric(24, 6),
	"metodo_pago" text,
	"forma_pago" text,
	"complementos" text[] DEFAULT '{}'::text[] NOT NULL,
	"related" jsonb,
	"payments" jsonb,
	"nomina" jsonb,
	"status" text DEFAULT 'unknown' NOT NULL,
	"cancelled_at" timestamp,
	"document" jsonb NOT NULL,
	"source_object_key" text,
	"source_entry" text,
	"ingestion_id" uuid,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cfdi_documents_tenant_id_uuid_pk" PRIMARY KEY("tenant_id","uuid")
);
--> statement-breakpoint
CREATE TABLE "cfdi_ingestions" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"source_object_key" text NOT NULL,
	"sat_package_id" uuid,
	"state" text DEFAULT 'running' NOT NULL,
	"read" integer DEFAULT 0 NOT NULL,
	"stored" integer DEFAULT 0 NOT NULL,
	"duplicates" integer DEFAULT 0 NOT NULL,
	"rejected" integer DEFAULT 0 NOT NULL,
	"skipped_entries" integer DEFAULT 0 NOT NULL,
	"rejections" jsonb,
	"error" text,
	"duration_ms" bigint,
	"complete" boolean DEFAULT false NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "cfdi_metadata" (
	"tenant_id" uuid NOT NULL,
	"uuid" uuid NOT NULL,
	"emisor_rfc" text,
	"emisor_nombre" text,
	"receptor_rfc" text,
	"receptor_nombre" text,
	"rfc_pac" text,
	"issued_at" timestamp,
	"certified_at" timestamp,
	"monto" numeric(24, 6),
	"efecto" text,
	"status" text NOT NULL,
	"cancelled_at" timestamp,
	"tercero_rfc" text,
	"tercero_nombre" text,
	"extras" jsonb,
	"ingestion_id" uuid,
	"ingested_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "cfdi_metadata_tenant_id_uuid_pk" PRIMARY KEY("tenant_id","uuid")
);
--> statement-breakpoint
ALTER TABLE "cfdi_documents" ADD CONSTRAINT "cfdi_documents_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cfdi_ingestions" ADD CONSTRAINT "cfdi_ingestions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cfdi_metadata" ADD CONSTRAINT "cfdi_metadata_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cfdi_documents_emisor_idx" ON "cfdi_documents" USING btree ("tenant_id","emisor_rfc","issued_at");--> statement-breakpoint
CREATE INDEX "cfdi_documents_receptor_idx" ON "cfdi_documents" USING btree ("tenant_id","receptor_rfc","issued_at");--> statement-breakpoint
CREATE INDEX "cfdi_documents_issued_idx" ON "cfdi_documents" USING btree ("tenant_id","issued_at");--> statement-breakpoint
CREATE INDEX "cfdi_ingestions_source_idx" ON "cfdi_ingestions" USING btree ("tenant_id","source_object_key");--> statement-breakpoint
CREATE INDEX "cfdi_metadata_emisor_idx" ON "cfdi_metadata" USING btree ("tenant_id","emisor_rfc","issued_at");--> statement-breakpoint
CREATE INDEX "cfdi_metadata_receptor_idx" ON "cfdi_metadata" USING btree ("tenant_id","receptor_rfc","issued_at");