ALTER TYPE "public"."refund_kind" ADD VALUE 'mismatch';--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "max_active_appointments_per_patient" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "max_active_appointments_per_patient_per_doctor" integer DEFAULT 2 NOT NULL;--> statement-breakpoint
ALTER TABLE "app_settings" ADD CONSTRAINT "app_settings_max_active_appointments_per_patient_range" CHECK ("app_settings"."max_active_appointments_per_patient" between 1 and 100);--> statement-breakpoint
ALTER TABLE "app_settings" ADD CONSTRAINT "app_settings_max_active_appointments_per_doctor_range" CHECK ("app_settings"."max_active_appointments_per_patient_per_doctor" between 1 and 100);