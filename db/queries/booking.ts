import "server-only";
import { getTableColumns } from "drizzle-orm";
import type { Db } from "../client";
import { preparedRows } from "../prepared";
import { appointments, type ActorRole, type Role, type doctorProfiles } from "../schema";
import type { WeeklyRule } from "./availability";

// The booking path's two statements, hand-written and prepared (db/prepared.ts):
// everything a booking decides on in one read, and its writes in one call of
// careslot_book_appointment (migration 0027). lib/booking/book.ts runs them.

type Appointment = typeof appointments.$inferSelect;
type Status = Appointment["status"];

export interface BookingDoctor {
  id: string;
  active: boolean;
  verificationStatus: (typeof doctorProfiles.$inferSelect)["verificationStatus"];
  acceptingBookings: boolean;
  priceMinor: number;
  currency: string;
  timeZone: string;
  slotMinutes: number;
  bufferMinutes: number;
  minimumNoticeHours: number;
  bookingHorizonDays: number;
}

/** What one booking decides on, all read in one statement (one snapshot). */
export interface BookingState {
  patient: { role: Role; active: boolean; deleted: boolean; emailVerified: boolean } | null;
  doctor: BookingDoctor | null;
  settings: { paymentHoldMinutes: number; maxActiveAppointmentsPerPatient: number; maxActiveAppointmentsPerPatientPerDoctor: number };
  /** The slot engine's inputs for the one day around the start (lib/booking/slot-input.ts says which). */
  rules: WeeklyRule[];
  overrideRows: { date: string; closed: boolean; startTime: string | null; endTime: string | null }[];
  busy: { startsAt: Date; endsAt: Date }[];
  /** The patient's active future appointments before this one (careslot_patient_held_appointments). */
  held: { total: number; withDoctor: number };
  /** The doctor's free-time version (db/schema/free-time.ts): any change the engine reads bumps it. */
  freeTimeVersion: string | null;
  /** A lapsed hold of the doctor or the patient, or the patient's own running hold over this time: clearHoldsForBooking has work. */
  holdsToClear: boolean;
}

const READ = `/* booking state */
select
  pu.role as patient_role, pu.active as patient_active, pu.deleted_at is not null as patient_deleted,
  pu.email_verified_at is not null as patient_verified,
  dp.user_id as doctor_id, du.active as doctor_active, dp.verification_status, dp.accepting_bookings, dp.price_minor,
  dp.currency, dp.time_zone, dp.slot_minutes, dp.buffer_minutes, dp.minimum_notice_hours, dp.booking_horizon_days,
  s.payment_hold_minutes, s.max_active_appointments_per_patient, s.max_active_appointments_per_patient_per_doctor,
  held.total as held_total, held.with_doctor as held_with_doctor, ft.version as free_time_version,
  (select coalesce(json_agg(json_build_array(r.weekday, left(r.start_time::text, 5), left(r.end_time::text, 5)) order by r.weekday, r.start_time), '[]')
     from availability_rules r where r.doctor_id = $2::uuid) as rules,
  (select coalesce(json_agg(json_build_array(o.date, o.closed, left(o.start_time::text, 5), left(o.end_time::text, 5)) order by o.date, o.start_time), '[]')
     from availability_overrides o where o.doctor_id = $2::uuid and o.date >= $7::date and o.date < $8::date) as overrides,
  (select coalesce(json_agg(json_build_array(extract(epoch from a.starts_at) * 1000, extract(epoch from a.ends_at) * 1000)), '[]')
     from appointments a
    where a.doctor_id = $2::uuid and a.status <> 'cancelled' and a.starts_at < $6::timestamptz and a.ends_at > $5::timestamptz
      and (a.status <> 'pending_payment' or a.hold_expires_at > $4::timestamptz)) as busy,
  exists (select 1 from appointments h
           where h.status = 'pending_payment' and (h.doctor_id = $2::uuid or h.patient_id = $1::uuid)
             and (h.hold_expires_at <= $4::timestamptz
                  or (h.patient_id = $1::uuid and h.hold_expires_at > $4::timestamptz
                      and h.starts_at < $3::timestamptz + make_interval(mins => dp.slot_minutes) and h.ends_at > $3::timestamptz))) as holds_to_clear
from app_settings s
left join users pu on pu.id = $1::uuid
left join doctor_profiles dp on dp.user_id = $2::uuid
left join users du on du.id = dp.user_id
left join doctor_free_time ft on ft.doctor_id = $2::uuid
cross join lateral careslot_patient_held_appointments($1::uuid, $2::uuid, $4::timestamptz) held
where s.id = 1`;

interface ReadRow {
  patient_role: Role | null;
  patient_active: boolean | null;
  patient_deleted: boolean | null;
  patient_verified: boolean | null;
  doctor_id: string | null;
  doctor_active: boolean;
  verification_status: BookingDoctor["verificationStatus"];
  accepting_bookings: boolean;
  price_minor: number;
  currency: string;
  time_zone: string;
  slot_minutes: number;
  buffer_minutes: number;
  minimum_notice_hours: number;
  booking_horizon_days: number;
  payment_hold_minutes: number;
  max_active_appointments_per_patient: number;
  max_active_appointments_per_patient_per_doctor: number;
  held_total: number;
  held_with_doctor: number;
  free_time_version: string | null;
  rules: [WeeklyRule["weekday"], string, string][];
  overrides: [string, boolean, string | null, string | null][];
  busy: [number, number][];
  holds_to_clear: boolean;
}

