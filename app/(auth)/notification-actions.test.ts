// The "Notifications" section's actions with real sessions: each caller
// changes only their own preferences and number; the mobile number actions
// are the patient's alone; the SMS code allows five tries, expires, and cannot
// be re-sent at once. Texts land in the dev mailbox (no Twilio configured).
import { and, desc, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { emails, notificationOptOuts, patientProfiles, phoneVerifications, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { useTestDb } from "@/tests/db";
import { createAdmin, createDoctor, createPatient } from "@/tests/factories";
import { requestHeaders, sessionCookieFor } from "@/tests/session-cookie";

const session = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(requestHeaders(session.cookie)),
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const actions = await import("./notification-actions");
const { saveNotificationPreferencesAction, sendPhoneCodeAction, confirmPhoneCodeAction, removeMobileAction, changeEmailAction } = actions;

const db = useTestDb();

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) for (const v of [value].flat()) data.append(name, v);
  return data;
}

const signIn = async (user: { id: string; role: "patient" | "doctor" | "admin" }) => (session.cookie = await sessionCookieFor(db, user));
const optOutsOf = async (userId: string) =>
  (await db.select().from(notificationOptOuts).where(eq(notificationOptOuts.userId, userId))).map((row) => `${row.kind}/${row.channel}`).sort();

async function lastCodeTo(phone: string): Promise<string> {
  const [text] = await db
    .select()
    .from(emails)
    .where(and(eq(emails.toAddress, phone), eq(emails.channel, "sms")))
    .orderBy(desc(emails.createdAt))
    .limit(1);
  return text!.text.match(/code is (\d{6})/)![1];
}

/** As if the last code went out `seconds` ago (the resend wait and the expiry are measured from it). */
const age = (userId: string, seconds: number) =>
  db
    .update(phoneVerifications)
    .set({ lastSentAt: new Date(Date.now() - seconds * 1000), expiresAt: new Date(Date.now() - seconds * 1000 + 10 * 60_000) })
    .where(eq(phoneVerifications.userId, userId));

