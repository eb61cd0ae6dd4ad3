// Rows the admin and records journeys need, written straight to the e2e
// database (DATABASE_URL, set by scripts/e2e.ts): fresh people with the demo
// password, so no other spec's seeded doctor or patient is touched.
import { randomUUID } from "node:crypto";
import { hash } from "@node-rs/argon2";
import { connectDatabase, type DatabaseHandle } from "../../db/client";
import { eq } from "drizzle-orm";
import {
  appointments,
  auditLog,
  availabilityRules,
  certificates,
  doctorProfiles,
  medicalRecords,
  patientProfiles,
  payments,
  reports,
  reviews,
  users,
} from "../../db/schema";
import { DEMO_PASSWORD, specializationSeed } from "../../db/seed-data";
import { parseEnv } from "../../lib/env-schema";
import { buildFigures } from "../../lib/reports/figures";
import { storageDriverFor } from "../../lib/storage/configured";
import { FileMissingError } from "../../lib/storage/driver";

let handle: DatabaseHandle | undefined;
let passwordHash: Promise<string> | undefined;

/** The e2e database, opened once per worker (closed by closeTestData). */
export function db() {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error("DATABASE_URL is not set: run the spec through scripts/e2e.ts");
  handle ??= connectDatabase(url, { max: 2 });
  return handle.db;
}

export async function closeTestData(): Promise<void> {
  await handle?.close();
  handle = undefined;
}

const tag = () => randomUUID().slice(0, 6);

export interface Person {
  id: string;
  email: string;
  fullName: string;
}

async function person(role: "patient" | "doctor" | "admin", name: string): Promise<Person> {
  passwordHash ??= hash(DEMO_PASSWORD);
  const email = `${role}-${randomUUID()}@e2e.careslot.test`;
  const fullName = `${name} ${tag()}`;
  const [user] = await db()
    .insert(users)
    .values({ email, fullName, role, passwordHash: await passwordHash, emailVerifiedAt: new Date() })
    .returning({ id: users.id });
  return { id: user.id, email, fullName };
}

/** An admin of its own (the demo admin's password is shared by every spec). */
export function createAdminUser(name = "Ada Admin"): Promise<Person> {
  return person("admin", name);
}

export async function createPatient(name = "Pat Records"): Promise<Person> {
  const patient = await person("patient", name);
  await db().insert(patientProfiles).values({ userId: patient.id, city: "Berlin", timeZone: "Europe/London" });
  return patient;
}

/** A doctor in Berlin with weekday hours; pending verification unless `verified`. */
export async function createDoctor(options: { name?: string; verified?: boolean } = {}): Promise<Person> {
  const doctor = await person("doctor", options.name ?? "Dr. Eve Test");
  await db()
    .insert(doctorProfiles)
    .values({
      userId: doctor.id,
      specializationId: specializationSeed[0][0],
      priceMinor: 5000,
      currency: "EUR",
      city: "Berlin",
      clinicName: "E2E Clinic",
      timeZone: "Europe/Berlin",
      bio: "A doctor made for one end-to-end journey.",
      verificationStatus: options.verified ? "verified" : "pending",
      verifiedAt: options.verified ? new Date() : null,
    });
  await db()
    .insert(availabilityRules)
    .values([1, 2, 3, 4, 5].map((weekday) => ({ doctorId: doctor.id, weekday, startTime: "09:00", endTime: "17:00" })));
  return doctor;
}

/** The storage keys of a patient's medical records, as the app wrote them. */
export async function recordFileKeys(patientId: string): Promise<string[]> {
  const rows = await db().select({ fileKey: medicalRecords.fileKey }).from(medicalRecords).where(eq(medicalRecords.patientId, patientId));
  return rows.map((row) => row.fileKey);
}

/** Whether the app's storage (the e2e run's S3 bucket, or STORAGE_DIR) holds a file. */
export async function isStored(key: string): Promise<boolean> {
  try {
    await storageDriverFor(parseEnv(process.env)).get(key);
    return true;
  } catch (error) {
    if (error instanceof FileMissingError) return false;
    throw error;
  }
}

/** A medical record of the patient's, with its file in the app's own storage. */
export async function addRecord(patientId: string, title: string): Promise<string> {
  const bytes = pdfBytes(title);
  const key = `records/${randomUUID()}`;
  await storageDriverFor(parseEnv(process.env)).put(key, bytes, "application/pdf");
  const [row] = await db()
    .insert(medicalRecords)
    .values({ patientId, title, recordType: "other", fileKey: key, originalName: `${title}.pdf`, contentType: "application/pdf", sizeBytes: bytes.byteLength })
    .returning({ id: medicalRecords.id });
  return row.id;
}

