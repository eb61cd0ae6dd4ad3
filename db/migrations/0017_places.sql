ALTER TABLE "doctor_profiles" ADD COLUMN "country_code" text;--> statement-breakpoint
ALTER TABLE "doctor_profiles" ADD COLUMN "region_code" text;--> statement-breakpoint
ALTER TABLE "patient_profiles" ADD COLUMN "country_code" text;--> statement-breakpoint
ALTER TABLE "patient_profiles" ADD COLUMN "region_code" text;--> statement-breakpoint
CREATE INDEX "doctor_profiles_country_region_idx" ON "doctor_profiles" USING btree ("country_code","region_code");--> statement-breakpoint
ALTER TABLE "doctor_profiles" ADD CONSTRAINT "doctor_profiles_country_code_shape" CHECK ("doctor_profiles"."country_code" is null or "doctor_profiles"."country_code" ~ '^[A-Z]{2}$');--> statement-breakpoint
ALTER TABLE "doctor_profiles" ADD CONSTRAINT "doctor_profiles_region_needs_country" CHECK ("doctor_profiles"."region_code" is null or "doctor_profiles"."country_code" is not null);--> statement-breakpoint
ALTER TABLE "patient_profiles" ADD CONSTRAINT "patient_profiles_country_code_shape" CHECK ("patient_profiles"."country_code" is null or "patient_profiles"."country_code" ~ '^[A-Z]{2}$');