-- Doctor search: accent- and case-insensitive name matching (unaccent + trigram
-- index) and the rating filter/sort. unaccent() is only STABLE, so an IMMUTABLE
-- wrapper with the dictionary named explicitly is what an index can use.
CREATE EXTENSION IF NOT EXISTS unaccent;
--> statement-breakpoint
CREATE EXTENSION IF NOT EXISTS pg_trgm;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION careslot_fold(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;
--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "users_full_name_fold_trgm_idx" ON "users" USING gin (careslot_fold("full_name") gin_trgm_ops);
