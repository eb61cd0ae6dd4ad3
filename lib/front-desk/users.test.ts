// Seed 004's user CRUD: a walk-in patient's account (with the email that sets
// its first password) and a user's name, email and phone, each audited, bad
// input refused with a message next to the field and nothing changed.
import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emails, patientProfiles, users } from "@/db/schema";
import { resetPassword } from "@/lib/auth/accounts";
import { verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import { TEST_NOW, adminActor, auditRowsFor, createDoctor, createPatient, rejectionOf, uniqueEmail } from "@/tests/factories";
import { createWalkInPatient, updateUserDetails } from "./users";
import { userDetailsSchema, walkInPatientSchema } from "./schemas";

const db = useTestDb({ max: 4 });

async function refusal(promise: Promise<unknown>) {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

/** The token in the emailed link, as the patient would click it. */
async function emailedToken(address: string): Promise<string> {
  const [mail] = await db.select().from(emails).where(eq(emails.toAddress, address)).orderBy(desc(emails.createdAt));
  expect(mail).toMatchObject({ template: "set-password", subject: "Set your Careslot password" });
  const token = /\/reset-password\?token=([\w-]+)/.exec(mail!.text ?? "")?.[1];
  expect(token).toBeDefined();
  return token!;
}

describe("a walk-in patient", () => {
  it("gets a patient account, audited, and an email whose link sets the first password and confirms the address", async () => {
    const admin = await adminActor(db);
    const email = uniqueEmail("walk-in");
    const input = walkInPatientSchema.parse({ fullName: "Wanda Walkin", email, phone: "+49 30 1234567", timeZone: "Europe/Berlin" });
    const patient = await createWalkInPatient(db, admin, input, TEST_NOW);

    const [row] = await db.select().from(users).where(eq(users.id, patient.id));
    expect(row).toMatchObject({ role: "patient", fullName: "Wanda Walkin", email, active: true, emailVerifiedAt: null });
    const [profile] = await db.select().from(patientProfiles).where(eq(patientProfiles.userId, patient.id));
    expect(profile).toMatchObject({ phone: "+49 30 1234567", timeZone: "Europe/Berlin" });
    const audit = await auditRowsFor(db, "user", patient.id);
    expect(audit.map((entry) => [entry.action, entry.actorId])).toEqual([["user.walk_in_created", admin.id]]);
    // The entry names the account, not the person's contact details (they must not outlive an account deletion).
    expect(JSON.stringify(audit[0]!.after)).not.toContain(email);

    const token = await emailedToken(email);
    const later = new Date(TEST_NOW.getTime() + 3 * 86_400_000); // days later: the link outlives a one-hour reset link
    expect(await resetPassword(db, token, "a-new-password-2030", later)).toBe(true);
    const [after] = await db.select().from(users).where(eq(users.id, patient.id));
    expect(await verifyPassword(after!.passwordHash, "a-new-password-2030")).toBe(true);
    expect(after!.emailVerifiedAt).toEqual(later);
    expect(await resetPassword(db, token, "another-password-2030", later)).toBe(false);
  });

  it("an address already in use is refused next to the Email field, and nothing is created or sent", async () => {
    const admin = await adminActor(db);
    const existing = await createPatient(db);
    const input = walkInPatientSchema.parse({ fullName: "Double", email: existing.email.toUpperCase(), phone: "" });
    const error = await refusal(createWalkInPatient(db, admin, input, TEST_NOW));
    expect(error.code).toBe("conflict");
    expect(error.fieldErrors?.email).toEqual(["Another account already uses this email address."]);
    expect(await db.select().from(users).where(eq(users.fullName, "Double"))).toEqual([]);
    expect(await db.select().from(emails).where(eq(emails.toAddress, existing.email.toUpperCase()))).toEqual([]);
  });

  it("bad input gets a message per field", () => {
    const result = walkInPatientSchema.safeParse({ fullName: "A", email: "not-an-email", phone: "call me" });
    expect(result.success).toBe(false);
    const fields = Object.keys(result.error!.flatten().fieldErrors).sort();
    expect(fields).toEqual(["email", "fullName", "phone"]);
  });
});

describe("editing a user's name, email and phone", () => {
  it("writes and audits only what changed; the user signs in with the new address", async () => {
    const admin = await adminActor(db);
    const patient = await createPatient(db, { fullName: "Old Name" });
    const email = uniqueEmail("renamed");
    const result = await updateUserDetails(db, admin, userDetailsSchema.parse({ userId: patient.id, fullName: "New Name", email, phone: "+44 20 7946 0000" }));
    expect(result.changed).toEqual(["fullName", "email", "phone"]);
    const [row] = await db.select().from(users).where(eq(users.id, patient.id));
    expect(row).toMatchObject({ fullName: "New Name", email });
    const [profile] = await db.select().from(patientProfiles).where(eq(patientProfiles.userId, patient.id));
    expect(profile!.phone).toBe("+44 20 7946 0000");

    const again = await updateUserDetails(db, admin, userDetailsSchema.parse({ userId: patient.id, fullName: "New Name", email, phone: "+44 20 7946 0000" }));
    expect(again.changed).toEqual([]);
    const audit = await auditRowsFor(db, "user", patient.id);
    expect(audit.map((entry) => [entry.action, entry.actorId, entry.after])).toEqual([
      ["user.details_changed", admin.id, { changed: ["fullName", "email", "phone"] }],
    ]);
  });

  it("another account's address is refused next to the Email field, and nothing changes", async () => {
    const admin = await adminActor(db);
    const [patient, other] = [await createPatient(db, { fullName: "Keeps" }), await createPatient(db)];
    const error = await refusal(
      updateUserDetails(db, admin, userDetailsSchema.parse({ userId: patient.id, fullName: "Changed", email: other.email, phone: "" })),
    );
    expect(error.fieldErrors?.email).toBeDefined();
    const [row] = await db.select().from(users).where(eq(users.id, patient.id));
    expect(row).toMatchObject({ fullName: "Keeps", email: patient.email });
    expect(await auditRowsFor(db, "user", patient.id)).toEqual([]);
  });

  it("a doctor has no phone on file: a phone is refused, their name and email can change", async () => {
    const admin = await adminActor(db);
    const doctor = await createDoctor(db);
    const error = await refusal(
      updateUserDetails(db, admin, userDetailsSchema.parse({ userId: doctor.id, fullName: "Dr. X", email: doctor.email, phone: "+49 30 1" + "234567" })),
    );
    expect(error.fieldErrors?.phone).toEqual(["Only patients have a phone number on file."]);
    const done = await updateUserDetails(db, admin, userDetailsSchema.parse({ userId: doctor.id, fullName: "Dr. Renamed", email: doctor.email }));
    expect(done.changed).toEqual(["fullName"]);
  });
});
