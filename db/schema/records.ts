import { index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { appointments } from "./appointments";
import { id, timestamps } from "./columns";
import { users } from "./users";

/** Uploaded files live in storage (a directory or S3-compatible bucket), never in public/; rows hold metadata. */
const fileColumns = () => ({
  fileKey: text("file_key").notNull(),
  originalName: text("original_name").notNull(),
  contentType: text("content_type").notNull(),
  sizeBytes: integer("size_bytes").notNull(),
});

export const recordType = pgEnum("record_type", ["lab_result", "prescription", "imaging", "other"]);

export const medicalRecords = pgTable(
  "medical_records",
  {
    id: id(),
    patientId: uuid("patient_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    recordType: recordType("record_type").notNull(),
    ...fileColumns(),
    ...timestamps(),
  },
  (t) => [index("medical_records_patient_id_idx").on(t.patientId, t.createdAt)],
);

/** A record shared with the doctor of one appointment; deleting the row removes access at once. */
export const recordShares = pgTable(
  "record_shares",
  {
    id: id(),
    recordId: uuid("record_id")
      .notNull()
      .references(() => medicalRecords.id, { onDelete: "cascade" }),
    appointmentId: uuid("appointment_id")
      .notNull()
      .references(() => appointments.id, { onDelete: "cascade" }),
    doctorId: uuid("doctor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("record_shares_record_appointment_key").on(t.recordId, t.appointmentId),
    index("record_shares_doctor_id_idx").on(t.doctorId),
    index("record_shares_appointment_id_idx").on(t.appointmentId),
  ],
);

export const certificates = pgTable(
  "certificates",
  {
    id: id(),
    doctorId: uuid("doctor_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ...fileColumns(),
    ...timestamps(),
  },
  (t) => [index("certificates_doctor_id_idx").on(t.doctorId)],
);
