ALTER TABLE "reviews" ADD COLUMN "edited_at" timestamp with time zone;--> statement-breakpoint
-- Until now "edited" was guessed from updated_at, which a doctor's reply or a moderation also moved.
-- Best guess for existing rows: changed well after creation, and not by the reply.
UPDATE "reviews" SET "edited_at" = "updated_at" WHERE "updated_at" > "created_at" + interval '1 minute' AND "doctor_replied_at" IS DISTINCT FROM "updated_at";
