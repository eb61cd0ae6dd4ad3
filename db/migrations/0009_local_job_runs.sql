CREATE TYPE "public"."job_run_status" AS ENUM('queued', 'running', 'sleeping', 'completed', 'failed', 'cancelled');--> statement-breakpoint
CREATE TABLE "job_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"function_id" text NOT NULL,
	"event_name" text NOT NULL,
	"event" jsonb NOT NULL,
	"idempotency_key" text,
	"status" "job_run_status" DEFAULT 'queued' NOT NULL,
	"steps" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"step_order" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"sleeps" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"wake_at" timestamp with time zone,
	"attempt" integer DEFAULT 0 NOT NULL,
	"last_error" text,
	"output" jsonb,
	"cancelled_by" text,
	"finished_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX "job_runs_idempotency_idx" ON "job_runs" USING btree ("function_id","idempotency_key") WHERE "job_runs"."idempotency_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "job_runs_status_idx" ON "job_runs" USING btree ("status","updated_at");--> statement-breakpoint
CREATE INDEX "job_runs_active_function_idx" ON "job_runs" USING btree ("function_id") WHERE "job_runs"."status" IN ('queued', 'running', 'sleeping');