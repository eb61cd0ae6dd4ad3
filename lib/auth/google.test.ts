// What a Google identity means for Careslot's accounts, against the real
// database: new accounts (patient, or the doctor chosen, pending), straight
// sign-in once linked, linking only with Google's verification AND the
// account's password (which the lockout counts), and unlinking only with a
// password to fall back on.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { accounts, auditLog, doctorProfiles, emails, patientProfiles, signInThrottle, users } from "@/db/schema";
import { anonymiseUser } from "@/db/queries/patient-data";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import { createPatient, uniqueEmail } from "@/tests/factories";
import { verifyCredentials } from "./credentials";
import { googleLinkStatus, linkGoogleAccount, resolveGoogleIdentity, unlinkGoogleAccount, type GoogleIdentity, type GoogleIntent } from "./google";
import { LOCKOUT_MAX_FAILURES } from "./lockout";
import { hashPassword } from "./password";

const db = useTestDb();
const PASSWORD = "the account's own long password";
const PATIENT: GoogleIntent = { role: "patient", timeZone: "Europe/Berlin" };

function identity(overrides: Partial<GoogleIdentity> = {}): GoogleIdentity {
  return { subject: randomUUID(), email: uniqueEmail("google"), emailVerified: true, name: "Gina Google", ...overrides };
}

async function userRow(userId: string) {
  const [row] = await db.select().from(users).where(eq(users.id, userId));
  return row!;
}

async function linksOf(userId: string) {
  return db.select().from(accounts).where(eq(accounts.userId, userId));
}

/** A patient with a real password hash. */
async function patientWithPassword(options: { active?: boolean } = {}) {
  const patient = await createPatient(db, { active: options.active });
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(PASSWORD) })
    .where(eq(users.id, patient.id));
  return patient;
}

describe("a Google identity that matches no account", () => {
  it("makes a patient without a password, its email verified because Google says so, linked to the subject", async () => {
    const google = identity();
    const outcome = await resolveGoogleIdentity(db, google, PATIENT, new Date());
    expect(outcome).toMatchObject({ kind: "signed-in", created: true, user: { role: "patient", fullName: "Gina Google", email: google.email } });
    if (outcome.kind !== "signed-in") throw new Error("unreachable");
    const user = await userRow(outcome.user.id);
    expect(user.passwordHash).toBeNull();
    expect(user.emailVerifiedAt).not.toBeNull();
    const [profile] = await db.select().from(patientProfiles).where(eq(patientProfiles.userId, user.id));
    expect(profile!.timeZone).toBe("Europe/Berlin");
    expect(await linksOf(user.id)).toMatchObject([{ provider: "google", providerAccountId: google.subject, email: google.email }]);
  });

  it("makes the doctor they chose, pending verification like any new doctor", async () => {
    const outcome = await resolveGoogleIdentity(db, identity(), { role: "doctor", timeZone: "UTC" }, new Date());
    if (outcome.kind !== "signed-in") throw new Error(`expected a new doctor, got ${outcome.kind}`);
    expect(outcome.user.role).toBe("doctor");
    const [profile] = await db.select().from(doctorProfiles).where(eq(doctorProfiles.userId, outcome.user.id));
    expect(profile!.verificationStatus).toBe("pending");
  });

  it("is refused when Google did not verify the email, exactly as for an existing account's, and makes nothing", async () => {
    // A new account from an address Google did not verify would keep its Google link (whoever typed the address)
    // after the address's owner takes the account over through "Forgot your password?".
    const google = identity({ emailVerified: false });
    const patient = await patientWithPassword();
    const answers = [
      await resolveGoogleIdentity(db, google, PATIENT, new Date()),
      await resolveGoogleIdentity(db, identity({ email: patient.email, emailVerified: false }), PATIENT, new Date()),
    ];
    expect(answers).toEqual([
      { kind: "refused", reason: "unverified_email" },
      { kind: "refused", reason: "unverified_email" },
    ]);
    expect(await db.select().from(users).where(eq(users.email, google.email))).toEqual([]);
    expect(await db.select().from(accounts).where(eq(accounts.providerAccountId, google.subject))).toEqual([]);
    expect(await db.select().from(emails).where(eq(emails.toAddress, google.email))).toEqual([]);
  });

  it("names the account after the email when Google gives no name", async () => {
    const google = identity({ name: null });
    const outcome = await resolveGoogleIdentity(db, google, PATIENT, new Date());
    if (outcome.kind !== "signed-in") throw new Error("unreachable");
    expect(outcome.user.fullName).toBe(google.email.split("@")[0]);
  });
});

