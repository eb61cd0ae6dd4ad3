import "server-only";
import { createElement } from "react";
import type { Db } from "@/db/client";
import { lockDoctorProfileForVerification, setDoctorVerification } from "@/db/queries/admin-doctors";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { logger } from "@/lib/logger";
import { sendEmail } from "@/lib/notifications/mailer";
import { DoctorApprovedMessage, DoctorRejectedMessage } from "@/lib/notifications/templates/admin-emails";
import { assertAdmin, auditAdmin, parseInput, requireActiveAdmin, type Actor } from "./actor";
import { doctorIdSchema, rejectDoctorSchema } from "./schemas";

// Verification decides who is public: search and booking only show doctors
// whose status is "verified". The decision and its audit row commit together;
// the email goes after the commit, and a mail failure never undoes a decision.

type Locked = NonNullable<Awaited<ReturnType<typeof lockDoctorProfileForVerification>>>;

async function lockDoctor(tx: Db, doctorId: string): Promise<Locked> {
  const doctor = await lockDoctorProfileForVerification(tx, doctorId);
  if (!doctor) throw new AppError("not_found", "That doctor does not exist.");
  return doctor;
}

function snapshot(doctor: Pick<Locked, "verificationStatus" | "verifiedAt" | "rejectionReason">) {
  return { verificationStatus: doctor.verificationStatus, verifiedAt: doctor.verifiedAt?.toISOString() ?? null, rejectionReason: doctor.rejectionReason };
}

async function notify(db: Db, doctor: Locked, kind: "approved" | "rejected", reason?: string) {
  const portal = new URL("/doctor", env().APP_URL).toString();
  try {
    await sendEmail(db, {
      to: doctor.email,
      userId: doctor.userId,
      template: kind === "approved" ? "doctor-approved" : "doctor-rejected",
      subject: kind === "approved" ? "Your Careslot profile is verified" : "Your Careslot verification needs attention",
      body:
        kind === "approved"
          ? createElement(DoctorApprovedMessage, { name: doctor.fullName, profileUrl: portal })
          : createElement(DoctorRejectedMessage, { name: doctor.fullName, reason: reason ?? "", profileUrl: new URL("/doctor/profile", env().APP_URL).toString() }),
    });
  } catch (error) {
    logger.error({ err: error, doctorId: doctor.userId }, "verification email failed");
  }
}

export async function approveDoctor(db: Db, actor: Actor, input: { doctorId: string }, now: Date) {
  assertAdmin(actor);
  const data = parseInput(doctorIdSchema, input);
  const doctor = await db.transaction(async (tx) => {
    const admin = await requireActiveAdmin(tx, actor);
    const current = await lockDoctor(tx, data.doctorId);
    if (current.verificationStatus === "verified") throw new AppError("conflict", "This doctor is already verified.");
    const after = { verificationStatus: "verified" as const, verifiedAt: now, rejectionReason: null };
    await setDoctorVerification(tx, current.userId, after);
    await auditAdmin(tx, admin, { action: "doctor.verified", entityType: "doctor_profile", entityId: current.userId, before: snapshot(current), after: snapshot(after) });
    return current;
  });
  await notify(db, doctor, "approved");
  return { doctorId: doctor.userId };
}

/** Rejects a pending doctor, or withdraws a verification; either way the profile leaves search at once. */
export async function rejectDoctor(db: Db, actor: Actor, input: { doctorId: string; reason: string }) {
  assertAdmin(actor);
  const data = parseInput(rejectDoctorSchema, input);
  const doctor = await db.transaction(async (tx) => {
    const admin = await requireActiveAdmin(tx, actor);
    const current = await lockDoctor(tx, data.doctorId);
    if (current.verificationStatus === "rejected") throw new AppError("conflict", "This doctor was already rejected.");
    const after = { verificationStatus: "rejected" as const, verifiedAt: null, rejectionReason: data.reason };
    await setDoctorVerification(tx, current.userId, after);
    await auditAdmin(tx, admin, { action: "doctor.rejected", entityType: "doctor_profile", entityId: current.userId, before: snapshot(current), after: snapshot(after) });
    return current;
  });
  await notify(db, doctor, "rejected", data.reason);
  return { doctorId: doctor.userId };
}