describe("the Notifications section's actions", () => {
  it("refuse a signed-out caller, and nothing changes", async () => {
    session.cookie = "";
    for (const action of Object.values(actions)) {
      expect(await action(null, form({ on: "booking/email", phone: "+4915112345678", code: "123456" }))).toMatchObject({ ok: false, code: "unauthenticated" });
    }
  });

  it("save the caller's own preferences only, for each role", async () => {
    const patient = await createPatient(db);
    const doctor = await createDoctor(db);
    const admin = await createAdmin(db);
    await signIn({ id: patient.id, role: "patient" });
    expect(await saveNotificationPreferencesAction(null, form({ on: ["booking/email", "booking/sms", "reminders/sms"] }))).toMatchObject({ ok: true });
    expect(await optOutsOf(patient.id)).toEqual(["receipts/email", "reminders/email", "review_replies/email"]);
    await signIn({ id: doctor.id, role: "doctor" });
    // A patient's box in a doctor's form means nothing: only the doctor's own kinds are written.
    await saveNotificationPreferencesAction(null, form({ on: ["monthly_reports/email", "reminders/sms"] }));
    expect(await optOutsOf(doctor.id)).toEqual(["booking/email"]);
    expect(await optOutsOf(patient.id)).toHaveLength(3);
    await signIn({ id: admin.id, role: "admin" });
    expect(await saveNotificationPreferencesAction(null, form({}))).toMatchObject({ ok: true });
    expect(await optOutsOf(admin.id)).toEqual([]);
  });

  it("keep the mobile number actions to patients", async () => {
    const doctor = await createDoctor(db);
    await signIn({ id: doctor.id, role: "doctor" });
    for (const action of [sendPhoneCodeAction, confirmPhoneCodeAction, removeMobileAction]) {
      expect(await action(null, form({ phone: "+4915112345678", code: "123456" }))).toMatchObject({ ok: false, code: "forbidden" });
    }
    expect(await db.select().from(phoneVerifications).where(eq(phoneVerifications.userId, doctor.id))).toEqual([]);
  });

  it("confirm a mobile number by its SMS code: E.164, five tries, no instant re-send, expiry", async () => {
    const patient = await createPatient(db);
    await signIn({ id: patient.id, role: "patient" });
    expect(await sendPhoneCodeAction(null, form({ phone: "030 1234567" }))).toMatchObject({
      ok: false,
      fieldErrors: { phone: [expect.stringMatching(/valid mobile/)] },
    });
    expect(await sendPhoneCodeAction(null, form({ phone: "+49 30 1234567" }))).toMatchObject({
      ok: false,
      fieldErrors: { phone: [expect.stringMatching(/not a mobile/)] },
    });

    expect(await sendPhoneCodeAction(null, form({ phone: "+49 151 2345 6789" }))).toMatchObject({
      ok: true,
      message: expect.stringContaining("+4915123456789"),
    });
    const code = await lastCodeTo("+4915123456789");
    const [stored] = await db.select().from(phoneVerifications).where(eq(phoneVerifications.userId, patient.id));
    expect(stored.codeHash).not.toContain(code);
    expect(await sendPhoneCodeAction(null, form({ phone: "+4915123456789" }))).toMatchObject({ ok: false, code: "rate_limited" });

    const wrong = code === "000000" ? "111111" : "000000";
    for (const left of [4, 3, 2, 1]) {
      expect(await confirmPhoneCodeAction(null, form({ code: wrong }))).toMatchObject({
        ok: false,
        fieldErrors: { code: [`That code is not right. ${left} ${left === 1 ? "try" : "tries"} left.`] },
      });
    }
    expect(await confirmPhoneCodeAction(null, form({ code: wrong }))).toMatchObject({
      ok: false,
      fieldErrors: { code: ["Too many wrong codes. Ask for a new one."] },
    });
    // Out of tries: even the right code is refused now.
    expect(await confirmPhoneCodeAction(null, form({ code }))).toMatchObject({
      ok: false,
      fieldErrors: { code: ["Too many wrong codes. Ask for a new one."] },
    });
    const profile = async () => (await db.select().from(patientProfiles).where(eq(patientProfiles.userId, patient.id)))[0]!;
    expect((await profile()).mobilePhone).toBeNull();

    // A new code, a minute later, starts over; an expired one is refused.
    await age(patient.id, 61);
    expect(await sendPhoneCodeAction(null, form({ phone: "+4915123456789" }))).toMatchObject({ ok: true });
    await age(patient.id, 11 * 60);
    expect(await confirmPhoneCodeAction(null, form({ code: await lastCodeTo("+4915123456789") }))).toMatchObject({
      ok: false,
      fieldErrors: { code: ["That code has expired. Ask for a new one."] },
    });

    await sendPhoneCodeAction(null, form({ phone: "+4915123456789" }));
    expect(await confirmPhoneCodeAction(null, form({ code: await lastCodeTo("+4915123456789") }))).toMatchObject({ ok: true });
    expect(await profile()).toMatchObject({ mobilePhone: "+4915123456789", mobileVerifiedAt: expect.any(Date) });
    expect(await db.select().from(phoneVerifications).where(eq(phoneVerifications.userId, patient.id))).toEqual([]);

    expect(await removeMobileAction(null, form({}))).toMatchObject({ ok: true });
    expect(await profile()).toMatchObject({ mobilePhone: null, mobileVerifiedAt: null });
  });

  it("change the caller's own email address only with their current password", async () => {
    const patient = await createPatient(db);
    await db
      .update(users)
      .set({ passwordHash: await hashPassword("the current long passphrase") })
      .where(eq(users.id, patient.id));
    await signIn({ id: patient.id, role: "patient" });
    expect(await changeEmailAction(null, form({ email: "new@example.org", currentPassword: "wrong one" }))).toMatchObject({
      ok: false,
      fieldErrors: { currentPassword: ["That is not your current password."] },
    });
    const other = await createPatient(db);
    expect(await changeEmailAction(null, form({ email: other.email, currentPassword: "the current long passphrase" }))).toMatchObject({
      ok: false,
      fieldErrors: { email: ["Another account uses that address."] },
    });
    const fresh = `moved-${patient.email}`;
    expect(await changeEmailAction(null, form({ email: fresh, currentPassword: "the current long passphrase" }))).toMatchObject({ ok: true });
    expect((await db.select().from(users).where(eq(users.id, patient.id)))[0]).toMatchObject({ email: fresh, emailVerifiedAt: null });
  });
});
