import { InngestTestEngine } from "@inngest/test";
import { and, eq } from "drizzle-orm";
import { getExpectedTwilioSignature } from "twilio/lib/webhooks/webhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { emails, patientProfiles, smsOptOuts } from "@/db/schema";
import { POST as inbound } from "@/app/api/webhooks/twilio/inbound/route";
import { POST as statusCallback } from "@/app/api/webhooks/twilio/status/route";
import { scheduleAppointmentReminder } from "@/inngest/functions/schedule-appointment-reminder";
import { sendBookingConfirmation } from "@/inngest/functions/send-booking-confirmation";
import { sendCancellationNotice } from "@/inngest/functions/send-cancellation-notice";
import { startFakeTwilio } from "@/inngest/testing/fake-twilio";
import { bookedEvent, cancelledEvent, emailsOf } from "@/inngest/testing/events";
import { bookAppointment, cancelAppointment } from "@/lib/booking/service";
import { savePreferences } from "@/lib/notifications/preferences";
import { textConfirmation } from "@/lib/notifications/sms/appointments";
import { useTestDb } from "@/tests/db";
import { TEST_NOW, createDoctor, createPatient, localInstant } from "@/tests/factories";

// The real twilio SDK, pointed at a local fake of Twilio's API
// (TWILIO_API_BASE): what would reach Twilio is what is checked here. The
// webhooks are signed with the SDK's own signer and go through the route handlers.

const db = useTestDb({ max: 3 });
const SID = `AC${"1".repeat(32)}`;
const TOKEN = "twilio-test-auth-token-0123456789";
const FROM = "+15005550006";
let twilio: Awaited<ReturnType<typeof startFakeTwilio>>;

beforeAll(async () => {
  twilio = await startFakeTwilio();
  // Read when the sender first validates the environment: set before any send.
  Object.assign(process.env, { TWILIO_ACCOUNT_SID: SID, TWILIO_AUTH_TOKEN: TOKEN, TWILIO_FROM: FROM, TWILIO_API_BASE: twilio.url });
});

afterAll(async () => {
  for (const name of ["TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN", "TWILIO_FROM", "TWILIO_API_BASE"]) delete process.env[name];
  await twilio?.stop();
});

let numbers = 0;
/** A patient whose mobile number is confirmed (a fresh German mobile number each). */
async function patientWithMobile(db: Db, timeZone = "Europe/Berlin") {
  const patient = await createPatient(db, { timeZone });
  const phone = `+49151${String(2000000 + Math.floor(Math.random() * 7000000) + numbers++).padStart(8, "0")}`;
  await db.update(patientProfiles).set({ mobilePhone: phone, mobileVerifiedAt: TEST_NOW }).where(eq(patientProfiles.userId, patient.id));
  return { ...patient, phone };
}

const textsTo = (phone: string) => twilio.messages.filter((message) => message.params.To === phone);

type TestedFunction = ConstructorParameters<typeof InngestTestEngine>[0]["function"];
const run = (fn: TestedFunction, event: object) =>
  new InngestTestEngine({ function: fn, events: [event as never], steps: [{ id: "wait-for-reminder-time", handler: () => undefined }] }).execute();

async function book(patientId: string, time: string) {
  const doctor = await createDoctor(db, { fullName: "Dr. Text" });
  return bookAppointment(db, { patientId, doctorId: doctor.id, startsAt: localInstant("2030-03-05", time), reason: "Chest pain follow-up" }, TEST_NOW);
}

/** A webhook as Twilio sends it: form-encoded, signed over APP_URL's address and the fields. */
function twilioRequest(path: string, params: Record<string, string>, signed = true): Request {
  const url = `http://localhost:3000${path}`;
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded" };
  if (signed) headers["x-twilio-signature"] = getExpectedTwilioSignature(TOKEN, url, params);
  return new Request(url, { method: "POST", headers, body: new URLSearchParams(params).toString() });
}

