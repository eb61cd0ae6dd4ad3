import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { atBoundary } from "@/tests/boundary";
import { rejectDoctorSchema } from "./schemas";
import { listBookableDoctors } from "@/db/queries/profiles";
import { doctorProfiles, emails } from "@/db/schema";
import { sendVerificationEmail } from "@/inngest/functions/send-verification-email";
import { runFromOutbox } from "@/inngest/testing/outbox";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import { TEST_NOW as NOW, adminActor, auditRowsFor, createDoctor, rejectionOf, makeReadyForVerification } from "@/tests/factories";
import { approveDoctor, rejectDoctor } from "./doctors";

const db = useTestDb({ max: 4 });

async function profile(doctorId: string) {
  const [row] = await db.select().from(doctorProfiles).where(eq(doctorProfiles.userId, doctorId));
  return row;
}

const emailsTo = (address: string) =>
  db
    .select()
    .from(emails)
    .where(and(eq(emails.toAddress, address)));
/** The email goes out from the outbox event the decision wrote: run the job as delivery would. */
const sendQueuedEmails = (doctorId: string) => runFromOutbox(db, sendVerificationEmail, { doctorId });
const isPublic = async (doctorId: string) => (await listBookableDoctors(db)).some((d) => d.id === doctorId);

describe("doctor verification", () => {
  it("approving makes the doctor public, emails them and is audited", async () => {
    const admin = await adminActor(db);
    const doctor = await createDoctor(db, { verificationStatus: "pending" });
    await makeReadyForVerification(db, doctor.id);
    expect(await isPublic(doctor.id)).toBe(false);
    await approveDoctor(db, admin, { doctorId: doctor.id }, NOW);
    expect(await profile(doctor.id)).toMatchObject({ verificationStatus: "verified", verifiedAt: NOW, rejectionReason: null });
    expect(await isPublic(doctor.id)).toBe(true);
    await sendQueuedEmails(doctor.id);
    const [mail] = await emailsTo(doctor.email);
    expect(mail).toMatchObject({ subject: "Your Careslot profile is verified", template: "doctor-approved", userId: doctor.id });
    expect(mail.text).toContain("Your profile is now public");
    const [audit] = await auditRowsFor(db, "doctor_profile", doctor.id);
    expect(audit).toMatchObject({
      actorId: admin.id,
      action: "doctor.verified",
      before: { verificationStatus: "pending" },
      after: { verificationStatus: "verified", verifiedAt: NOW.toISOString() },
    });
  });

  it("rejecting needs a reason, keeps the doctor private, and sends the reason", async () => {
    const admin = await adminActor(db);
    const doctor = await createDoctor(db, { verificationStatus: "pending" });
    const missing = (await rejectionOf(
      atBoundary(rejectDoctorSchema, { doctorId: doctor.id, reason: " " }, (input) => rejectDoctor(db, admin, input)),
    )) as AppError;
    expect(missing.fieldErrors?.reason).toEqual(["Give a reason the doctor will read (at least 3 characters)."]);
    expect((await profile(doctor.id)).verificationStatus).toBe("pending");

    await rejectDoctor(db, admin, { doctorId: doctor.id, reason: "The licence scan is unreadable." });
    expect(await profile(doctor.id)).toMatchObject({ verificationStatus: "rejected", rejectionReason: "The licence scan is unreadable." });
    expect(await isPublic(doctor.id)).toBe(false);
    await sendQueuedEmails(doctor.id);
    const [mail] = await emailsTo(doctor.email);
    expect(mail.text).toContain("The licence scan is unreadable.");
    expect((await auditRowsFor(db, "doctor_profile", doctor.id)).map((row) => row.action)).toEqual(["doctor.rejected"]);
  });

  it("withdrawing a verification takes a public doctor out of search", async () => {
    const admin = await adminActor(db);
    const doctor = await createDoctor(db);
    expect(await isPublic(doctor.id)).toBe(true);
    await rejectDoctor(db, admin, { doctorId: doctor.id, reason: "Licence expired." });
    expect(await isPublic(doctor.id)).toBe(false);
  });

  it("approving twice is refused, and an unknown doctor is not found", async () => {
    const admin = await adminActor(db);
    const doctor = await createDoctor(db);
    expect(((await rejectionOf(approveDoctor(db, admin, { doctorId: doctor.id }, NOW))) as AppError).code).toBe("conflict");
    expect(((await rejectionOf(approveDoctor(db, admin, { doctorId: "00000000-0000-4000-8000-00000000beef" }, NOW))) as AppError).code).toBe("not_found");
  });

  it("an incomplete profile cannot be approved: the reason is given and nothing changes", async () => {
    const admin = await adminActor(db);
    const doctor = await createDoctor(db, { verificationStatus: "pending", priceMinor: 0, rules: [] });
    const refused = (await rejectionOf(approveDoctor(db, admin, { doctorId: doctor.id }, NOW))) as AppError;
    expect(refused.code).toBe("conflict");
    expect(refused.message).toBe("Not ready to approve: no specialization chosen, no consultation price, no weekly hours and no certificate uploaded.");
    expect((await profile(doctor.id)).verificationStatus).toBe("pending");
    expect(await isPublic(doctor.id)).toBe(false);
    expect(await auditRowsFor(db, "doctor_profile", doctor.id)).toEqual([]);
    await sendQueuedEmails(doctor.id);
    expect(await emailsTo(doctor.email)).toEqual([]);

    // Completing the profile is what makes it approvable.
    await makeReadyForVerification(db, doctor.id);
    expect(((await rejectionOf(approveDoctor(db, admin, { doctorId: doctor.id }, NOW))) as AppError).message).toBe(
      "Not ready to approve: no consultation price and no weekly hours.",
    );
  });
});
