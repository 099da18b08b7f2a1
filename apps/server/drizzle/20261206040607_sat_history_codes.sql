ALTER TABLE "sat_request_events" ADD COLUMN "code" text;--> statement-breakpoint
ALTER TABLE "sat_request_events" ADD COLUMN "params" jsonb;--> statement-breakpoint
ALTER TABLE "sat_requests" ADD COLUMN "needs_attention_code" text;--> statement-breakpoint
ALTER TABLE "sat_requests" ADD COLUMN "needs_attention_params" jsonb;