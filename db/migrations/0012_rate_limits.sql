CREATE TABLE "rate_limits" (
	"key" text PRIMARY KEY NOT NULL,
	"points" integer DEFAULT 0 NOT NULL,
	"expire" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "account_emails_per_address_per_hour" integer DEFAULT 5 NOT NULL;--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "account_emails_per_ip_per_hour" integer DEFAULT 20 NOT NULL;--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "registrations_per_ip_per_hour" integer DEFAULT 10 NOT NULL;--> statement-breakpoint
ALTER TABLE "app_settings" ADD COLUMN "sign_in_attempts_per_ip_per_15_minutes" integer DEFAULT 20 NOT NULL;--> statement-breakpoint
CREATE INDEX "rate_limits_expire_idx" ON "rate_limits" USING btree ("expire");--> statement-breakpoint
ALTER TABLE "app_settings" ADD CONSTRAINT "app_settings_account_emails_per_address_range" CHECK ("app_settings"."account_emails_per_address_per_hour" between 1 and 100);--> statement-breakpoint
ALTER TABLE "app_settings" ADD CONSTRAINT "app_settings_account_emails_per_ip_range" CHECK ("app_settings"."account_emails_per_ip_per_hour" between 1 and 100000);--> statement-breakpoint
ALTER TABLE "app_settings" ADD CONSTRAINT "app_settings_registrations_per_ip_range" CHECK ("app_settings"."registrations_per_ip_per_hour" between 1 and 100000);--> statement-breakpoint
ALTER TABLE "app_settings" ADD CONSTRAINT "app_settings_sign_in_attempts_per_ip_range" CHECK ("app_settings"."sign_in_attempts_per_ip_per_15_minutes" between 1 and 100000);