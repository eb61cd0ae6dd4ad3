-- custom: a booking's writes in one statement (lib/booking/book.ts, db/queries/booking.ts).
--
-- What a patient holds, for the booking caps: active future appointments (confirmed, or a hold with time
-- left to pay), in all and with one doctor; `p_except_id` (a visit being moved) is left out. The one
-- definition: the booking's read, this migration's booking function and countActiveFutureAppointments use it.
CREATE FUNCTION careslot_patient_held_appointments(p_patient_id uuid, p_doctor_id uuid, p_now timestamptz, p_except_id uuid DEFAULT NULL)
RETURNS TABLE (total integer, with_doctor integer) LANGUAGE sql STABLE AS $$
  SELECT count(*)::integer, (count(*) FILTER (WHERE doctor_id = p_doctor_id))::integer
  FROM appointments
  WHERE patient_id = p_patient_id
    AND starts_at > p_now
    AND (status = 'confirmed' OR (status = 'pending_payment' AND (hold_expires_at IS NULL OR hold_expires_at > p_now)))
    AND (p_except_id IS NULL OR id <> p_except_id)
$$;
--> statement-breakpoint
-- Writes a booking the caller has checked against a read of the doctor's free-time version and the
-- patient's held counts: the appointment, its history row, the audit entry, the outbox event and the
-- payment row (none for a free visit), or nothing at all (no row returned) when that read is out of date.
--
-- Locks as every booking change takes them (db/transactions.ts): the doctor's, then the patient's. Under
-- READ COMMITTED each statement below sees what committed before it started, so after the locks the
-- version (row-locked: a change still in flight is waited for, then seen) and the counts are current;
-- if they still equal what the caller read, the caller's slot check and caps hold now too. The
-- no-overlap EXCLUDE constraints still have the last word on every insert. No EXCEPTION block: a
-- subtransaction around inserts checked by the exclusion constraints caused deadlock storms.
CREATE FUNCTION careslot_book_appointment(
  p_id uuid,
  p_doctor_id uuid,
  p_patient_id uuid,
  p_starts_at timestamptz,
  p_ends_at timestamptz,
  p_status appointment_status,
  p_hold_expires_at timestamptz,
  p_reason text,
  p_price_minor integer,
  p_currency text,
  p_now timestamptz,
  p_read_version bigint,
  p_read_total integer,
  p_read_with_doctor integer,
  p_actor_id uuid,
  p_actor_role actor_role,
  p_event_note text,
  p_audit_after jsonb,
  p_outbox_payload jsonb,
  p_payment_provider payment_provider,
  p_payment_status payment_status
) RETURNS SETOF appointments LANGUAGE plpgsql AS $$
DECLARE
  current_version bigint;
  held record;
  booked appointments;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtextextended(p_doctor_id::text, 0));
  PERFORM pg_advisory_xact_lock(hashtextextended('patient-bookings:' || p_patient_id::text, 0));
  SELECT version INTO current_version FROM doctor_free_time WHERE doctor_id = p_doctor_id FOR UPDATE;
  IF current_version IS DISTINCT FROM p_read_version THEN
    RETURN;
  END IF;
  SELECT * INTO held FROM careslot_patient_held_appointments(p_patient_id, p_doctor_id, p_now);
  IF (held.total, held.with_doctor) IS DISTINCT FROM (p_read_total, p_read_with_doctor) THEN
    RETURN;
  END IF;

  INSERT INTO appointments (id, doctor_id, patient_id, starts_at, ends_at, status, hold_expires_at, reason, price_minor, currency, created_at)
  VALUES (p_id, p_doctor_id, p_patient_id, p_starts_at, p_ends_at, p_status, p_hold_expires_at, p_reason, p_price_minor, p_currency, p_now)
  RETURNING * INTO booked;
  -- The rows that follow the appointment, in one statement (no payment row for a free visit).
  WITH history AS (
    INSERT INTO appointment_events (appointment_id, from_status, to_status, actor_id, actor_role, note)
    VALUES (p_id, NULL, p_status, p_actor_id, p_actor_role, p_event_note)
  ), audit AS (
    INSERT INTO audit_log (actor_id, actor_role, action, entity_type, entity_id, after)
    VALUES (p_actor_id, p_actor_role, 'appointment.booked', 'appointment', p_id::text, p_audit_after)
  ), outbox AS (
    INSERT INTO outbox_events (name, payload) VALUES ('appointment/booked', p_outbox_payload)
  )
  INSERT INTO payments (appointment_id, patient_id, doctor_id, provider, status, amount_minor, currency, paid_at)
  SELECT p_id, p_patient_id, p_doctor_id, p_payment_provider, p_payment_status, p_price_minor, p_currency,
         CASE WHEN p_payment_status = 'paid' THEN p_now END
  WHERE p_payment_provider IS NOT NULL;
  RETURN NEXT booked;
END $$;
