ALTER TYPE "public"."refund_kind" ADD VALUE 'mismatch';--> statement-breakpoint
ALTER TABLE "users" ADD COLUMN "deleted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "email_body_retention_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "sign_in_record_retention_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "max_active_appointments_per_patient" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "max_active_appointments_per_patient_per_doctor" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "app_settings" ADD CONSTRAINT "app_settings_email_body_retention_range" CHECK ("app_settings"."email_body_retention_days" between 1 and 3650);--> statement-breakpoint
ALTER TABLE "app_settings" ADD CONSTRAINT "app_settings_sign_in_record_retention_range" CHECK ("app_settings"."sign_in_record_retention_days" between 1 and 3650);--> statement-breakpoint
ALTER TABLE "app_settings" ADD CONSTRAINT "app_settings_max_active_appointments_per_patient_range" CHECK ("app_settings"."max_active_appointments_per_patient" between 1 and 100);--> statement-breakpoint
ALTER TABLE "app_settings" ADD CONSTRAINT "app_settings_max_active_appointments_per_doctor_range" CHECK ("app_settings"."max_active_appointments_per_patient_per_doctor" between 1 and 100);--> statement-breakpoint
-- custom: the audit log stays append-only, with one more change allowed beside
-- the foreign key clearing actor_id: when a patient deletes their account, the
-- free text they wrote (a review's body, a record's title and file name, a
-- cancellation or report reason) is removed from the before/after of the
-- entries they made, and {"redacted": true} put in its place. Every other
-- column, and every other key of before/after, must stay exactly as written:
-- who did what, to which entity, when, statuses and amounts survive.
CREATE OR REPLACE FUNCTION careslot_audit_redacted(value jsonb) RETURNS jsonb
  LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE
    WHEN value IS NULL OR jsonb_typeof(value) <> 'object' OR NOT (value ?| ARRAY['body', 'title', 'originalName', 'reason', 'cancellationReason']) THEN value
    ELSE (value - ARRAY['body', 'title', 'originalName', 'reason', 'cancellationReason']) || '{"redacted": true}'::jsonb
  END
$$;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION careslot_audit_log_append_only() RETURNS trigger
  LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.actor_id IS NOT NULL AND NEW.actor_id IS NULL AND (to_jsonb(NEW) - 'actor_id') = (to_jsonb(OLD) - 'actor_id') THEN
      RETURN NEW;
    END IF;
    IF (to_jsonb(NEW) - 'before' - 'after') = (to_jsonb(OLD) - 'before' - 'after')
       AND NEW.before IS NOT DISTINCT FROM careslot_audit_redacted(OLD.before)
       AND NEW.after IS NOT DISTINCT FROM careslot_audit_redacted(OLD.after) THEN
      RETURN NEW;
    END IF;
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
