import "server-only";
import { and, asc, desc, eq, inArray, ne, sql } from "drizzle-orm";
import type { Db } from "../client";
import { appointments, medicalRecords, recordShares } from "../schema";
import { offsetOf, type PageRequest } from "./paging";
import { doctorUser } from "./parties";
import { appointmentGivesCare, doctorCaresFor } from "./appointments/care";

export type MedicalRecordRow = typeof medicalRecords.$inferSelect;

export async function insertMedicalRecord(db: Db, values: typeof medicalRecords.$inferInsert): Promise<MedicalRecordRow> {
  const [row] = await db.insert(medicalRecords).values(values).returning();
  return row;
}

export async function getMedicalRecord(db: Db, recordId: string): Promise<MedicalRecordRow | undefined> {
  const [row] = await db.select().from(medicalRecords).where(eq(medicalRecords.id, recordId));
  return row;
}

/** Deletes the patient's own record (its shares go with it, by cascade) and returns what was deleted. */
export async function deleteOwnMedicalRecord(db: Db, recordId: string, patientId: string): Promise<MedicalRecordRow | undefined> {
  const [row] = await db
    .delete(medicalRecords)
    .where(and(eq(medicalRecords.id, recordId), eq(medicalRecords.patientId, patientId)))
    .returning();
  return row;
}

/** One page of the patient's records, newest first, each with the appointments it is shared on (a share ends when its appointment is cancelled), and how many there are. */
export async function listRecordsOfPatient(db: Db, patientId: string, paging: PageRequest) {
  const mine = eq(medicalRecords.patientId, patientId);
  const [records, [{ total }]] = await Promise.all([
    db
      .select({
        id: medicalRecords.id,
        title: medicalRecords.title,
        recordType: medicalRecords.recordType,
        originalName: medicalRecords.originalName,
        contentType: medicalRecords.contentType,
        sizeBytes: medicalRecords.sizeBytes,
        createdAt: medicalRecords.createdAt,
      })
      .from(medicalRecords)
      .where(mine)
      .orderBy(desc(medicalRecords.createdAt), desc(medicalRecords.id))
      .limit(paging.pageSize)
      .offset(offsetOf(paging)),
    db
      .select({ total: sql<number>`count(*)`.mapWith(Number) })
      .from(medicalRecords)
      .where(mine),
  ]);
  const shares = records.length
    ? await db
        .select({
          recordId: recordShares.recordId,
          appointmentId: recordShares.appointmentId,
          doctorName: doctorUser.fullName,
          startsAt: appointments.startsAt,
        })
        .from(recordShares)
        .innerJoin(appointments, eq(appointments.id, recordShares.appointmentId))
        .innerJoin(doctorUser, eq(doctorUser.id, recordShares.doctorId))
        .where(
          and(
            inArray(
              recordShares.recordId,
              records.map((r) => r.id),
            ),
            appointmentGivesCare(appointments.status),
          ),
        )
        .orderBy(asc(appointments.startsAt))
    : [];
  return { rows: records.map((record) => ({ ...record, shares: shares.filter((share) => share.recordId === record.id) })), total };
}

/** Appointments a patient may share records on: theirs, not cancelled, newest first. */
export function listShareableAppointments(db: Db, patientId: string) {
  return db
    .select({
      id: appointments.id,
      startsAt: appointments.startsAt,
      status: appointments.status,
      doctorId: appointments.doctorId,
      doctorName: doctorUser.fullName,
    })
    .from(appointments)
    .innerJoin(doctorUser, eq(doctorUser.id, appointments.doctorId))
    .where(and(eq(appointments.patientId, patientId), ne(appointments.status, "cancelled")))
    .orderBy(desc(appointments.startsAt))
    .limit(100);
}

export async function getAppointmentForSharing(db: Db, appointmentId: string) {
  const [row] = await db
    .select({ id: appointments.id, patientId: appointments.patientId, doctorId: appointments.doctorId, status: appointments.status })
    .from(appointments)
    .where(eq(appointments.id, appointmentId));
  return row;
}

/** Returns the new share, or undefined when it already existed. */
export async function insertRecordShare(db: Db, values: { recordId: string; appointmentId: string; doctorId: string }) {
  const [row] = await db.insert(recordShares).values(values).onConflictDoNothing().returning();
  return row;
}

export async function deleteRecordShare(db: Db, recordId: string, appointmentId: string) {
  const [row] = await db
    .delete(recordShares)
    .where(and(eq(recordShares.recordId, recordId), eq(recordShares.appointmentId, appointmentId)))
    .returning();
  return row;
}

/**
 * A share that still opens the record: made on one of the doctor's own
 * appointments with the record's patient, that appointment not cancelled, and
 * the patient in the doctor's care (doctorCaresFor: the doctor verified and
 * active). Deleting the share row, or cancelling its appointment, ends it.
 */
function liveShareOf(doctorId: string) {
  return and(
    eq(recordShares.doctorId, doctorId),
    eq(appointments.doctorId, doctorId),
    eq(appointments.patientId, medicalRecords.patientId),
    appointmentGivesCare(appointments.status),
    doctorCaresFor(doctorId, medicalRecords.patientId),
  );
}

/** Whether the record is shared with this doctor by a live share (liveShareOf). */
export async function isRecordSharedWithDoctor(db: Db, recordId: string, doctorId: string): Promise<boolean> {
  const [row] = await db
    .select({ one: sql<number>`1` })
    .from(recordShares)
    .innerJoin(appointments, eq(appointments.id, recordShares.appointmentId))
    .innerJoin(medicalRecords, eq(medicalRecords.id, recordShares.recordId))
    .where(and(eq(recordShares.recordId, recordId), liveShareOf(doctorId)))
    .limit(1);
  return Boolean(row);
}

const sharedColumns = {
  id: medicalRecords.id,
  title: medicalRecords.title,
  recordType: medicalRecords.recordType,
  originalName: medicalRecords.originalName,
  contentType: medicalRecords.contentType,
  sizeBytes: medicalRecords.sizeBytes,
  uploadedAt: medicalRecords.createdAt,
  appointmentId: recordShares.appointmentId,
  appointmentStartsAt: appointments.startsAt,
};

/** Records this doctor may open for this patient by a live share, across all their appointments (newest visit first). */
export function listRecordsSharedWithDoctor(db: Db, doctorId: string, patientId: string) {
  return db
    .select(sharedColumns)
    .from(recordShares)
    .innerJoin(medicalRecords, eq(medicalRecords.id, recordShares.recordId))
    .innerJoin(appointments, eq(appointments.id, recordShares.appointmentId))
    .where(and(eq(medicalRecords.patientId, patientId), liveShareOf(doctorId)))
    .orderBy(desc(appointments.startsAt), asc(medicalRecords.title))
    .limit(200);
}
