import { index, pgTable, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { appointments } from "./appointments";
import { encryptedText, timestamps, id } from "./columns";
import { users } from "./users";

/**
 * The doctor's notes on one appointment. `body` is private to the doctor;
 * `patientSummary`, when written, is what the patient may read. Both are
 * encrypted by the app (db/crypto.ts).
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
    body: encryptedText("consultation_notes", "body").notNull().default(""),
    patientSummary: encryptedText("consultation_notes", "patient_summary"),
    ...timestamps(),
  },
  (t) => [uniqueIndex("consultation_notes_appointment_id_key").on(t.appointmentId), index("consultation_notes_doctor_id_idx").on(t.doctorId)],
);
