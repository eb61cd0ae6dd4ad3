import "server-only";
import { and, asc, count, desc, eq, ilike, inArray, or, sql } from "drizzle-orm";
import { offsetOf, type PageRequest } from "./paging";
import { likePattern } from "./users";
import type { Db } from "../client";
import { schedulingSettingsColumns } from "./availability";
import { doctorCaresFor } from "./appointments/care";
import { appointments, availabilityRules, certificates, doctorProfiles, patientProfiles, specializations, users } from "../schema";

export type DoctorProfileRow = typeof doctorProfiles.$inferSelect;
export type PatientProfileRow = typeof patientProfiles.$inferSelect;

/** A doctor's public profile with the settings the slot engine needs. */
export async function getBookableDoctor(db: Db, doctorId: string) {
  const [row] = await db
    .select({
      id: users.id,
      fullName: users.fullName,
      active: users.active,
      specialization: specializations.name,
      priceMinor: doctorProfiles.priceMinor,
      currency: doctorProfiles.currency,
      bio: doctorProfiles.bio,
      clinicName: doctorProfiles.clinicName,
      address: doctorProfiles.address,
      city: doctorProfiles.city,
      ...schedulingSettingsColumns,
      verificationStatus: doctorProfiles.verificationStatus,
      // The public page's facts beyond the booking panel's, so the page reads the row once.
      yearsExperience: doctorProfiles.yearsExperience,
      languages: doctorProfiles.languages,
      photoKey: doctorProfiles.photoKey,
    })
    .from(doctorProfiles)
    .innerJoin(users, eq(users.id, doctorProfiles.userId))
    .leftJoin(specializations, eq(specializations.id, doctorProfiles.specializationId))
    .where(eq(doctorProfiles.userId, doctorId));
  return row;
}

/** What the doctor edits on /doctor/profile, with their name and verification state. */
export async function getDoctorProfileForEdit(db: Db, doctorId: string) {
  const [row] = await db
    .select({ fullName: users.fullName, profile: doctorProfiles, specialization: specializations.name })
    .from(doctorProfiles)
    .innerJoin(users, eq(users.id, doctorProfiles.userId))
    .leftJoin(specializations, eq(specializations.id, doctorProfiles.specializationId))
    .where(eq(doctorProfiles.userId, doctorId));
  return row;
}

/** The doctor's own zone, which their portal shows times in. */
export async function getDoctorTimeZone(db: Db, doctorId: string): Promise<string> {
  const row = await db.query.doctorProfiles.findFirst({ where: eq(doctorProfiles.userId, doctorId), columns: { timeZone: true } });
  return row?.timeZone ?? "UTC";
}

/** The doctor a report or verification email goes to. */
export async function getDoctorContact(db: Db, doctorId: string) {
  const [row] = await db
    .select({
      id: users.id,
      name: users.fullName,
      email: users.email,
      active: users.active,
      timeZone: doctorProfiles.timeZone,
      verificationStatus: doctorProfiles.verificationStatus,
    })
    .from(users)
    .innerJoin(doctorProfiles, eq(doctorProfiles.userId, users.id))
    .where(eq(users.id, doctorId));
  return row;
}

export function listBookableDoctors(db: Db) {
  return db
    .select({
      id: users.id,
      fullName: users.fullName,
      specialization: specializations.name,
      city: doctorProfiles.city,
      priceMinor: doctorProfiles.priceMinor,
      currency: doctorProfiles.currency,
    })
    .from(doctorProfiles)
    .innerJoin(users, eq(users.id, doctorProfiles.userId))
    .leftJoin(specializations, eq(specializations.id, doctorProfiles.specializationId))
    .where(and(eq(doctorProfiles.verificationStatus, "verified"), eq(users.active, true)))
    .orderBy(asc(users.fullName));
}

export type DoctorProfileUpdate = Pick<
  typeof doctorProfiles.$inferInsert,
  | "specializationId"
  | "yearsExperience"
  | "clinicName"
  | "priceMinor"
  | "currency"
  | "bio"
  | "languages"
  | "address"
  | "countryCode"
  | "regionCode"
  | "city"
  | "latitude"
  | "longitude"
>;

export async function updateDoctorProfile(tx: Db, doctorId: string, values: DoctorProfileUpdate) {
  const [row] = await tx.update(doctorProfiles).set(values).where(eq(doctorProfiles.userId, doctorId)).returning();
  return row;
}

export async function getPatientProfileForEdit(db: Db, patientId: string) {
  const [row] = await db
    .select({ fullName: users.fullName, email: users.email, profile: patientProfiles })
    .from(users)
    .leftJoin(patientProfiles, eq(patientProfiles.userId, users.id))
    .where(and(eq(users.id, patientId), eq(users.role, "patient")));
  return row;
}

