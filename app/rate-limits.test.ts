// The request-rate limits of issue #13 (finding 5), replayed through the real
// server actions as Next.js calls them: the request's headers (a session
// cookie that Auth.js checks against the database, and the X-Forwarded-For
// the client IP is read from), the action pipeline, the services. Each attack
// is the one the red team ran; each ends with the form's message saying when
// to try again, and nothing sent or stored for the refused request.
import { and, eq, inArray } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { forgotPasswordAction, registerAction, resendVerificationAction, signInAction } from "@/app/(auth)/actions";
import { bookAction } from "@/app/doctors/[id]/actions";
import { reportReviewAction } from "@/app/doctors/[id]/review-actions";
import { saveReviewAction } from "@/app/patient/appointments/[id]/review/actions";
import { getThrottle } from "@/db/queries/sign-in-throttle";
import { getBookableDoctor } from "@/db/queries/profiles";
import { appointments, emails, reviewReports, reviews, sessions, users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { freeSlotDays } from "@/lib/booking/slot-view";
import { useTestDb } from "@/tests/db";
import { createDoctor, createPatient, createReview, insertAppointmentRow, uniqueEmail } from "@/tests/factories";
import { requestHeaders, sessionCookieFor } from "@/tests/session-cookie";

const request = vi.hoisted(() => ({ cookie: "", ip: "" }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ ...requestHeaders(request.cookie || undefined), "x-forwarded-for": request.ip }),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const db = useTestDb();

let ipCounter = 0;
/** A fresh client address for each attack (and for each honest user beside it). */
function newIp(): string {
  ipCounter += 1;
  return `203.0.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

/** An action's answer, or where it redirected (how a successful registration or booking answers). */
async function answer(call: Promise<unknown>): Promise<unknown> {
  try {
    return await call;
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { redirectedTo: digest.split(";")[2] };
    throw error;
  }
}

async function signInAs(user: { id: string; role: "patient" | "doctor" | "admin" }) {
  request.cookie = await sessionCookieFor(db, user);
}

const emailsTo = (address: string) => db.select().from(emails).where(eq(emails.toAddress, address));

const rateLimited = (what: RegExp) => ({ ok: false, code: "rate_limited", message: expect.stringMatching(what) });

describe("registration, per IP", () => {
  it("10 registrations an hour from one address; the 11th is refused with when to try again, and no account or email is made", async () => {
    request.cookie = "";
    request.ip = newIp();
    const register = (email: string) =>
      answer(registerAction(null, form({ fullName: "Script Kiddie", email, password: "correct horse battery", role: "patient" })));
    for (let k = 0; k < 10; k++) expect(await register(uniqueEmail("burst"))).toEqual({ redirectedTo: "/login?registered=1" });

    const refused = uniqueEmail("eleventh");
    expect(await register(refused)).toMatchObject(rateLimited(/^Too many new accounts from your network\. Please try again in (59|60) minutes\.$/));
    expect(await db.select().from(users).where(eq(users.email, refused))).toHaveLength(0);
    expect(await emailsTo(refused)).toHaveLength(0);

    // Someone else, from another address, is not held up.
    request.ip = newIp();
    expect(await register(uniqueEmail("honest"))).toEqual({ redirectedTo: "/login?registered=1" });
  });
});

describe("password reset, per address and per IP", () => {
  it("5 reset emails an hour to one address, even from many IPs; the 6th is refused the same way for a registered and an unknown address", async () => {
    request.cookie = "";
    const known = await createPatient(db);
    const unknown = uniqueEmail("nobody");
    const forgot = (email: string) => {
      request.ip = newIp();
      return answer(forgotPasswordAction(null, form({ email })));
    };
    for (let k = 0; k < 5; k++) {
      expect(await forgot(known.email)).toEqual({ ok: true });
      expect(await forgot(unknown)).toEqual({ ok: true });
    }
    const refusal = rateLimited(/^Too many emails to this address\. Please try again in (59|60) minutes\.$/);
    expect(await forgot(known.email)).toMatchObject(refusal);
    expect(await forgot(unknown)).toMatchObject(refusal);
    expect((await emailsTo(known.email)).filter((row) => row.template === "reset-password")).toHaveLength(5);
    expect(await emailsTo(unknown)).toHaveLength(0);
  });

  it("20 reset or confirmation requests an hour from one IP, whatever the addresses; the 21st sends nothing", async () => {
    request.cookie = "";
    request.ip = newIp();
    for (let k = 0; k < 20; k++) expect(await answer(forgotPasswordAction(null, form({ email: uniqueEmail("spray") })))).toEqual({ ok: true });
    const victim = await createPatient(db);
    expect(await answer(forgotPasswordAction(null, form({ email: victim.email })))).toMatchObject(
      rateLimited(/^Too many email requests from your network\. Please try again in (59|60) minutes\.$/),
    );
    expect(await emailsTo(victim.email)).toHaveLength(0);
  });
});

describe("confirmation re-sends, per address", () => {
  it("register-then-resend mails a third party at most 5 times an hour, the registration's own email included", async () => {
    const victim = uniqueEmail("third-party");
    request.cookie = "";
    request.ip = newIp();
    expect(await answer(registerAction(null, form({ fullName: "Not The Owner", email: victim, password: "correct horse battery", role: "patient" })))).toEqual({
      redirectedTo: "/login?registered=1",
    });
    const [account] = await db.select().from(users).where(eq(users.email, victim));
    await signInAs({ id: account!.id, role: "patient" });

    for (let k = 0; k < 4; k++) {
      request.ip = newIp();
      expect(await answer(resendVerificationAction(null, form({})))).toEqual({ ok: true });
    }
    request.ip = newIp();
    expect(await answer(resendVerificationAction(null, form({})))).toMatchObject(
      rateLimited(/^Too many emails to this address\. Please try again in (59|60) minutes\.$/),
    );
    expect((await emailsTo(victim)).filter((row) => row.template === "verify-email")).toHaveLength(5);
  });
});

describe("sign-in, per IP beside per account", () => {
  it("20 attempts in 15 minutes from one IP across any accounts; the 21st is refused before any password or lockout is looked at", async () => {
    request.cookie = "";
    request.ip = newIp();
    const owner = await createPatient(db);
    await db
      .update(users)
      .set({ passwordHash: await hashPassword("the owner's passphrase") })
      .where(eq(users.id, owner.id));
    const signIn = (email: string, password: string) => answer(signInAction(null, form({ email, password })));

    // One wrong guess at each of 20 accounts: no account locks, but the network does.
    for (let k = 0; k < 20; k++) expect(await signIn(uniqueEmail("spray"), "guess 123456")).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await signIn(owner.email, "the owner's passphrase")).toMatchObject(
      rateLimited(/^Too many sign-in attempts from your network\. Please try again in (14|15) minutes\.$/),
    );
    expect(await getThrottle(db, owner.email)).toBeNull();
    expect(await db.select().from(sessions).where(eq(sessions.userId, owner.id))).toHaveLength(0);

    // The owner, from their own network, signs in.
    request.ip = newIp();
    expect(await signIn(owner.email, "the owner's passphrase")).toEqual({ redirectedTo: "http://localhost:3000/portal" });
  });
});

describe("reviews and reports, per user", () => {
  it("10 new reviews an hour; the 11th is refused and not stored", async () => {
    request.ip = newIp();
    const [doctor, patient] = [await createDoctor(db), await createPatient(db)];
    const visits = [];
    for (let k = 0; k < 11; k++)
      visits.push(
        await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: new Date(Date.UTC(2028, 0, 3 + k, 9)), status: "completed" }),
      );
    await signInAs({ id: patient.id, role: "patient" });
    const review = (appointmentId: string) =>
      answer(saveReviewAction(null, form({ appointmentId, rating: "1", body: "Copy-pasted one star, again and again." })));

    for (const visit of visits.slice(0, 10)) expect(await review(visit.id)).toEqual({ redirectedTo: `/patient/appointments/${visit.id}/review?saved=1` });
    expect(await review(visits[10]!.id)).toMatchObject(rateLimited(/^Too many reviews\. Please try again in (59|60) minutes\.$/));
    expect(await db.select().from(reviews).where(eq(reviews.appointmentId, visits[10]!.id))).toHaveLength(0);
  });

  it("10 reports an hour; the 11th is refused and not stored", async () => {
    request.ip = newIp();
    const doctor = await createDoctor(db);
    const targets = [];
    for (let k = 0; k < 11; k++) targets.push((await createReview(db, doctor.id, 5)).review);
    const reporter = await createPatient(db);
    await signInAs({ id: reporter.id, role: "patient" });
    const report = (reviewId: string) => answer(reportReviewAction(null, form({ reviewId, reason: "I just do not like it." })));

    for (const target of targets.slice(0, 10)) expect(await report(target.id)).toMatchObject({ ok: true });
    expect(await report(targets[10]!.id)).toMatchObject(rateLimited(/^Too many reports\. Please try again in (59|60) minutes\.$/));
    const stored = await db
      .select()
      .from(reviewReports)
      .where(
        and(
          eq(reviewReports.reporterId, reporter.id),
          inArray(
            reviewReports.reviewId,
            targets.map((target) => target.id),
          ),
        ),
      );
    expect(stored.map((row) => row.reviewId).sort()).toEqual(
      targets
        .slice(0, 10)
        .map((target) => target.id)
        .sort(),
    );
  });
});

describe("booking attempts, per user", () => {
  it("30 booking attempts an hour; the 31st is refused and books nothing, though the slot is free", async () => {
    request.ip = newIp();
    const doctor = await createDoctor(db, { priceMinor: 0, bookingHorizonDays: 30 });
    const patient = await createPatient(db);
    const bookable = (await getBookableDoctor(db, doctor.id))!;
    const slots = (await freeSlotDays(db, bookable, { viewerTimeZone: doctor.timeZone, now: new Date() })).flatMap((day) =>
      day.slots.map((slot) => slot.startsAt),
    );
    expect(slots.length).toBeGreaterThan(31);
    await signInAs({ id: patient.id, role: "patient" });
    const book = (startsAt: Date) => answer(bookAction(null, form({ doctorId: doctor.id, startsAt: startsAt.toISOString(), reason: "" })));

    // Whatever each attempt's fate (booked, or refused by another rule), none is refused by the limit.
    for (const startsAt of slots.slice(0, 30)) expect(await book(startsAt)).not.toMatchObject({ code: "rate_limited" });
    const last = slots[30]!;
    expect(await book(last)).toMatchObject(rateLimited(/^Too many booking attempts\. Please try again in (59|60) minutes\.$/));
    expect(
      await db
        .select()
        .from(appointments)
        .where(and(eq(appointments.patientId, patient.id), eq(appointments.startsAt, last))),
    ).toHaveLength(0);
    // The slot was free: another patient books it.
    await signInAs({ id: (await createPatient(db)).id, role: "patient" });
    expect(await book(last)).toMatchObject({ redirectedTo: expect.stringMatching(/^\/patient\/appointments\/[0-9a-f-]{36}\/booked$/) });
  });
});
