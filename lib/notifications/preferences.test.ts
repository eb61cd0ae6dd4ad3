import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { emails, notificationOptOuts, patientProfiles } from "@/db/schema";
import { GET as unsubscribeGet, POST as unsubscribePost } from "@/app/api/unsubscribe/route";
import { scheduleAppointmentReminder } from "@/inngest/functions/schedule-appointment-reminder";
import { sendBookingConfirmation } from "@/inngest/functions/send-booking-confirmation";
import { bookedEvent, emailsOf } from "@/inngest/testing/events";
import { bookAppointment } from "@/lib/booking/service";
import { sendEmail } from "@/lib/notifications/mailer";
import { notificationAllowed, preferenceGrid, savePreferences } from "@/lib/notifications/preferences";
import { readUnsubscribeToken, unsubscribeToken } from "@/lib/notifications/unsubscribe";
import { useTestDb } from "@/tests/db";
import { TEST_NOW, createDoctor, createPatient, localInstant } from "@/tests/factories";
import { createElement } from "react";
import { ReminderEmail } from "./templates/appointment-emails";

// Preferences through the real sends (no provider configured: emails and
// texts land in the dev mailbox table, which is the log either way), and the
// one-click unsubscribe route called as a mail client calls it: no session.

const db = useTestDb({ max: 3 });

type TestedFunction = ConstructorParameters<typeof InngestTestEngine>[0]["function"];
const run = (fn: TestedFunction, event: object) =>
  new InngestTestEngine({ function: fn, events: [event as never], steps: [{ id: "wait-for-reminder-time", handler: () => undefined }] }).execute();

async function patientWithMobile(phone: string) {
  const patient = await createPatient(db);
  await db.update(patientProfiles).set({ mobilePhone: phone, mobileVerifiedAt: TEST_NOW }).where(eq(patientProfiles.userId, patient.id));
  return patient;
}

async function bookAndNotify(patientId: string, time: string) {
  const doctor = await createDoctor(db);
  const visit = await bookAppointment(db, { patientId, doctorId: doctor.id, startsAt: localInstant("2030-03-05", time), reason: "Check-up" }, TEST_NOW);
  await run(sendBookingConfirmation, bookedEvent(visit));
  await run(scheduleAppointmentReminder, bookedEvent(visit, TEST_NOW));
  return (await emailsOf(db, visit.id)).filter((row) => row.userId === patientId).map((row) => `${row.channel}:${row.template}`);
}

describe("notification preferences", () => {
  it("start all on; every box of the role can be switched off, and only the role's boxes exist", async () => {
    const patient = await createPatient(db);
    const grid = await preferenceGrid(db, { id: patient.id, role: "patient" });
    expect(grid.map((box) => `${box.kind}/${box.channel}`)).toEqual([
      "booking/email",
      "booking/sms",
      "reminders/email",
      "reminders/sms",
      "receipts/email",
      "review_replies/email",
    ]);
    expect(grid.every((box) => box.on)).toBe(true);
    const doctor = await createDoctor(db);
    expect((await preferenceGrid(db, { id: doctor.id, role: "doctor" })).map((box) => `${box.kind}/${box.channel}`)).toEqual([
      "booking/email",
      "monthly_reports/email",
    ]);
    // A doctor's form cannot switch off a kind doctors do not have: only their own boxes are written.
    await savePreferences(db, { id: doctor.id, role: "doctor" }, new Set(["booking/email"]));
    const rows = await db.select().from(notificationOptOuts).where(eq(notificationOptOuts.userId, doctor.id));
    expect(rows.map((row) => `${row.kind}/${row.channel}`)).toEqual(["monthly_reports/email"]);
  });

  it("change what is sent, per kind and per channel", async () => {
    const everything = await patientWithMobile("+4915211110001");
    expect((await bookAndNotify(everything.id, "10:00")).sort()).toEqual([
      "email:appointment-reminder",
      "email:booking-confirmation-patient",
      "sms:sms-appointment-reminder",
      "sms:sms-booking-confirmation",
    ]);

    // Reminders by email off, booking texts off: the rest still goes.
    const choosy = await patientWithMobile("+4915211110002");
    await savePreferences(db, { id: choosy.id, role: "patient" }, new Set(["booking/email", "reminders/sms", "receipts/email"]));
    expect(await notificationAllowed(db, choosy.id, "reminders", "email")).toBe(false);
    expect(await notificationAllowed(db, choosy.id, "reminders", "sms")).toBe(true);
    expect((await bookAndNotify(choosy.id, "11:00")).sort()).toEqual(["email:booking-confirmation-patient", "sms:sms-appointment-reminder"]);
  });

  it("never hold back account and security emails", async () => {
    const patient = await createPatient(db);
    await savePreferences(db, { id: patient.id, role: "patient" }, new Set());
    const sent = await sendEmail(db, {
      to: patient.email,
      userId: patient.id,
      subject: "Reset",
      template: "reset-password",
      body: createElement("p", null, "x"),
    });
    expect(sent.status).toBe("stored");
  });
});