export async function getPatientTimeZone(db: Db, patientId: string): Promise<string | undefined> {
  const row = await db.query.patientProfiles.findFirst({ where: eq(patientProfiles.userId, patientId), columns: { timeZone: true } });
  return row?.timeZone;
}

export type PatientProfileUpdate = Omit<typeof patientProfiles.$inferInsert, "userId" | "photoKey" | "createdAt" | "updatedAt">;

/** Upsert: a patient created before profiles existed still gets one. */
export async function upsertPatientProfile(tx: Db, patientId: string, values: PatientProfileUpdate) {
  const [row] = await tx
    .insert(patientProfiles)
    .values({ userId: patientId, ...values })
    .onConflictDoUpdate({ target: patientProfiles.userId, set: values })
    .returning();
  return row;
}

/** Sets the new photo and returns the key it replaced (for deletion after commit). */
export async function replaceDoctorPhotoKey(tx: Db, doctorId: string, photoKey: string | null): Promise<string | null> {
  const [before] = await tx.select({ photoKey: doctorProfiles.photoKey }).from(doctorProfiles).where(eq(doctorProfiles.userId, doctorId)).for("update");
  await tx.update(doctorProfiles).set({ photoKey }).where(eq(doctorProfiles.userId, doctorId));
  return before?.photoKey ?? null;
}

export async function replacePatientPhotoKey(tx: Db, patientId: string, photoKey: string | null): Promise<string | null> {
  const [before] = await tx.select({ photoKey: patientProfiles.photoKey }).from(patientProfiles).where(eq(patientProfiles.userId, patientId)).for("update");
  if (!before) await tx.insert(patientProfiles).values({ userId: patientId, photoKey });
  else await tx.update(patientProfiles).set({ photoKey }).where(eq(patientProfiles.userId, patientId));
  return before?.photoKey ?? null;
}

/** Who a stored photo belongs to, with what decides who may see it. */
export async function findPhotoOwner(db: Db, photoKey: string) {
  const [doctor] = await db
    .select({ userId: doctorProfiles.userId, verificationStatus: doctorProfiles.verificationStatus, active: users.active })
    .from(doctorProfiles)
    .innerJoin(users, eq(users.id, doctorProfiles.userId))
    .where(eq(doctorProfiles.photoKey, photoKey));
  if (doctor) return { kind: "doctor" as const, userId: doctor.userId, public: doctor.verificationStatus === "verified" && doctor.active };
  const [patient] = await db.select({ userId: patientProfiles.userId }).from(patientProfiles).where(eq(patientProfiles.photoKey, photoKey));
  if (patient) return { kind: "patient" as const, userId: patient.userId, public: false };
  return undefined;
}

export function listCertificates(db: Db, doctorId: string) {
  return db
    .select({
      id: certificates.id,
      originalName: certificates.originalName,
      contentType: certificates.contentType,
      sizeBytes: certificates.sizeBytes,
      createdAt: certificates.createdAt,
    })
    .from(certificates)
    .where(eq(certificates.doctorId, doctorId))
    .orderBy(desc(certificates.createdAt));
}

export async function insertCertificate(tx: Db, values: typeof certificates.$inferInsert) {
  const [row] = await tx.insert(certificates).values(values).returning();
  return row!;
}

export async function getCertificate(db: Db, certificateId: string) {
  const [row] = await db.select().from(certificates).where(eq(certificates.id, certificateId));
  return row;
}

export async function deleteCertificateRow(tx: Db, certificateId: string, doctorId: string) {
  const [row] = await tx
    .delete(certificates)
    .where(and(eq(certificates.id, certificateId), eq(certificates.doctorId, doctorId)))
    .returning();
  return row;
}

/** A patient's medical information, as a doctor caring for them reads it. */
export const medicalInformationColumns = {
  dateOfBirth: patientProfiles.dateOfBirth,
  gender: patientProfiles.gender,
  allergies: patientProfiles.allergies,
  chronicConditions: patientProfiles.chronicConditions,
  currentMedications: patientProfiles.currentMedications,
  bloodType: patientProfiles.bloodType,
  emergencyContactName: patientProfiles.emergencyContactName,
  emergencyContactPhone: patientProfiles.emergencyContactPhone,
};

/**
 * The medical information a patient shares, for the doctor of ONE of that
 * patient's appointments, while the patient is in that doctor's care
 * (doctorCaresFor): a doctor who never saw the patient, whose visits were all
 * cancelled, or who is no longer verified or active gets nothing.
 */
export async function getPatientInformationForAppointment(db: Db, input: { doctorId: string; appointmentId: string }) {
  const [row] = await db
    .select({
      ...medicalInformationColumns,
    })
    .from(appointments)
    .innerJoin(patientProfiles, eq(patientProfiles.userId, appointments.patientId))
    .where(and(eq(appointments.id, input.appointmentId), eq(appointments.doctorId, input.doctorId), doctorCaresFor(input.doctorId, appointments.patientId)));
  return row;
}

