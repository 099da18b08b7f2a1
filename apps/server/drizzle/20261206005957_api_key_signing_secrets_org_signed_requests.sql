ALTER TABLE "api_keys" ADD COLUMN "signing_secret" "bytea";--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "signing_secret_version" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "api_keys" ADD COLUMN "signing_secret_created_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "tenants" ADD COLUMN "require_signed_requests" boolean DEFAULT false NOT NULL;