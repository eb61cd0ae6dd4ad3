ALTER TABLE "app_settings" ADD COLUMN "email_body_retention_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "sign_in_record_retention_days" integer DEFAULT 90 NOT NULL;--> statement-breakpoint
ALTER TABLE "app_settings" ADD CONSTRAINT "app_settings_email_body_retention_range" CHECK ("app_settings"."email_body_retention_days" between 1 and 3650);--> statement-breakpoint
ALTER TABLE "app_settings" ADD CONSTRAINT "app_settings_sign_in_record_retention_range" CHECK ("app_settings"."sign_in_record_retention_days" between 1 and 3650);