describe("a linked Google identity", () => {
  it("signs in to the same account every time, whatever its email says now", async () => {
    const google = identity();
    const first = await resolveGoogleIdentity(db, google, PATIENT, new Date());
    const again = await resolveGoogleIdentity(
      db,
      { ...google, email: uniqueEmail("changed"), emailVerified: false },
      { role: "doctor", timeZone: "UTC" },
      new Date(),
    );
    expect(first.kind).toBe("signed-in");
    expect(again).toMatchObject({ kind: "signed-in", created: false, user: { id: first.kind === "signed-in" ? first.user.id : "", role: "patient" } });
  });

  it("is refused once the account is deactivated", async () => {
    const google = identity();
    const first = await resolveGoogleIdentity(db, google, PATIENT, new Date());
    if (first.kind !== "signed-in") throw new Error("unreachable");
    await db.update(users).set({ active: false }).where(eq(users.id, first.user.id));
    expect(await resolveGoogleIdentity(db, google, PATIENT, new Date())).toEqual({ kind: "refused", reason: "inactive" });
  });

  it("still signs in while the password is locked out, and leaves the failure count as it is", async () => {
    const patient = await patientWithPassword();
    const google = identity({ email: patient.email });
    await linkGoogleAccount(db, { userId: patient.id, subject: google.subject, email: google.email }, PASSWORD, new Date());
    const now = new Date();
    for (let attempt = 0; attempt < LOCKOUT_MAX_FAILURES; attempt++) await verifyCredentials(db, patient.email, "guess", now);
    expect(await verifyCredentials(db, patient.email, PASSWORD, now)).toMatchObject({ ok: false, reason: "locked" });
    expect(await resolveGoogleIdentity(db, google, PATIENT, now)).toMatchObject({ kind: "signed-in", user: { id: patient.id } });
    const [throttle] = await db.select().from(signInThrottle).where(eq(signInThrottle.emailKey, patient.email.toLowerCase()));
    expect(throttle!.failures).toBe(LOCKOUT_MAX_FAILURES);
    expect(await verifyCredentials(db, patient.email, PASSWORD, now)).toMatchObject({ ok: false, reason: "locked" });
  });

  it("is removed when the account is deleted, so it cannot sign in to the emptied row", async () => {
    const google = identity();
    const first = await resolveGoogleIdentity(db, google, PATIENT, new Date());
    if (first.kind !== "signed-in") throw new Error("unreachable");
    await db.transaction((tx) => anonymiseUser(tx, first.user.id, new Date()));
    expect(await linksOf(first.user.id)).toEqual([]);
  });
});

describe("a Google identity with an existing account's email", () => {
  it("asks for the account's password when Google verified the email; creates nothing", async () => {
    const patient = await patientWithPassword();
    const outcome = await resolveGoogleIdentity(db, identity({ email: patient.email.toUpperCase() }), PATIENT, new Date());
    expect(outcome).toEqual({ kind: "link-required", userId: patient.id, email: patient.email });
    expect(await linksOf(patient.id)).toEqual([]);
  });

  it("is refused when Google did not verify the email", async () => {
    const patient = await patientWithPassword();
    expect(await resolveGoogleIdentity(db, identity({ email: patient.email, emailVerified: false }), PATIENT, new Date())).toEqual({
      kind: "refused",
      reason: "unverified_email",
    });
    expect(await linksOf(patient.id)).toEqual([]);
  });

  it("is refused for a deactivated account, and for one already linked to another Google account", async () => {
    const inactive = await patientWithPassword({ active: false });
    expect(await resolveGoogleIdentity(db, identity({ email: inactive.email }), PATIENT, new Date())).toEqual({ kind: "refused", reason: "inactive" });

    const linked = await patientWithPassword();
    const first = identity({ email: linked.email });
    expect(await linkGoogleAccount(db, { userId: linked.id, subject: first.subject, email: first.email }, PASSWORD, new Date())).toMatchObject({ ok: true });
    expect(await resolveGoogleIdentity(db, identity({ email: linked.email }), PATIENT, new Date())).toEqual({ kind: "refused", reason: "linked_elsewhere" });
  });
});