export interface BookingStateWindow {
  busyFrom: Date;
  busyTo: Date;
  /** Override dates in [overridesFrom, overridesTo), "YYYY-MM-DD". */
  overridesFrom: string;
  overridesTo: string;
}

export async function readBookingState(
  db: Db,
  input: { patientId: string; doctorId: string; startsAt: Date; now: Date },
  window: BookingStateWindow,
): Promise<BookingState> {
  const [row] = await preparedRows<ReadRow>(db, "booking_state", READ, [
    input.patientId,
    input.doctorId,
    input.startsAt.toISOString(),
    input.now.toISOString(),
    window.busyFrom.toISOString(),
    window.busyTo.toISOString(),
    window.overridesFrom,
    window.overridesTo,
  ]);
  if (!row) throw new Error("app_settings row missing: run the migrations");
  return {
    patient:
      row.patient_role === null
        ? null
        : { role: row.patient_role, active: row.patient_active!, deleted: row.patient_deleted!, emailVerified: row.patient_verified! },
    doctor:
      row.doctor_id === null
        ? null
        : {
            id: row.doctor_id,
            active: row.doctor_active,
            verificationStatus: row.verification_status,
            acceptingBookings: row.accepting_bookings,
            priceMinor: row.price_minor,
            currency: row.currency,
            timeZone: row.time_zone,
            slotMinutes: row.slot_minutes,
            bufferMinutes: row.buffer_minutes,
            minimumNoticeHours: row.minimum_notice_hours,
            bookingHorizonDays: row.booking_horizon_days,
          },
    settings: {
      paymentHoldMinutes: row.payment_hold_minutes,
      maxActiveAppointmentsPerPatient: row.max_active_appointments_per_patient,
      maxActiveAppointmentsPerPatientPerDoctor: row.max_active_appointments_per_patient_per_doctor,
    },
    rules: row.rules.map(([weekday, startTime, endTime]) => ({ weekday, startTime, endTime })),
    overrideRows: row.overrides.map(([date, closed, startTime, endTime]) => ({ date, closed, startTime, endTime })),
    busy: row.busy.map(([startsAt, endsAt]) => ({ startsAt: new Date(startsAt), endsAt: new Date(endsAt) })),
    held: { total: row.held_total, withDoctor: row.held_with_doctor },
    freeTimeVersion: row.free_time_version,
    holdsToClear: row.holds_to_clear,
  };
}

export interface BookingWrite {
  id: string;
  doctorId: string;
  patientId: string;
  startsAt: Date;
  endsAt: Date;
  status: Status;
  holdExpiresAt: Date | null;
  reason: string;
  priceMinor: number;
  currency: string;
  /** The booking moment on the injected clock: the appointment's created_at, the caps' "now", a wallet payment's paid_at. */
  now: Date;
  /** What the checks ran on: the write happens only while both are still so. */
  read: { freeTimeVersion: string | null; held: { total: number; withDoctor: number } };
  actor: { id: string; role: ActorRole };
  eventNote: string;
  auditAfter: Record<string, unknown>;
  outboxPayload: Record<string, unknown>;
  payment: { provider: "stripe" | "clinic" | "wallet"; status: "requires_payment" | "paid" | "due_at_visit" } | null;
}

const WRITE = `/* book */ select * from careslot_book_appointment($1::uuid, $2::uuid, $3::uuid, $4::timestamptz, $5::timestamptz,
  $6::appointment_status, $7::timestamptz, $8::text, $9::integer, $10::text, $11::timestamptz, $12::bigint, $13::integer, $14::integer,
  $15::uuid, $16::actor_role, $17::text, $18::jsonb, $19::jsonb, $20::payment_provider, $21::payment_status)`;

const columns = Object.entries(getTableColumns(appointments));

/**
 * The booking's writes in one statement (appointment, history, audit, outbox,
 * payment); undefined, with nothing written, when the doctor's schedule or the
 * patient's held count changed since `read`.
 */
export async function writeBooking(db: Db, booking: BookingWrite): Promise<Appointment | undefined> {
  const [row] = await preparedRows<Record<string, unknown>>(db, "book", WRITE, [
    booking.id,
    booking.doctorId,
    booking.patientId,
    booking.startsAt.toISOString(),
    booking.endsAt.toISOString(),
    booking.status,
    booking.holdExpiresAt?.toISOString() ?? null,
    booking.reason,
    booking.priceMinor,
    booking.currency,
    booking.now.toISOString(),
    booking.read.freeTimeVersion,
    booking.read.held.total,
    booking.read.held.withDoctor,
    booking.actor.id,
    booking.actor.role,
    booking.eventNote,
    JSON.stringify(booking.auditAfter),
    JSON.stringify(booking.outboxPayload),
    booking.payment?.provider ?? null,
    booking.payment?.status ?? null,
  ]);
  if (!row) return undefined;
  // As Drizzle maps a row of the table: each column's own driver mapping (timestamps to Dates).
  return Object.fromEntries(
    columns.map(([key, column]) => [key, row[column.name] === null ? null : column.mapFromDriverValue(row[column.name])]),
  ) as Appointment;
}
