CREATE TABLE "clients" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"name" text NOT NULL,
	"rfc" text,
	"email" "bytea" NOT NULL,
	"email_index" "bytea" NOT NULL,
	"phone" "bytea",
	"address" "bytea",
	"fiscal_regime" text,
	"postal_code" text,
	"cfdi_use" text,
	"order_count" integer DEFAULT 0 NOT NULL,
	"archived_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "order_returns" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"number" text NOT NULL,
	"reason_code" text NOT NULL,
	"note" text NOT NULL,
	"items" jsonb NOT NULL,
	"total" numeric(18, 2) NOT NULL,
	"returned_at" timestamp with time zone NOT NULL,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"credit_note_invoice_id" uuid,
	"credit_note_uuid" text,
	"credit_note_status" text,
	"credit_note_pending" boolean DEFAULT false NOT NULL,
	CONSTRAINT "order_returns_note_ck" CHECK (length(trim("order_returns"."note")) > 0)
);
--> statement-breakpoint
CREATE TABLE "order_transitions" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "order_transitions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"tenant_id" uuid NOT NULL,
	"order_id" uuid NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"actor_type" text NOT NULL,
	"actor_id" text,
	"actor_label" text,
	"note" text,
	"request_id" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "orders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"number" text NOT NULL,
	"client_id" uuid NOT NULL,
	"status" text DEFAULT 'received' NOT NULL,
	"return_status" text DEFAULT 'none' NOT NULL,
	"lines" jsonb NOT NULL,
	"subtotal" numeric(18, 2) NOT NULL,
	"taxes" numeric(18, 2) NOT NULL,
	"withheld" numeric(18, 2) NOT NULL,
	"total" numeric(18, 2) NOT NULL,
	"returned_total" numeric(18, 2) DEFAULT '0' NOT NULL,
	"notes" text,
	"carrier" text,
	"tracking_number" text,
	"cancel_reason" text,
	"invoice_id" uuid,
	"invoice_uuid" text,
	"invoice_status" text,
	"invoicing" jsonb,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"shipped_at" timestamp with time zone,
	"delivered_at" timestamp with time zone,
	"returned_at" timestamp with time zone,
	"cancelled_at" timestamp with time zone,
	"return_count" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "orders_status_ck" CHECK ("orders"."status" in ('received','picking','packing','shipped','delivered','returned','cancelled')),
	CONSTRAINT "orders_return_status_ck" CHECK ("orders"."return_status" in ('none','partially_returned','returned')),
	CONSTRAINT "orders_cancelled_at_ck" CHECK (("orders"."status" = 'cancelled') = ("orders"."cancelled_at" is not null)),
	CONSTRAINT "orders_returned_ck" CHECK ("orders"."status" <> 'returned' or ("orders"."return_status" = 'returned' and "orders"."returned_at" is not null))
);
--> statement-breakpoint
ALTER TABLE "clients" ADD CONSTRAINT "clients_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_returns" ADD CONSTRAINT "order_returns_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_returns" ADD CONSTRAINT "order_returns_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "order_transitions" ADD CONSTRAINT "order_transitions_order_id_orders_id_fk" FOREIGN KEY ("order_id") REFERENCES "public"."orders"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "orders" ADD CONSTRAINT "orders_client_id_clients_id_fk" FOREIGN KEY ("client_id") REFERENCES "public"."clients"("id") ON DELETE restrict ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "clients_email_index_uq" ON "clients" USING btree ("tenant_id","email_index");--> statement-breakpoint
CREATE INDEX "clients_tenant_created_idx" ON "clients" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "clients_tenant_name_idx" ON "clients" USING btree ("tenant_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "order_returns_number_uq" ON "order_returns" USING btree ("tenant_id","number");--> statement-breakpoint
CREATE INDEX "order_returns_tenant_created_idx" ON "order_returns" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "order_returns_order_idx" ON "order_returns" USING btree ("order_id","created_at");--> statement-breakpoint
CREATE INDEX "order_returns_credit_note_idx" ON "order_returns" USING btree ("credit_note_invoice_id");--> statement-breakpoint
CREATE INDEX "order_transitions_order_idx" ON "order_transitions" USING btree ("order_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "orders_number_uq" ON "orders" USING btree ("tenant_id",lower("number"));--> statement-breakpoint
CREATE INDEX "orders_tenant_created_idx" ON "orders" USING btree ("tenant_id","created_at","id");--> statement-breakpoint
CREATE INDEX "orders_tenant_status_idx" ON "orders" USING btree ("tenant_id","status","created_at","id");--> statement-breakpoint
CREATE INDEX "orders_client_idx" ON "orders" USING btree ("tenant_id","client_id","created_at","id");--> statement-breakpoint
CREATE INDEX "orders_invoice_idx" ON "orders" USING btree ("invoice_id");