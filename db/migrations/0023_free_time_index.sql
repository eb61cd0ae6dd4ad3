CREATE TABLE "doctor_free_time" (
	"doctor_id" uuid PRIMARY KEY NOT NULL,
	"next_free_at" timestamp with time zone,
	"valid_until" timestamp with time zone,
	"doctor_name" text,
	"version" bigint DEFAULT 0 NOT NULL,
	"computed_version" bigint,
	"computed_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "doctor_free_time" ADD CONSTRAINT "doctor_free_time_doctor_id_users_id_fk" FOREIGN KEY ("doctor_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "doctor_free_time_computed_order_idx" ON "doctor_free_time" USING btree ("next_free_at",doctor_name collate "C","doctor_id") WHERE computed_version = version;
--> statement-breakpoint
-- custom: the free-time index stays honest — every change the slot engine reads bumps the doctor's
-- version in the same transaction (statement triggers with transition tables: one UPDATE per statement,
-- however many rows it wrote), so a row computed before the change is never taken as fresh.
CREATE FUNCTION careslot_free_time_rows_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE doctor_free_time SET version = version + 1 WHERE doctor_id IN (SELECT doctor_id FROM inserted);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION careslot_free_time_rows_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE doctor_free_time SET version = version + 1
  WHERE doctor_id IN (SELECT doctor_id FROM changed_new UNION SELECT doctor_id FROM changed_old);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION careslot_free_time_rows_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE doctor_free_time SET version = version + 1 WHERE doctor_id IN (SELECT doctor_id FROM removed);
  RETURN NULL;
END $$;
--> statement-breakpoint
-- Appointments change often in ways the engine does not read (reminder flags, notes): only its columns count.
CREATE FUNCTION careslot_free_time_appointments_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE doctor_free_time SET version = version + 1
  WHERE doctor_id IN (
    SELECT unnest(array[n.doctor_id, o.doctor_id])
    FROM changed_new n JOIN changed_old o ON o.id = n.id
    WHERE (n.doctor_id, n.status, n.starts_at, n.ends_at, n.hold_expires_at) IS DISTINCT FROM (o.doctor_id, o.status, o.starts_at, o.ends_at, o.hold_expires_at));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER appointments_free_time_inserted AFTER INSERT ON appointments REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION careslot_free_time_rows_inserted();
--> statement-breakpoint
CREATE TRIGGER appointments_free_time_updated AFTER UPDATE ON appointments REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION careslot_free_time_appointments_updated();
--> statement-breakpoint
CREATE TRIGGER appointments_free_time_deleted AFTER DELETE ON appointments REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION careslot_free_time_rows_deleted();
--> statement-breakpoint
CREATE TRIGGER availability_rules_free_time_inserted AFTER INSERT ON availability_rules REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION careslot_free_time_rows_inserted();
--> statement-breakpoint
CREATE TRIGGER availability_rules_free_time_updated AFTER UPDATE ON availability_rules REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION careslot_free_time_rows_updated();
--> statement-breakpoint
CREATE TRIGGER availability_rules_free_time_deleted AFTER DELETE ON availability_rules REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION careslot_free_time_rows_deleted();
--> statement-breakpoint
CREATE TRIGGER availability_overrides_free_time_inserted AFTER INSERT ON availability_overrides REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION careslot_free_time_rows_inserted();
--> statement-breakpoint
CREATE TRIGGER availability_overrides_free_time_updated AFTER UPDATE ON availability_overrides REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION careslot_free_time_rows_updated();
--> statement-breakpoint
CREATE TRIGGER availability_overrides_free_time_deleted AFTER DELETE ON availability_overrides REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION careslot_free_time_rows_deleted();
--> statement-breakpoint
-- A doctor's row exists from their profile's first day (stale until first computed).
CREATE FUNCTION careslot_free_time_doctor_added() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO doctor_free_time (doctor_id) SELECT user_id FROM inserted ON CONFLICT (doctor_id) DO UPDATE SET version = doctor_free_time.version + 1;
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION careslot_free_time_doctor_settings_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE doctor_free_time SET version = version + 1
  WHERE doctor_id IN (
    SELECT n.user_id FROM changed_new n JOIN changed_old o ON o.user_id = n.user_id
    WHERE (n.time_zone, n.slot_minutes, n.buffer_minutes, n.minimum_notice_hours, n.booking_horizon_days, n.accepting_bookings, n.verification_status)
          IS DISTINCT FROM (o.time_zone, o.slot_minutes, o.buffer_minutes, o.minimum_notice_hours, o.booking_horizon_days, o.accepting_bookings, o.verification_status));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE FUNCTION careslot_free_time_user_active_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE doctor_free_time SET version = version + 1
  WHERE doctor_id IN (SELECT n.id FROM changed_new n JOIN changed_old o ON o.id = n.id WHERE (n.active, n.full_name) IS DISTINCT FROM (o.active, o.full_name));
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER doctor_profiles_free_time_inserted AFTER INSERT ON doctor_profiles REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION careslot_free_time_doctor_added();
--> statement-breakpoint
CREATE TRIGGER doctor_profiles_free_time_updated AFTER UPDATE ON doctor_profiles REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION careslot_free_time_doctor_settings_changed();
--> statement-breakpoint
CREATE TRIGGER users_free_time_active_updated AFTER UPDATE ON users REFERENCING OLD TABLE AS changed_old NEW TABLE AS changed_new FOR EACH STATEMENT EXECUTE FUNCTION careslot_free_time_user_active_changed();
--> statement-breakpoint
INSERT INTO doctor_free_time (doctor_id) SELECT user_id FROM doctor_profiles ON CONFLICT DO NOTHING;