describe("one-click unsubscribe", () => {
  const urlFor = (token: string) => `http://localhost:3000/api/unsubscribe?token=${encodeURIComponent(token)}`;
  const oneClick = (token: string) =>
    new Request(urlFor(token), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: "List-Unsubscribe=One-Click" });

  it("a POST without a session switches off only that kind, on email only; a GET changes nothing", async () => {
    const patient = await createPatient(db);
    const token = unsubscribeToken(patient.id, "reminders");

    const opened = await unsubscribeGet(new Request(urlFor(token)));
    expect(opened.status).toBe(303);
    expect(opened.headers.get("location")).toBe(`http://localhost:3000/unsubscribe?token=${encodeURIComponent(token)}`);
    expect(await notificationAllowed(db, patient.id, "reminders", "email")).toBe(true);

    const response = await unsubscribePost(oneClick(token));
    expect(response.status).toBe(200);
    expect(await notificationAllowed(db, patient.id, "reminders", "email")).toBe(false);
    expect(await notificationAllowed(db, patient.id, "reminders", "sms")).toBe(true);
    expect(await notificationAllowed(db, patient.id, "booking", "email")).toBe(true);
    // A second click (mail clients retry) is the same answer, and the same one row.
    expect((await unsubscribePost(oneClick(token))).status).toBe(200);
    expect(await db.select().from(notificationOptOuts).where(eq(notificationOptOuts.userId, patient.id))).toHaveLength(1);

    // The next reminder email is not sent; the booking confirmation still is.
    const visit = await bookAppointment(
      db,
      { patientId: patient.id, doctorId: (await createDoctor(db)).id, startsAt: localInstant("2030-03-05", "12:00"), reason: "Check-up" },
      TEST_NOW,
    );
    const reminded = await run(scheduleAppointmentReminder, bookedEvent(visit, TEST_NOW));
    expect(reminded.result).toMatchObject({ reminder: { outcome: "skipped", reason: "switched off by the recipient" } });
  });

  it("the confirm page's button posts the token as a form and is sent back to the page", async () => {
    const patient = await createPatient(db);
    const token = unsubscribeToken(patient.id, "receipts");
    const body = new URLSearchParams({ from: "page" }).toString();
    const response = await unsubscribePost(
      new Request(urlFor(token), { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body }),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("http://localhost:3000/unsubscribe?done=receipts");
    expect(await notificationAllowed(db, patient.id, "receipts", "email")).toBe(false);
  });

  it("refuses a token it did not sign, or one changed to name another kind or user", async () => {
    const patient = await createPatient(db);
    const token = unsubscribeToken(patient.id, "reminders");
    const [payload, signature] = token.split(".");
    const otherKind = Buffer.from(JSON.stringify({ u: patient.id, k: "booking" })).toString("base64url");
    for (const forged of [`${otherKind}.${signature}`, `${payload}.${signature.slice(0, -2)}xx`, "nonsense", `${payload}`]) {
      expect(readUnsubscribeToken(forged)).toBeNull();
      expect((await unsubscribePost(oneClick(forged))).status).toBe(400);
    }
    expect(await db.select().from(notificationOptOuts).where(eq(notificationOptOuts.userId, patient.id))).toEqual([]);
  });

  it("every non-essential email carries the unsubscribe link in its footer; account emails do not", async () => {
    const patient = await createPatient(db);
    const visit = { doctorName: "Dr. A", patientName: "P", specialization: null, startsAt: TEST_NOW, endsAt: TEST_NOW, timeZone: "UTC", place: null };
    const links = { detailUrl: "http://x/a", rescheduleUrl: "http://x/b", cancelUrl: "http://x/c" };
    const body = createElement(ReminderEmail, { visit, links });
    await sendEmail(db, { to: patient.email, userId: patient.id, kind: "reminders", subject: "Reminder", template: "t-reminder", body });
    await sendEmail(db, { to: patient.email, userId: patient.id, subject: "Account", template: "t-account", body });
    const [withKind] = await db
      .select()
      .from(emails)
      .where(and(eq(emails.userId, patient.id), eq(emails.template, "t-reminder")));
    const [account] = await db
      .select()
      .from(emails)
      .where(and(eq(emails.userId, patient.id), eq(emails.template, "t-account")));
    expect(withKind.kind).toBe("reminders");
    expect(withKind.html).toContain(`/unsubscribe?token=${encodeURIComponent(unsubscribeToken(patient.id, "reminders"))}`);
    expect(withKind.text).toMatch(/Unsubscribe/);
    expect(withKind.html).toContain("/patient/account#notifications");
    expect(account.html).not.toContain("unsubscribe");
  });
});
