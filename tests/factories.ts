// The one set of test data builders, for integration tests that share one
// database (tests/db.ts) with other files running in parallel: every row gets
// a random email, nothing assumes empty tables, and ids are returned so tests
// only ever look at their own rows. Room kits (lib/payments/testing,
// inngest/testing, lib/records/test-helpers.ts) build on these.
import { randomUUID } from "node:crypto";
import { and, eq, or, sql } from "drizzle-orm";
import { Temporal } from "temporal-polyfill";
import type { Db } from "@/db/client";
import { createSession, touchSession } from "@/db/queries/users";
import {
  appointments,
  auditLog,
  appointmentEvents,
  availabilityOverrides,
  availabilityRules,
  certificates,
  doctorProfiles,
  outboxEvents,
  patientProfiles,
  reviews,
  specializations,
  users,
} from "@/db/schema";

/**
 * The pinned clock most booking tests use: Monday 2030-03-04, 09:00 in Berlin
 * (CET, +01:00 until the change on 2030-03-31), far enough ahead that real
 * time never reaches it, so minimum notice and horizon act on this instant only.
 */
export const TEST_NOW = new Date("2030-03-04T08:00:00Z");
export const BERLIN = "Europe/Berlin";

const HOUR_MS = 3_600_000;
export const hoursBefore = (instant: Date, hours: number) => new Date(instant.getTime() - hours * HOUR_MS);
export const hoursAfter = (instant: Date, hours: number) => new Date(instant.getTime() + hours * HOUR_MS);

/** A doctor-local wall-clock time ("2030-03-05", "10:00") as an instant, by the zone's real rules. */
export function localInstant(date: string, time: string, timeZone: string = BERLIN): Date {
  const zoned = Temporal.PlainDateTime.from(`${date}T${time}`).toZonedDateTime(timeZone, { disambiguation: "compatible" });
  return new Date(zoned.epochMilliseconds);
}

export const uniqueEmail = (prefix: string) => `${prefix}-${randomUUID()}@careslot.test`;

type Weekday = 1 | 2 | 3 | 4 | 5 | 6 | 7;
export type RuleInput = { weekday: Weekday; startTime: string; endTime: string };

/** Mon–Fri 09:00–17:00: the hours the booking tests are written against. */
export const WEEKDAY_HOURS: RuleInput[] = ([1, 2, 3, 4, 5] as const).map((weekday) => ({ weekday, startTime: "09:00", endTime: "17:00" }));

export interface DoctorOptions {
  timeZone?: string;
  slotMinutes?: number;
  bufferMinutes?: number;
  minimumNoticeHours?: number;
  bookingHorizonDays?: number;
  priceMinor?: number;
  currency?: string;
  verificationStatus?: "pending" | "verified" | "rejected";
  acceptingBookings?: boolean;
  active?: boolean;
  rules?: RuleInput[];
  fullName?: string;
}

export interface TestDoctor {
  id: string;
  email: string;
  timeZone: string;
  slotMinutes: number;
}

/**
 * A doctor with a profile and weekly rules. Defaults: verified, accepting,
 * Europe/Berlin, Mon–Fri 09:00–17:00, 30-minute slots, no buffer, 2 h notice,
 * 60-day horizon, EUR 60.00.
 */
export async function createDoctor(db: Db, options: DoctorOptions = {}): Promise<TestDoctor> {
  const email = uniqueEmail("doctor");
  const timeZone = options.timeZone ?? BERLIN;
  const slotMinutes = options.slotMinutes ?? 30;
  const verificationStatus = options.verificationStatus ?? "verified";
  const [user] = await db
    .insert(users)
    .values({
      email,
      fullName: options.fullName ?? "Dr. Test",
      passwordHash: "not-a-real-hash",
      role: "doctor",
      emailVerifiedAt: new Date("2030-01-01T00:00:00Z"),
      active: options.active ?? true,
    })
    .returning({ id: users.id });
  await db.insert(doctorProfiles).values({
    userId: user.id,
    timeZone,
    slotMinutes,
    bufferMinutes: options.bufferMinutes ?? 0,
    minimumNoticeHours: options.minimumNoticeHours ?? 2,
    bookingHorizonDays: options.bookingHorizonDays ?? 60,
    priceMinor: options.priceMinor ?? 6000,
    currency: options.currency ?? "EUR",
    acceptingBookings: options.acceptingBookings ?? true,
    verificationStatus,
    verifiedAt: verificationStatus === "verified" ? new Date("2030-01-01T00:00:00Z") : null,
  });
  const rules = options.rules ?? WEEKDAY_HOURS;
  if (rules.length > 0) await db.insert(availabilityRules).values(rules.map((rule) => ({ doctorId: user.id, ...rule })));
  return { id: user.id, email, timeZone, slotMinutes };
}

