CREATE TABLE "sat_packages" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"sat_package_id" text NOT NULL,
	"kind" text NOT NULL,
	"state" text DEFAULT 'pending' NOT NULL,
	"storage_key" text NOT NULL,
	"size" bigint,
	"sha256" text,
	"download_attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"stored_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "sat_request_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"request_id" uuid NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	"type" text NOT NULL,
	"operation" text,
	"from_state" text,
	"to_state" text,
	"sat_code" integer,
	"sat_message" text,
	"message" text NOT NULL,
	"detail" jsonb
);
--> statement-breakpoint
CREATE TABLE "sat_requests" (
	"id" uuid PRIMARY KEY DEFAULT gen_random_uuid() NOT NULL,
	"tenant_id" uuid NOT NULL,
	"taxpayer_id" uuid,
	"rfc" text NOT NULL,
	"kind" text NOT NULL,
	"direction" text,
	"period_start" text,
	"period_end" text,
	"filters" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"folio" text,
	"params_hash" text NOT NULL,
	"state" text NOT NULL,
	"origin" text NOT NULL,
	"sat_request_id" text,
	"sat_status_code" integer,
	"sat_status_message" text,
	"sat_request_state" integer,
	"sat_request_code" integer,
	"cfdi_count" integer,
	"replaces_id" uuid,
	"replaced_by_id" uuid,
	"split_from_id" uuid,
	"attempts" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"needs_attention_reason" text,
	"submitted_at" timestamp with time zone,
	"last_verified_at" timestamp with time zone,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sat_packages" ADD CONSTRAINT "sat_packages_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sat_packages" ADD CONSTRAINT "sat_packages_request_id_sat_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."sat_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sat_request_events" ADD CONSTRAINT "sat_request_events_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sat_request_events" ADD CONSTRAINT "sat_request_events_request_id_sat_requests_id_fk" FOREIGN KEY ("request_id") REFERENCES "public"."sat_requests"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sat_requests" ADD CONSTRAINT "sat_requests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sat_packages_tenant_package_idx" ON "sat_packages" USING btree ("tenant_id","sat_package_id");--> statement-breakpoint
CREATE INDEX "sat_packages_request_idx" ON "sat_packages" USING btree ("request_id");--> statement-breakpoint
CREATE INDEX "sat_request_events_request_idx" ON "sat_request_events" USING btree ("request_id","id");--> statement-breakpoint
CREATE INDEX "sat_requests_tenant_rfc_idx" ON "sat_requests" USING btree ("tenant_id","rfc","created_at");--> statement-breakpoint
CREATE INDEX "sat_requests_state_idx" ON "sat_requests" USING btree ("state");--> statement-breakpoint
CREATE UNIQUE INDEX "sat_requests_active_params_idx" ON "sat_requests" USING btree ("tenant_id","params_hash") WHERE state in ('pending','accepted','in_progress','ready') and replaces_id is null;