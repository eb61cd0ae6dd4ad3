import "server-only";
import type { Db } from "@/db/client";
import { getDoctorReadinessFacts, lockDoctorProfileForVerification, setDoctorVerification } from "@/db/queries/profiles";
import { verificationGapSentence, verificationGaps } from "./verification-readiness";
import { enqueueOutboxEvent } from "@/lib/outbox/enqueue";
import { AppError } from "@/lib/errors";
import { assertAdmin, auditAdmin, requireActiveAdmin, type Actor } from "./actor";

// Verification decides who is public: search and booking only show doctors
// whose status is "verified". The decision, its audit row and the event that
// emails the doctor (inngest/functions/send-verification-email.ts) commit
// together: a decision that rolls back tells nobody, and a mail failure is
// retried by the job, never undoing a decision.

type Locked = NonNullable<Awaited<ReturnType<typeof lockDoctorProfileForVerification>>>;

async function lockDoctor(tx: Db, doctorId: string): Promise<Locked> {
  const doctor = await lockDoctorProfileForVerification(tx, doctorId);
  if (!doctor) throw new AppError("not_found", "That doctor does not exist.");
  return doctor;
}

function snapshot(doctor: Pick<Locked, "verificationStatus" | "verifiedAt" | "rejectionReason">) {
  return { verificationStatus: doctor.verificationStatus, verifiedAt: doctor.verifiedAt?.toISOString() ?? null, rejectionReason: doctor.rejectionReason };
}

export async function approveDoctor(db: Db, actor: Actor, data: { doctorId: string }, now: Date) {
  assertAdmin(actor);
  const doctor = await db.transaction(async (tx) => {
    const admin = await requireActiveAdmin(tx, actor);
    const current = await lockDoctor(tx, data.doctorId);
    if (current.verificationStatus === "verified") throw new AppError("conflict", "This doctor is already verified.");
    // Checked under the profile's lock: what the admin saw as ready is what is verified.
    const gaps = verificationGaps((await getDoctorReadinessFacts(tx, current.userId))!);
    if (gaps.length) throw new AppError("conflict", verificationGapSentence(gaps));
    const after = { verificationStatus: "verified" as const, verifiedAt: now, rejectionReason: null };
    await setDoctorVerification(tx, current.userId, after);
    await auditAdmin(tx, admin, {
      action: "doctor.verified",
      entityType: "doctor_profile",
      entityId: current.userId,
      before: snapshot(current),
      after: snapshot(after),
    });
    await enqueueOutboxEvent(tx, "doctor/verified", { doctorId: current.userId });
    return current;
  });
  return { doctorId: doctor.userId };
}

/** Rejects a pending doctor, or withdraws a verification; either way the profile leaves search at once. */
export async function rejectDoctor(db: Db, actor: Actor, data: { doctorId: string; reason: string }) {
  assertAdmin(actor);
  const doctor = await db.transaction(async (tx) => {
    const admin = await requireActiveAdmin(tx, actor);
    const current = await lockDoctor(tx, data.doctorId);
    if (current.verificationStatus === "rejected") throw new AppError("conflict", "This doctor was already rejected.");
    const after = { verificationStatus: "rejected" as const, verifiedAt: null, rejectionReason: data.reason };
    await setDoctorVerification(tx, current.userId, after);
    await auditAdmin(tx, admin, {
      action: "doctor.rejected",
      entityType: "doctor_profile",
      entityId: current.userId,
      before: snapshot(current),
      after: snapshot(after),
    });
    await enqueueOutboxEvent(tx, "doctor/rejected", { doctorId: current.userId, reason: data.reason });
    return current;
  });
  return { doctorId: doctor.userId };
}
