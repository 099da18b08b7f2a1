CREATE TABLE "job_pauses" (
	"tenant_id" uuid NOT NULL,
	"job" text NOT NULL,
	"key" text NOT NULL,
	"paused_at" timestamp with time zone DEFAULT now() NOT NULL,
	"paused_by" text,
	CONSTRAINT "job_pauses_tenant_id_job_key_pk" PRIMARY KEY("tenant_id","job","key")
);
