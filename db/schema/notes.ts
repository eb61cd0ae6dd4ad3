import { index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { appointments } from "./appointments";
import { timestamps, id } from "./columns";
import { users } from "./users";

/**
 * The doctor's notes on one appointment. `body` is private to the doctor;
 * `patientSummary`, when written, is what the patient may read.
 */
export const consultationNotes = pgTable(
  "consultation_notes",
  {
    id: id(),
    appointmentId: uuid("appointment_id")
      .notNull()
      .references(() => appointments.id, { onDelete: "cascade" }),
    doctorId: uuid("doctor_id")
      .notNull()
      .references(() => users.id, { onDelete: "restrict" }),
    body: text("body").notNull().default(""),
    patientSummary: text("patient_summary"),
    ...timestamps(),
  },
  (t) => [uniqueIndex("consultation_notes_appointment_id_key").on(t.appointmentId), index("consultation_notes_doctor_id_idx").on(t.doctorId)],
);