/**
 * What verification asks of a profile (lib/admin/verification-readiness.ts) besides its price and hours:
 * a specialization of its own and a certificate row (no file behind it).
 */
export async function makeReadyForVerification(db: Db, doctorId: string): Promise<void> {
  const suffix = randomUUID();
  const [specialization] = await db
    .insert(specializations)
    .values({ name: `Verification ${suffix}`, slug: `verification-${suffix}` })
    .returning({ id: specializations.id });
  await db.update(doctorProfiles).set({ specializationId: specialization.id }).where(eq(doctorProfiles.userId, doctorId));
  await db
    .insert(certificates)
    .values({ doctorId, fileKey: `certificates/${suffix}`, originalName: "licence.pdf", contentType: "application/pdf", sizeBytes: 10 });
}

export interface PatientOptions {
  verified?: boolean;
  active?: boolean;
  timeZone?: string;
  fullName?: string;
}

/** A patient with a profile; email verified unless `verified: false`. */
export async function createPatient(db: Db, options: PatientOptions = {}): Promise<{ id: string; email: string }> {
  const [patient] = await createPatients(db, 1, options);
  return patient;
}

/** `count` patients in two multi-row INSERTs: cheap enough for race tests with a hundred of them. */
export async function createPatients(db: Db, count: number, options: PatientOptions = {}): Promise<{ id: string; email: string }[]> {
  const rows = Array.from({ length: count }, (_, i) => ({
    email: uniqueEmail("patient"),
    fullName: options.fullName ?? `Patient ${i + 1}`,
    passwordHash: "not-a-real-hash",
    role: "patient" as const,
    emailVerifiedAt: options.verified === false ? null : new Date("2030-01-01T00:00:00Z"),
    active: options.active ?? true,
  }));
  const created = await db.insert(users).values(rows).returning({ id: users.id, email: users.email });
  await db.insert(patientProfiles).values(created.map((user) => ({ userId: user.id, timeZone: options.timeZone ?? BERLIN })));
  return created;
}

/** An admin user, for actor tests. */
export async function createAdmin(db: Db): Promise<{ id: string }> {
  const [row] = await db
    .insert(users)
    .values({
      email: uniqueEmail("admin"),
      fullName: "Test Admin",
      passwordHash: "not-a-real-hash",
      role: "admin",
      emailVerifiedAt: new Date("2030-01-01T00:00:00Z"),
    })
    .returning({ id: users.id });
  return row;
}

/** A fresh admin as the services see the acting user. */
export async function adminActor(db: Db): Promise<{ id: string; role: "admin" }> {
  const admin = await createAdmin(db);
  return { id: admin.id, role: "admin" };
}