/** A certificate file in the app's own storage (the e2e run's S3 bucket or STORAGE_DIR) and its row. */
export async function addCertificate(doctorId: string, bytes: Uint8Array, name = "licence.pdf"): Promise<string> {
  const key = `certificates/${randomUUID()}`;
  await storageDriverFor(parseEnv(process.env)).put(key, bytes, "application/pdf");
  const [row] = await db()
    .insert(certificates)
    .values({ doctorId, fileKey: key, originalName: name, contentType: "application/pdf", sizeBytes: bytes.byteLength })
    .returning({ id: certificates.id });
  return row.id;
}

let hourOffset = 0;

/** An appointment between the two; by default confirmed, a few days ahead, at a whole hour of its own. */
export async function createAppointment(doctorId: string, patientId: string, status: "confirmed" | "completed" = "confirmed"): Promise<string> {
  const day = new Date();
  day.setUTCHours(0, 0, 0, 0);
  const startsAt = new Date(day.getTime() + (status === "completed" ? -3 : 5) * 86_400_000 + (9 + hourOffset++) * 3_600_000);
  const [row] = await db()
    .insert(appointments)
    .values({
      doctorId,
      patientId,
      startsAt,
      endsAt: new Date(startsAt.getTime() + 30 * 60_000),
      status,
      priceMinor: 5000,
      currency: "EUR",
      reason: "E2E visit",
    })
    .returning({ id: appointments.id });
  return row.id;
}

/** Moves a booked visit so it began a minute ago, keeping its length: a fee due at the visit can be marked paid from then on. */
export async function startVisitNow(appointmentId: string): Promise<void> {
  const [row] = await db().select().from(appointments).where(eq(appointments.id, appointmentId));
  if (!row) throw new Error(`no appointment ${appointmentId}`);
  const startsAt = new Date(Date.now() - 60_000);
  await db()
    .update(appointments)
    .set({ startsAt, endsAt: new Date(startsAt.getTime() + (row.endsAt.getTime() - row.startsAt.getTime())) })
    .where(eq(appointments.id, appointmentId));
}

/** A completed visit by a fresh patient and its visible review of the doctor. */
export async function createReview(doctorId: string, rating: number, body: string): Promise<{ reviewId: string; patient: Person }> {
  const patient = await createPatient("Reviewer");
  const appointmentId = await createAppointment(doctorId, patient.id, "completed");
  const [row] = await db().insert(reviews).values({ appointmentId, doctorId, patientId: patient.id, rating, body }).returning({ id: reviews.id });
  return { reviewId: row.id, patient };
}

/** A card payment Stripe has confirmed for the appointment (or one paid at the clinic), with nothing refunded yet. */
export async function createPayment(appointmentId: string, provider: "stripe" | "clinic" = "stripe"): Promise<string> {
  const [appointment] = await db().select().from(appointments).where(eq(appointments.id, appointmentId));
  const [row] = await db()
    .insert(payments)
    .values({
      appointmentId,
      patientId: appointment.patientId,
      doctorId: appointment.doctorId,
      provider,
      status: "paid",
      amountMinor: appointment.priceMinor,
      currency: appointment.currency,
      stripePaymentIntentId: provider === "stripe" ? `pi_e2e_${randomUUID().replaceAll("-", "")}` : null,
      paidAt: new Date(),
    })
    .returning({ id: payments.id });
  return row.id;
}

/** `count` audit entries about one row (as the services write them), to page the audit log by its entity filter. */
export async function addAuditEntries(entityId: string, count: number): Promise<void> {
  await db()
    .insert(auditLog)
    .values(Array.from({ length: count }, (_, i) => ({ actorRole: "system" as const, action: "e2e.listed", entityType: "e2e_row", entityId, after: { i } })));
}

/** A month's system-wide report with empty figures, as if generated; kept if that month already has one. */
export async function createMonthReport(month: string): Promise<string> {
  const figures = buildFigures({ month, timeZone: "UTC", generatedAt: new Date(), weekdays: [], money: [], doctors: 0 });
  await db()
    .insert(reports)
    .values({ kind: "system_monthly", month: `${month}-01`, figures })
    .onConflictDoNothing();
  return month;
}

/** A minimal real PDF (recognised by its signature). */
export function pdfBytes(text: string): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n% ${text}\ntrailer <</Root 1 0 R>>\n%%EOF\n`);
}
