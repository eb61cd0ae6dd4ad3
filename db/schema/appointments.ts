import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { id, instant, timestamps } from "./columns";
import { actorRole, appointmentStatus } from "./enums";
import { users } from "./users";

/**
 * The no-overlap invariants (per doctor and per patient, for every status but
 * cancelled) are EXCLUDE constraints written in a custom migration, since
 * Drizzle's DSL cannot express them: see db/migrations.
 */
export const appointments = pgTable(
  "appointments",
  {
    id: id(),
    doctorId: uuid("doctor_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    startsAt: instant("starts_at").notNull(),
    endsAt: instant("ends_at").notNull(),
    status: appointmentStatus("status").notNull(),
    reason: text("reason").notNull().default(""),
    priceMinor: integer("price_minor").notNull(),
    currency: text("currency").notNull(),
    holdExpiresAt: instant("hold_expires_at"),
    cancellationReason: text("cancellation_reason"),
    cancelledBy: actorRole("cancelled_by"),
    cancelledAt: instant("cancelled_at"),
    rescheduledFromId: uuid("rescheduled_from_id"),
    ...timestamps(),
  },
  (t) => [
    index("appointments_doctor_starts_idx").on(t.doctorId, t.startsAt),
    index("appointments_patient_starts_idx").on(t.patientId, t.startsAt),
    index("appointments_status_idx").on(t.status),
    check("appointments_ends_after_starts", sql`${t.endsAt} > ${t.startsAt}`),
    check("appointments_price_nonnegative", sql`${t.priceMinor} >= 0`),
    check("appointments_doctor_is_not_patient", sql`${t.doctorId} <> ${t.patientId}`),
  ],
);

/** Every status change of an appointment, for the history shown to both sides. */
export const appointmentEvents = pgTable(
  "appointment_events",
  {
    id: id(),
    appointmentId: uuid("appointment_id")
      .notNull()
      .references(() => appointments.id, { onDelete: "cascade" }),
    fromStatus: appointmentStatus("from_status"),
    toStatus: appointmentStatus("to_status").notNull(),
    actorId: uuid("actor_id").references(() => users.id, { onDelete: "set null" }),
    actorRole: actorRole("actor_role").notNull(),
    note: text("note"),
    ...timestamps(),
  },
  (t) => [index("appointment_events_appointment_id_idx").on(t.appointmentId)],
);