export async function userRow(db: Db, id: string) {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

/** A session last seen at TEST_NOW and valid for 12 hours after it. */
export async function sessionAt(db: Db, userId: string): Promise<string> {
  const sid = await createSession(db, userId, new Date(TEST_NOW.getTime() + 12 * HOUR_MS));
  await touchSession(db, sid, TEST_NOW);
  return sid;
}

/** Closes the doctor for a whole doctor-local date ("YYYY-MM-DD"). */
export async function closeDate(db: Db, doctorId: string, date: string): Promise<void> {
  await db.insert(availabilityOverrides).values({ doctorId, date, closed: true });
}

type AppointmentInsert = typeof appointments.$inferInsert;

/**
 * An appointment written straight to the table (no service, no events): for
 * states the service cannot produce on a pinned clock, such as an old hold.
 */
export async function insertAppointmentRow(
  db: Db,
  values: Pick<AppointmentInsert, "doctorId" | "patientId" | "startsAt"> & Partial<AppointmentInsert> & { minutes?: number },
) {
  const { minutes = 30, ...rest } = values;
  const [row] = await db
    .insert(appointments)
    .values({ endsAt: new Date(values.startsAt.getTime() + minutes * 60_000), status: "confirmed", priceMinor: 6000, currency: "EUR", ...rest })
    .returning();
  return row;
}

export async function getAppointment(db: Db, id: string) {
  const [row] = await db.select().from(appointments).where(eq(appointments.id, id));
  return row;
}

/** Every appointment of a doctor, any status, oldest start first. */
export async function appointmentsOfDoctor(db: Db, doctorId: string) {
  return db.select().from(appointments).where(eq(appointments.doctorId, doctorId)).orderBy(appointments.startsAt, appointments.createdAt);
}

/** Every appointment of a patient, any status. */
export async function appointmentsOfPatient(db: Db, patientId: string) {
  return db.select().from(appointments).where(eq(appointments.patientId, patientId)).orderBy(appointments.startsAt, appointments.createdAt);
}

let reviewSlot = 0;

/** A visible review of `doctorId` on a completed visit of a fresh patient. */
export async function createReview(db: Db, doctorId: string, rating: number, body = "A careful and kind consultation.") {
  const patient = await createPatient(db);
  // Each review gets its own past hour, so the doctor's no-overlap rule never trips.
  const startsAt = new Date(Date.UTC(2029, 0, 1, 0, 0) + reviewSlot++ * HOUR_MS + Math.floor(Math.random() * 1e6) * HOUR_MS);
  const appointment = await insertAppointmentRow(db, { doctorId, patientId: patient.id, startsAt, status: "completed" });
  const [review] = await db.insert(reviews).values({ appointmentId: appointment.id, doctorId, patientId: patient.id, rating, body }).returning();
  return { review, patientId: patient.id };
}

/** Audit rows about one entity, oldest first. */
export function auditRowsFor(db: Db, entityType: string, entityId: string) {
  return db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, entityId)))
    .orderBy(auditLog.createdAt);
}

/** The audit, history and outbox rows written about one appointment. */
export async function sideEffectsOf(db: Db, appointmentId: string) {
  const [audit, events, outbox] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "appointment"), eq(auditLog.entityId, appointmentId)))
      .orderBy(auditLog.createdAt),
    db.select().from(appointmentEvents).where(eq(appointmentEvents.appointmentId, appointmentId)).orderBy(appointmentEvents.createdAt),
    outboxRowsFor(db, appointmentId),
  ]);
  return { audit, events, outbox };
}

/** Outbox rows whose payload names this appointment (as appointmentId or previousAppointmentId). */
export async function outboxRowsFor(db: Db, appointmentId: string) {
  return db
    .select()
    .from(outboxEvents)
    .where(or(sql`${outboxEvents.payload}->>'appointmentId' = ${appointmentId}`, sql`${outboxEvents.payload}->>'previousAppointmentId' = ${appointmentId}`))
    .orderBy(outboxEvents.createdAt);
}

/** Everything a user's actions left behind: audit rows they acted in, events they caused, outbox rows naming them. */
export async function traceOfUser(db: Db, userId: string) {
  const [audit, events, outbox] = await Promise.all([
    db.select().from(auditLog).where(eq(auditLog.actorId, userId)),
    db.select().from(appointmentEvents).where(eq(appointmentEvents.actorId, userId)),
    db
      .select()
      .from(outboxEvents)
      .where(or(sql`${outboxEvents.payload}->>'patientId' = ${userId}`, sql`${outboxEvents.payload}->>'doctorId' = ${userId}`)),
  ]);
  return { audit, events, outbox };
}

/** The error a promise was rejected with; fails the test when it resolves instead. */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error("expected the call to be refused, but it succeeded");
}

class Rollback extends Error {}

/**
 * Runs `work` in a transaction that is always rolled back: for changes to the
 * one shared app_settings row, which parallel test files must never see.
 */
export async function inRolledBackTransaction(db: Db, work: (tx: Db) => Promise<void>): Promise<void> {
  try {
    await db.transaction(async (tx) => {
      await work(tx);
      throw new Rollback();
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
  }
}

/** Promise.withResolvers for Node 20. */
export function deferred<T = void>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}
