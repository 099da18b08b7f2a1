CREATE TABLE "domain_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"tenant_id" uuid,
	"type" text NOT NULL,
	"version" integer NOT NULL,
	"aggregate" text NOT NULL,
	"payload" jsonb NOT NULL,
	"actor" jsonb,
	"request_id" text,
	"occurred_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "event_deliveries" (
	"consumer" text NOT NULL,
	"event_id" bigint NOT NULL,
	"aggregate" text NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone DEFAULT now() NOT NULL,
	"last_error" text,
	"done_at" timestamp with time zone,
	CONSTRAINT "event_deliveries_consumer_event_id_pk" PRIMARY KEY("consumer","event_id")
);
--> statement-breakpoint
ALTER TABLE "sat_packages" ADD COLUMN "ingestion_requested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "sat_packages" ADD COLUMN "ingestion_state" text;--> statement-breakpoint
ALTER TABLE "sat_packages" ADD COLUMN "ingested_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "event_deliveries" ADD CONSTRAINT "event_deliveries_event_id_domain_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."domain_events"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "domain_events_tenant_id_idx" ON "domain_events" USING btree ("tenant_id","id");--> statement-breakpoint
CREATE INDEX "event_deliveries_open_idx" ON "event_deliveries" USING btree ("consumer","aggregate","event_id") WHERE "event_deliveries"."status" = 'pending';--> statement-breakpoint
CREATE INDEX "sat_packages_awaiting_ingestion_idx" ON "sat_packages" USING btree ("ingestion_requested_at") WHERE state = 'stored' and ingestion_state is null;--> statement-breakpoint
-- One-time backfill: packages stored before ingestion was tracked here take the outcome of their
-- latest finished ingestion, so the sweeper does not ingest a whole existing vault again.
UPDATE "sat_packages" p
SET "ingestion_state" = CASE WHEN i.state = 'completed' THEN 'completed' ELSE 'failed' END,
    "ingested_at" = i.finished_at
FROM (
  SELECT DISTINCT ON (tenant_id, source_object_key) tenant_id, source_object_key, state, finished_at
  FROM "cfdi_ingestions"
  WHERE state IN ('completed', 'failed')
  ORDER BY tenant_id, source_object_key, started_at DESC
) i
WHERE p.state = 'stored' AND p.tenant_id = i.tenant_id AND p.storage_key = i.source_object_key;