describe("text messages through Twilio", () => {
  it("an opted-in patient gets the confirmation and the reminder by SMS, in their zone, without health details", async () => {
    const patient = await patientWithMobile(db, "America/New_York");
    const visit = await book(patient.id, "10:00");

    const confirmed = await run(sendBookingConfirmation, bookedEvent(visit));
    expect(confirmed.result).toMatchObject({ patient: { outcome: "stored" }, patientSms: { outcome: "sent" } });
    const reminded = await run(scheduleAppointmentReminder, bookedEvent(visit, TEST_NOW));
    expect(reminded.result).toMatchObject({ reminder: { outcome: "stored" }, reminderSms: { outcome: "sent" } });

    const [confirmation, reminder] = textsTo(patient.phone);
    expect(textsTo(patient.phone)).toHaveLength(2);
    expect(confirmation.path).toBe(`/api/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(confirmation.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString("base64")}`);
    expect(confirmation.params).toMatchObject({ To: patient.phone, From: FROM, StatusCallback: "http://localhost:3000/api/webhooks/twilio/status" });
    // 10:00 in Berlin is 04:00 in New York; the reason for the visit is never texted.
    expect(confirmation.params.Body).toBe(
      `Careslot: your appointment with Dr. Text is confirmed for Tue 5 Mar 2030, 04:00 New York time (UTC\u22125). Details: http://localhost:3000/patient/appointments/${visit.id}`,
    );
    expect(reminder.params.Body).toMatch(/^Careslot reminder: appointment with Dr\. Text on Tue 5 Mar 2030, 04:00 New York time/);
    for (const text of [confirmation, reminder]) expect(text.params.Body).not.toMatch(/chest|pain|follow/i);

    const logged = (await emailsOf(db, visit.id)).filter((row) => row.channel === "sms");
    expect(logged.map((row) => [row.template, row.kind, row.provider, row.status, row.toAddress])).toEqual([
      ["sms-booking-confirmation", "booking", "twilio", "sent", patient.phone],
      ["sms-appointment-reminder", "reminders", "twilio", "sent", patient.phone],
    ]);
    expect(logged.map((row) => row.providerId).sort()).toEqual([confirmation.sid, reminder.sid].sort());
  });

  it("a patient who switched text messages off, or has no confirmed number, gets none (the emails still go)", async () => {
    const optedOut = await patientWithMobile(db);
    await savePreferences(db, { id: optedOut.id, role: "patient" }, new Set(["booking/email", "reminders/email", "receipts/email", "review_replies/email"]));
    const noNumber = await createPatient(db);
    for (const patient of [optedOut, noNumber]) {
      const visit = await book(patient.id, patient === optedOut ? "11:00" : "12:00");
      const confirmed = await run(sendBookingConfirmation, bookedEvent(visit));
      const reminded = await run(scheduleAppointmentReminder, bookedEvent(visit, TEST_NOW));
      expect(confirmed.result).toMatchObject({ patient: { outcome: "stored" }, patientSms: { outcome: "skipped" } });
      expect(reminded.result).toMatchObject({ reminder: { outcome: "stored" }, reminderSms: { outcome: "skipped" } });
      expect((await emailsOf(db, visit.id)).filter((row) => row.channel === "sms")).toEqual([]);
    }
    expect(textsTo(optedOut.phone)).toEqual([]);
  });

  it("a cancelled visit's reminder is sent on no channel; the cancellation is texted", async () => {
    const patient = await patientWithMobile(db);
    const visit = await book(patient.id, "13:00");
    await cancelAppointment(db, { appointmentId: visit.id, actor: { id: patient.id, role: "patient" }, reason: "Feeling better" }, TEST_NOW);

    const reminded = await run(scheduleAppointmentReminder, bookedEvent(visit, TEST_NOW));
    expect(reminded.result).toMatchObject({
      reminder: { outcome: "skipped", reason: "appointment is cancelled" },
      reminderSms: { outcome: "skipped", reason: "appointment is cancelled" },
    });
    const cancelled = await run(sendCancellationNotice, cancelledEvent(visit.id, "patient", "Feeling better"));
    expect(cancelled.result).toMatchObject({ patientSms: { outcome: "sent" } });

    const templates = (await emailsOf(db, visit.id)).map((row) => row.template);
    expect(templates).not.toContain("appointment-reminder");
    expect(templates).not.toContain("sms-appointment-reminder");
    expect(textsTo(patient.phone).map((text) => text.params.Body)).toEqual([
      expect.stringMatching(/^Careslot: your appointment with Dr\. Text on .* is cancelled\.$/),
    ]);
  });

  it("a refused send throws (so the job retries it) and is logged as failed; the retry sends once", async () => {
    const patient = await patientWithMobile(db);
    const visit = await book(patient.id, "14:00");
    twilio.refuseNext(1);
    await expect(textConfirmation(db, visit.id)).rejects.toThrow(/Invalid 'To' Phone Number/);
    expect(await textConfirmation(db, visit.id)).toMatchObject({ outcome: "sent" });
    expect(await textConfirmation(db, visit.id)).toMatchObject({ outcome: "skipped", reason: "already sent" });
    const statuses = (await emailsOf(db, visit.id)).filter((row) => row.channel === "sms").map((row) => row.status);
    expect(statuses.sort()).toEqual(["failed", "sent"]);
    expect(textsTo(patient.phone)).toHaveLength(1);
  });

  it("Twilio's status callbacks, signed, move the SMS log on; unsigned or replayed ones change nothing", async () => {
    const patient = await patientWithMobile(db);
    const visit = await book(patient.id, "15:00");
    await textConfirmation(db, visit.id);
    const [text] = textsTo(patient.phone);
    const row = async () => (await db.select().from(emails).where(eq(emails.providerId, text.sid)))[0]!;

    const unsigned = await statusCallback(twilioRequest("/api/webhooks/twilio/status", { MessageSid: text.sid, MessageStatus: "failed" }, false));
    expect(unsigned.status).toBe(403);
    expect((await row()).status).toBe("sent");

    const delivered = { MessageSid: text.sid, MessageStatus: "delivered", AccountSid: SID };
    expect((await statusCallback(twilioRequest("/api/webhooks/twilio/status", delivered))).status).toBe(204);
    expect((await row()).status).toBe("delivered");
    // A carrier's later "undelivered" still shows (it ranks above delivered); a replay of it changes nothing more.
    const undelivered = { MessageSid: text.sid, MessageStatus: "undelivered", ErrorCode: "30003", AccountSid: SID };
    expect((await statusCallback(twilioRequest("/api/webhooks/twilio/status", undelivered))).status).toBe(204);
    expect(await row()).toMatchObject({ status: "undelivered", error: "Twilio error 30003" });
    await db.update(emails).set({ status: "delivered" }).where(eq(emails.providerId, text.sid));
    expect((await statusCallback(twilioRequest("/api/webhooks/twilio/status", undelivered))).status).toBe(204);
    expect((await row()).status).toBe("delivered");
  });

  it("STOP from the patient's phone (signed) opts the number out of every text; START opts it back in; an unsigned one is refused", async () => {
    const patient = await patientWithMobile(db);
    const stopped = () => db.select().from(smsOptOuts).where(eq(smsOptOuts.phone, patient.phone));

    const forged = await inbound(twilioRequest("/api/webhooks/twilio/inbound", { From: patient.phone, To: FROM, Body: "STOP" }, false));
    expect(forged.status).toBe(403);
    expect(await stopped()).toEqual([]);

    const stop = await inbound(twilioRequest("/api/webhooks/twilio/inbound", { From: patient.phone, To: FROM, Body: " stop ", MessageSid: "SMin1" }));
    expect(stop.status).toBe(200);
    expect(await stop.text()).toContain("<Response></Response>");
    expect(await stopped()).toHaveLength(1);

    const visit = await book(patient.id, "16:00");
    expect(await textConfirmation(db, visit.id)).toMatchObject({ outcome: "suppressed" });
    expect(textsTo(patient.phone)).toEqual([]);
    const [suppressed] = await db
      .select()
      .from(emails)
      .where(and(eq(emails.appointmentId, visit.id), eq(emails.channel, "sms")));
    expect(suppressed).toMatchObject({ status: "suppressed", error: "number opted out (STOP)" });

    await inbound(twilioRequest("/api/webhooks/twilio/inbound", { From: patient.phone, To: FROM, Body: "START", MessageSid: "SMin2" }));
    expect(await stopped()).toEqual([]);
    const later = await book(patient.id, "09:00");
    expect(await textConfirmation(db, later.id)).toMatchObject({ outcome: "sent" });
  });
});
