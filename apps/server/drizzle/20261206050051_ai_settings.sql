CREATE TABLE "ai_connection_tests" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"model" text,
	"latency_ms" integer,
	"answer" text,
	"error_code" text,
	"requested_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "ai_prompt_versions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"tenant_id" uuid NOT NULL,
	"kind" text NOT NULL,
	"version" integer NOT NULL,
	"text" text NOT NULL,
	"restored_from" integer,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ai_settings" (
	"tenant_id" uuid PRIMARY KEY NOT NULL,
	"enabled" boolean DEFAULT false NOT NULL,
	"base_url" text,
	"model" text,
	"api_key" "bytea",
	"api_key_hint" text,
	"allowed_kinds" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"timeout_ms" integer DEFAULT 60000 NOT NULL,
	"currency" text DEFAULT 'USD' NOT NULL,
	"input_price_per_million" numeric(20, 6) DEFAULT '0' NOT NULL,
	"output_price_per_million" numeric(20, 6) DEFAULT '0' NOT NULL,
	"cap_kind" text,
	"cap_value" numeric(24, 6),
	"updated_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "ai_settings_cap_ck" CHECK (("ai_settings"."cap_kind" is null) = ("ai_settings"."cap_value" is null))
);
--> statement-breakpoint
CREATE TABLE "ai_usage_days" (
	"tenant_id" uuid NOT NULL,
	"day" date NOT NULL,
	"model" text NOT NULL,
	"currency" text NOT NULL,
	"requests" integer DEFAULT 0 NOT NULL,
	"input_tokens" bigint DEFAULT 0 NOT NULL,
	"output_tokens" bigint DEFAULT 0 NOT NULL,
	"cost" numeric(24, 8) DEFAULT '0' NOT NULL,
	CONSTRAINT "ai_usage_days_tenant_id_day_model_currency_pk" PRIMARY KEY("tenant_id","day","model","currency")
);
--> statement-breakpoint
ALTER TABLE "ai_connection_tests" ADD CONSTRAINT "ai_connection_tests_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_prompt_versions" ADD CONSTRAINT "ai_prompt_versions_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_settings" ADD CONSTRAINT "ai_settings_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ai_usage_days" ADD CONSTRAINT "ai_usage_days_tenant_id_tenants_id_fk" FOREIGN KEY ("tenant_id") REFERENCES "public"."tenants"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ai_connection_tests_tenant_idx" ON "ai_connection_tests" USING btree ("tenant_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "ai_prompt_versions_uq" ON "ai_prompt_versions" USING btree ("tenant_id","kind","version");