describe("linkGoogleAccount: the password, once", () => {
  it("links with the right password, audited; later sign-ins go straight in", async () => {
    const patient = await patientWithPassword();
    const google = identity({ email: patient.email });
    const linked = await linkGoogleAccount(db, { userId: patient.id, subject: google.subject, email: google.email }, PASSWORD, new Date());
    expect(linked).toMatchObject({ ok: true, user: { id: patient.id, role: "patient" } });
    expect(await linksOf(patient.id)).toMatchObject([{ providerAccountId: google.subject }]);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, patient.id), eq(auditLog.action, "user.google_linked")));
    expect(audit).toHaveLength(1);
    expect(await resolveGoogleIdentity(db, google, PATIENT, new Date())).toMatchObject({ kind: "signed-in", user: { id: patient.id } });
  });

  it("refuses a wrong password and counts it in the same lockout as the sign-in form", async () => {
    const patient = await patientWithPassword();
    const pending = { userId: patient.id, subject: randomUUID(), email: patient.email };
    const now = new Date();
    for (let attempt = 1; attempt < LOCKOUT_MAX_FAILURES; attempt++) {
      expect(await linkGoogleAccount(db, pending, "a wrong password", now)).toEqual({ ok: false, reason: "invalid" });
    }
    const [throttle] = await db.select().from(signInThrottle).where(eq(signInThrottle.emailKey, patient.email.toLowerCase()));
    expect(throttle!.failures).toBe(LOCKOUT_MAX_FAILURES - 1);
    // One more wrong password at the sign-in form fills the count: both paths are now locked.
    expect(await verifyCredentials(db, patient.email, "another wrong one", now)).toMatchObject({ ok: false, reason: "locked" });
    expect(await linkGoogleAccount(db, pending, PASSWORD, now)).toMatchObject({ ok: false, reason: "locked" });
    expect(await linksOf(patient.id)).toEqual([]);
  });

  it("a password locked out at the sign-in form cannot be confirmed through Google either", async () => {
    const patient = await patientWithPassword();
    const now = new Date();
    for (let attempt = 0; attempt < LOCKOUT_MAX_FAILURES; attempt++) await verifyCredentials(db, patient.email, "guess", now);
    const refused = await linkGoogleAccount(db, { userId: patient.id, subject: randomUUID(), email: patient.email }, PASSWORD, now);
    expect(refused).toMatchObject({ ok: false, reason: "locked", retryAfterSeconds: expect.any(Number) });
  });

  it("is refused for an account deactivated since Google answered", async () => {
    const patient = await patientWithPassword({ active: false });
    expect(await linkGoogleAccount(db, { userId: patient.id, subject: randomUUID(), email: patient.email }, PASSWORD, new Date())).toEqual({
      ok: false,
      reason: "inactive",
    });
  });

  it("refuses a Google account already linked to someone else", async () => {
    const google = identity();
    await resolveGoogleIdentity(db, google, PATIENT, new Date());
    const other = await patientWithPassword();
    expect(await linkGoogleAccount(db, { userId: other.id, subject: google.subject, email: google.email }, PASSWORD, new Date())).toEqual({
      ok: false,
      reason: "linked_elsewhere",
    });
  });
});

describe("unlinkGoogleAccount", () => {
  it("unlinks an account that has a password, audited, and leaves other accounts' links alone", async () => {
    const patient = await patientWithPassword();
    await linkGoogleAccount(db, { userId: patient.id, subject: randomUUID(), email: patient.email }, PASSWORD, new Date());
    const bystander = await resolveGoogleIdentity(db, identity(), PATIENT, new Date());
    await unlinkGoogleAccount(db, { id: patient.id, role: "patient" });
    expect(await googleLinkStatus(db, patient.id)).toEqual({ linked: null, hasPassword: true });
    if (bystander.kind !== "signed-in") throw new Error("unreachable");
    expect(await linksOf(bystander.user.id)).toHaveLength(1);
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, patient.id), eq(auditLog.action, "user.google_unlinked")));
    expect(audit).toHaveLength(1);
  });

  it("refuses to unlink the only way an account signs in", async () => {
    const created = await resolveGoogleIdentity(db, identity(), PATIENT, new Date());
    if (created.kind !== "signed-in") throw new Error("unreachable");
    await expect(unlinkGoogleAccount(db, created.user)).rejects.toMatchObject({ code: "conflict" } satisfies Partial<AppError>);
    expect(await linksOf(created.user.id)).toHaveLength(1);
  });
});
