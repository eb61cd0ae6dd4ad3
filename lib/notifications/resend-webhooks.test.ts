import { createHmac, randomBytes } from "node:crypto";
import { InngestTestEngine } from "@inngest/test";
import { eq } from "drizzle-orm";
import { renderToStaticMarkup } from "react-dom/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { emails, undeliverableAddresses, users } from "@/db/schema";
import { POST as resendWebhook } from "@/app/api/webhooks/resend/route";
import { UndeliverableEmailBanner } from "@/components/notifications/undeliverable-banner";
import { scheduleAppointmentReminder } from "@/inngest/functions/schedule-appointment-reminder";
import { sendBookingConfirmation } from "@/inngest/functions/send-booking-confirmation";
import { startResendCapture } from "@/inngest/testing/capture-resend";
import { bookedEvent, emailsOf } from "@/inngest/testing/events";
import { hashPassword } from "@/lib/auth/password";
import { bookAppointment } from "@/lib/booking/service";
import { changeEmailAddress } from "@/lib/auth/email-change";
import { unsubscribeToken } from "@/lib/notifications/unsubscribe";
import { useTestDb } from "@/tests/db";
import { TEST_NOW, createDoctor, createPatient, localInstant } from "@/tests/factories";

// The real Resend SDK at a local capture server sends; Resend's webhooks are
// signed here with the svix scheme (HMAC-SHA256 over "id.timestamp.body" with
// the whsec_ secret) and go through the route handler.

const db = useTestDb({ max: 3 });
const SECRET = `whsec_${randomBytes(24).toString("base64")}`;
let resend: Awaited<ReturnType<typeof startResendCapture>>;

beforeAll(async () => {
  resend = await startResendCapture();
  Object.assign(process.env, { RESEND_API_KEY: "re_test_capture_key", RESEND_BASE_URL: resend.url, RESEND_WEBHOOK_SECRET: SECRET });
});

afterAll(async () => {
  for (const name of ["RESEND_API_KEY", "RESEND_BASE_URL", "RESEND_WEBHOOK_SECRET"]) delete process.env[name];
  await resend?.stop();
});

let deliveries = 0;
function webhook(event: object, options: { id?: string; signed?: boolean; timestamp?: number; secret?: string } = {}): Request {
  const id = options.id ?? `msg_${++deliveries}_${randomBytes(4).toString("hex")}`;
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const payload = JSON.stringify(event);
  const key = Buffer.from((options.secret ?? SECRET).slice("whsec_".length), "base64");
  const signature = `v1,${createHmac("sha256", key).update(`${id}.${timestamp}.${payload}`).digest("base64")}`;
  const headers: Record<string, string> = { "content-type": "application/json", "svix-id": id, "svix-timestamp": timestamp };
  if (options.signed !== false) headers["svix-signature"] = signature;
  return new Request("http://localhost:3000/api/webhooks/resend", { method: "POST", headers, body: payload });
}

const event = (type: string, emailId: string, extra: object = {}) => ({ type, created_at: new Date().toISOString(), data: { email_id: emailId, ...extra } });

type TestedFunction = ConstructorParameters<typeof InngestTestEngine>[0]["function"];
const run = (fn: TestedFunction, e: object) =>
  new InngestTestEngine({ function: fn, events: [e as never], steps: [{ id: "wait-for-reminder-time", handler: () => undefined }] }).execute();

async function bookedVisit(patientId: string, time: string) {
  const doctor = await createDoctor(db);
  return bookAppointment(db, { patientId, doctorId: doctor.id, startsAt: localInstant("2030-03-05", time), reason: "Check-up" }, TEST_NOW);
}

async function confirmationRow(patientEmail: string, appointmentId: string) {
  return (await emailsOf(db, appointmentId)).find((row) => row.toAddress === patientEmail)!;
}

