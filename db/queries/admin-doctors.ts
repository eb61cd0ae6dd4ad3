import "server-only";
import { asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../client";
import { certificates, doctorProfiles, specializations, users } from "../schema";

type VerificationStatus = (typeof doctorProfiles.$inferSelect)["verificationStatus"];

/** Doctors in one verification state with the profile an admin checks, oldest request first. */
export async function listDoctorsByVerification(db: Db, status: VerificationStatus) {
  const doctors = await db
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
    })
    .from(doctorProfiles)
    .innerJoin(users, eq(users.id, doctorProfiles.userId))
    .leftJoin(specializations, eq(specializations.id, doctorProfiles.specializationId))
    .where(eq(doctorProfiles.verificationStatus, status))
    .orderBy(status === "pending" ? asc(users.createdAt) : desc(doctorProfiles.updatedAt))
    .limit(100);
  const files = doctors.length
    ? await db
        .select({ id: certificates.id, doctorId: certificates.doctorId, originalName: certificates.originalName, contentType: certificates.contentType, sizeBytes: certificates.sizeBytes, uploadedAt: certificates.createdAt })
        .from(certificates)
        .where(
          inArray(
            certificates.doctorId,
            doctors.map((d) => d.id),
          ),
        )
        .orderBy(asc(certificates.createdAt))
    : [];
  return doctors.map((doctor) => ({ ...doctor, certificates: files.filter((file) => file.doctorId === doctor.id) }));
}

export async function lockDoctorProfileForVerification(db: Db, doctorId: string) {
  const [row] = await db
    .select({ userId: doctorProfiles.userId, verificationStatus: doctorProfiles.verificationStatus, verifiedAt: doctorProfiles.verifiedAt, rejectionReason: doctorProfiles.rejectionReason, email: users.email, fullName: users.fullName })
    .from(doctorProfiles)
    .innerJoin(users, eq(users.id, doctorProfiles.userId))
    .where(eq(doctorProfiles.userId, doctorId))
    .for("update", { of: doctorProfiles });
  return row;
}

export async function setDoctorVerification(db: Db, doctorId: string, values: { verificationStatus: VerificationStatus; verifiedAt: Date | null; rejectionReason: string | null }) {
  await db.update(doctorProfiles).set(values).where(eq(doctorProfiles.userId, doctorId));
}

export async function getCertificate(db: Db, certificateId: string) {
  const [row] = await db.select().from(certificates).where(eq(certificates.id, certificateId));
  return row;
}