// ---------------------------------------------------------------- the admin's verification of doctors

type VerificationStatus = (typeof doctorProfiles.$inferSelect)["verificationStatus"];

/** Doctors in one verification state with the profile an admin checks, oldest request first. */
const weeklyHourRanges = sql<number>`(select count(*) from ${availabilityRules} where ${availabilityRules.doctorId} = ${doctorProfiles.userId})`.mapWith(
  Number,
);
const certificateCount = sql<number>`(select count(*) from ${certificates} where ${certificates.doctorId} = ${doctorProfiles.userId})`.mapWith(Number);

/** One page of the verification queue (oldest pending first), searchable by name or email, with the total. */
export async function listDoctorsByVerification(db: Db, status: VerificationStatus, filter: { query?: string } & PageRequest) {
  const conditions = [eq(doctorProfiles.verificationStatus, status)];
  if (filter.query) conditions.push(or(ilike(users.fullName, likePattern(filter.query)), ilike(users.email, likePattern(filter.query)))!);
  const where = and(...conditions);
  const [doctors, [{ total }]] = await Promise.all([
    db
      .select({
        id: users.id,
        fullName: users.fullName,
        email: users.email,
        active: users.active,
        registeredAt: users.createdAt,
        specialization: specializations.name,
        clinicName: doctorProfiles.clinicName,
        address: doctorProfiles.address,
        city: doctorProfiles.city,
        yearsExperience: doctorProfiles.yearsExperience,
        priceMinor: doctorProfiles.priceMinor,
        currency: doctorProfiles.currency,
        bio: doctorProfiles.bio,
        languages: doctorProfiles.languages,
        rejectionReason: doctorProfiles.rejectionReason,
        verificationStatus: doctorProfiles.verificationStatus,
        weeklyHourRanges,
      })
      .from(doctorProfiles)
      .innerJoin(users, eq(users.id, doctorProfiles.userId))
      .leftJoin(specializations, eq(specializations.id, doctorProfiles.specializationId))
      .where(where)
      .orderBy(status === "pending" ? asc(users.createdAt) : desc(doctorProfiles.updatedAt), asc(users.id))
      .limit(filter.pageSize)
      .offset(offsetOf(filter)),
    db.select({ total: count() }).from(doctorProfiles).innerJoin(users, eq(users.id, doctorProfiles.userId)).where(where),
  ]);
  const files = doctors.length
    ? await db
        .select({
          id: certificates.id,
          doctorId: certificates.doctorId,
          originalName: certificates.originalName,
          contentType: certificates.contentType,
          sizeBytes: certificates.sizeBytes,
          uploadedAt: certificates.createdAt,
        })
        .from(certificates)
        .where(
          inArray(
            certificates.doctorId,
            doctors.map((d) => d.id),
          ),
        )
        .orderBy(asc(certificates.createdAt))
    : [];
  const rows = doctors.map((doctor) => ({ ...doctor, certificates: files.filter((file) => file.doctorId === doctor.id) }));
  return { rows, total };
}

/**
 * How complete one doctor's profile is: what verification asks for (lib/admin/verification-readiness.ts)
 * and what the doctor's set-up checklist shows (lib/profiles/setup-checklist.ts).
 */
export async function getDoctorReadinessFacts(db: Db, doctorId: string) {
  const [row] = await db
    .select({
      specialization: specializations.name,
      priceMinor: doctorProfiles.priceMinor,
      clinicName: doctorProfiles.clinicName,
      city: doctorProfiles.city,
      bio: doctorProfiles.bio,
      photoKey: doctorProfiles.photoKey,
      acceptingBookings: doctorProfiles.acceptingBookings,
      weeklyHourRanges,
      certificateCount,
    })
    .from(doctorProfiles)
    .leftJoin(specializations, eq(specializations.id, doctorProfiles.specializationId))
    .where(eq(doctorProfiles.userId, doctorId));
  return row;
}

export async function lockDoctorProfileForVerification(db: Db, doctorId: string) {
  const [row] = await db
    .select({
      userId: doctorProfiles.userId,
      verificationStatus: doctorProfiles.verificationStatus,
      verifiedAt: doctorProfiles.verifiedAt,
      rejectionReason: doctorProfiles.rejectionReason,
      email: users.email,
      fullName: users.fullName,
    })
    .from(doctorProfiles)
    .innerJoin(users, eq(users.id, doctorProfiles.userId))
    .where(eq(doctorProfiles.userId, doctorId))
    .for("update", { of: doctorProfiles });
  return row;
}

export async function setDoctorVerification(
  db: Db,
  doctorId: string,
  values: { verificationStatus: VerificationStatus; verifiedAt: Date | null; rejectionReason: string | null },
) {
  await db.update(doctorProfiles).set(values).where(eq(doctorProfiles.userId, doctorId));
}