describe("Resend: headers and delivery webhooks", () => {
  it("a non-essential email carries RFC 8058 one-click headers naming its kind", async () => {
    const patient = await createPatient(db);
    const visit = await bookedVisit(patient.id, "09:00");
    await run(sendBookingConfirmation, bookedEvent(visit));
    const sent = resend.emails.find((email) => email.body.to === patient.email)!;
    const headers = (sent.body as unknown as { headers: Record<string, string> }).headers;
    expect(headers).toEqual({
      "List-Unsubscribe": `<http://localhost:3000/api/unsubscribe?token=${encodeURIComponent(unsubscribeToken(patient.id, "booking"))}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    // The log keeps no working token (its links are redacted like reset links).
    expect((await confirmationRow(patient.email, visit.id)).html).not.toContain(unsubscribeToken(patient.id, "booking"));
  });

  it("signed webhooks move an email to delivered, delayed does not undo it; unsigned, badly signed, stale or replayed ones change nothing", async () => {
    const patient = await createPatient(db);
    const visit = await bookedVisit(patient.id, "10:00");
    await run(sendBookingConfirmation, bookedEvent(visit));
    const row = await confirmationRow(patient.email, visit.id);
    expect(row).toMatchObject({ status: "sent", provider: "resend" });
    const status = async () => (await db.select().from(emails).where(eq(emails.id, row.id)))[0]!.status;

    expect((await resendWebhook(webhook(event("email.delivered", row.providerId!), { signed: false }))).status).toBe(401);
    expect((await resendWebhook(webhook(event("email.delivered", row.providerId!), { secret: `whsec_${randomBytes(24).toString("base64")}` }))).status).toBe(
      401,
    );
    const stale = Math.floor(Date.now() / 1000) - 60 * 60;
    expect((await resendWebhook(webhook(event("email.delivered", row.providerId!), { timestamp: stale }))).status).toBe(401);
    expect(await status()).toBe("sent");

    const delayed = webhook(event("email.delivery_delayed", row.providerId!), { id: "msg_delay_1" });
    expect(await (await resendWebhook(delayed)).json()).toMatchObject({ result: "applied" });
    expect(await status()).toBe("delayed");
    expect(await (await resendWebhook(webhook(event("email.delivered", row.providerId!)))).json()).toMatchObject({ result: "applied" });
    expect(await status()).toBe("delivered");
    // The same svix-id again (Resend retrying, or someone replaying a captured request) is a no-op, even with another body.
    const replay = await resendWebhook(webhook(event("email.bounced", row.providerId!, { bounce: { type: "Permanent" } }), { id: "msg_delay_1" }));
    expect(await replay.json()).toMatchObject({ result: "duplicate" });
    expect(await status()).toBe("delivered");
    expect(await db.select().from(undeliverableAddresses).where(eq(undeliverableAddresses.address, patient.email.toLowerCase()))).toEqual([]);
    // A late "delayed" after delivery changes nothing either.
    await resendWebhook(webhook(event("email.delivery_delayed", row.providerId!)));
    expect(await status()).toBe("delivered");
  });

  it("a hard bounce stops the next email to the address (logged as suppressed), shows the banner; a corrected address clears it", async () => {
    const patient = await createPatient(db);
    await db
      .update(users)
      .set({ passwordHash: await hashPassword("a long enough passphrase") })
      .where(eq(users.id, patient.id));
    const visit = await bookedVisit(patient.id, "11:00");
    await run(sendBookingConfirmation, bookedEvent(visit));
    const row = await confirmationRow(patient.email, visit.id);

    const bounce = await resendWebhook(
      webhook(event("email.bounced", row.providerId!, { bounce: { type: "Permanent", subType: "General", message: "550 no such user" } })),
    );
    expect(bounce.status).toBe(200);
    expect((await db.select().from(emails).where(eq(emails.id, row.id)))[0]).toMatchObject({ status: "bounced", error: "550 no such user" });

    const capturedBefore = resend.emails.length;
    const reminded = await run(scheduleAppointmentReminder, bookedEvent(visit, TEST_NOW));
    expect(reminded.result).toMatchObject({ reminder: { outcome: "suppressed" } });
    expect(resend.emails.length).toBe(capturedBefore);
    const reminder = (await emailsOf(db, visit.id)).find((email) => email.template === "appointment-reminder")!;
    expect(reminder).toMatchObject({ status: "suppressed", error: "address undeliverable" });

    const banner = () =>
      UndeliverableEmailBanner({ userId: patient.id, email: patient.email, role: "patient" }).then((el) => (el ? renderToStaticMarkup(el) : ""));
    expect(await banner()).toContain(`Emails to ${patient.email} bounced`);
    expect(await banner()).toContain('href="/patient/account#email-address"');

    const corrected = `fixed-${patient.email}`;
    await changeEmailAddress(db, { userId: patient.id, email: corrected, currentPassword: "a long enough passphrase" }, TEST_NOW);
    expect(await UndeliverableEmailBanner({ userId: patient.id, email: corrected, role: "patient" })).toBeNull();
    // The confirmation link goes to the new address, through Resend.
    expect(resend.emails.filter((email) => email.body.to === corrected).map((email) => email.body.subject)).toEqual(["Confirm your email address"]);
  });

  it("a complaint stops email too; a transient bounce is only logged", async () => {
    const complainer = await createPatient(db);
    const soft = await createPatient(db);
    for (const [patient, time, type, extra] of [
      [complainer, "12:00", "email.complained", {}],
      [soft, "13:00", "email.bounced", { bounce: { type: "Transient", message: "mailbox full" } }],
    ] as const) {
      const visit = await bookedVisit(patient.id, time);
      await run(sendBookingConfirmation, bookedEvent(visit));
      await resendWebhook(webhook(event(type, (await confirmationRow(patient.email, visit.id)).providerId!, extra)));
    }
    const refused = await db.select().from(undeliverableAddresses);
    expect(refused.filter((r) => r.address === complainer.email.toLowerCase()).map((r) => r.reason)).toEqual(["complained"]);
    expect(refused.filter((r) => r.address === soft.email.toLowerCase())).toEqual([]);
  });
});
