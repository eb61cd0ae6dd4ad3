// The entry-point half of the admin authorisation matrix (services:
// lib/admin/authorization.test.ts; pages: e2e/admin.spec.ts). Every admin
// server action and route handler is called as Next.js calls it, with a real
// signed session cookie that Auth.js checks against the database, and must
// refuse a patient, a doctor, an anonymous caller and an admin demoted a
// moment ago (whose cookie still says "admin"): nothing changes, nothing is
// revalidated, nothing reaches Stripe or Inngest, no file or CSV is served.
// An exported action or route handler under app/admin or app/api/admin that
// is not listed here fails the last tests.
import { walletBalances } from "@/db/queries/ledger";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { and, eq, like } from "drizzle-orm";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  appSettings,
  appointments,
  certificates,
  doctorProfiles,
  jobRuns,
  outboxEvents,
  payments,
  refunds,
  reports,
  reviews,
  specializations,
  twoFactorCredentials,
  users,
} from "@/db/schema";
import * as appointmentActions from "@/app/admin/appointments/actions";
import * as doctorActions from "@/app/admin/doctors/actions";
import * as outboxActions from "@/app/admin/outbox/actions";
import * as paymentActions from "@/app/admin/payments/actions";
import * as reportActions from "@/app/admin/reports/actions";
import * as reviewActions from "@/app/admin/reviews/actions";
import * as settingsActions from "@/app/admin/settings/actions";
import * as specializationActions from "@/app/admin/specializations/actions";
import * as userActions from "@/app/admin/users/actions";
import * as appointmentsExport from "@/app/admin/appointments/export/route";
import * as paymentsExport from "@/app/admin/payments/export/route";
import * as reportCsv from "@/app/admin/reports/[month]/csv/route";
import * as certificateFile from "@/app/api/admin/certificates/[id]/route";
import { doctorAndPatient, paidAppointment, refundsOf, setUpPaymentTests } from "@/lib/payments/testing/test-kit";
import { pdfBytes, useTemporaryStorage } from "@/lib/records/test-helpers";
import { generateMonthlyReports } from "@/lib/reports/service";
import { saveFile } from "@/lib/storage";
import { createAdmin, createDoctor, createPatient, createReview, insertAppointmentRow } from "@/tests/factories";
import { bookableTuesdayTen } from "@/tests/real-time-slots";
import { requestHeaders, sessionCookieFor } from "@/tests/session-cookie";

const session = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(requestHeaders(session.cookie)) }));
const revalidated = vi.hoisted(() => vi.fn());
vi.mock("next/cache", () => ({ revalidatePath: revalidated, revalidateTag: revalidated }));
// Inngest is not running in tests; what matters is whether the action gets as far as sending.
const delivered = vi.hoisted(() => vi.fn(async () => ({ sent: 0, failed: 0 })));
vi.mock("@/lib/outbox", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/outbox")>()), deliverOutbox: delivered }));

const ctx = setUpPaymentTests();
/** A month with reports (so the CSV route has content to withhold), and months nobody else generates. */
const [REPORTED_MONTH, REFUSED_MONTH, ADMIN_MONTH] = ["2001-01", "2001-02", "2001-03"];

// "Retry now" on a failed run queues its wake-up through the app's job queue (pg-boss on the test database).
afterAll(async () => {
  const { appJobQueue } = await import("@/lib/jobs/queue");
  await (await appJobQueue()).stop({ graceful: false, wait: true }).catch(() => {});
});

beforeAll(async () => {
  await useTemporaryStorage();
  await generateMonthlyReports(ctx.db, { month: REPORTED_MONTH, now: new Date(), actor: "system" });
});

async function world(month = REFUSED_MONTH) {
  const { doctor: payee, patient } = await doctorAndPatient(ctx.db);
  const paid = await paidAppointment(ctx.db, { doctorId: payee.id, patientId: patient.id });
  const [pendingRefund] = await ctx.db
    .insert(refunds)
    .values({ paymentId: paid.payment.id, kind: "manual", amountMinor: 500, reason: "Recorded while Stripe was down", requestedByRole: "admin" })
    .returning();
  const pending = await createDoctor(ctx.db, { verificationStatus: "pending" });
  const appointment = await insertAppointmentRow(ctx.db, {
    doctorId: pending.id,
    patientId: patient.id,
    startsAt: new Date(Date.UTC(2035, 0, 1) + Math.floor(Math.random() * 1e5) * 3_600_000),
  });
  const [specialization] = await ctx.db
    .insert(specializations)
    .values({ name: `Entry ${appointment.id}`, slug: `entry-${appointment.id}` })
    .returning();
  const { review } = await createReview(ctx.db, payee.id, 2);
  const fileKey = await saveFile("certificates", pdfBytes("licence"), "application/pdf");
  const [certificate] = await ctx.db
    .insert(certificates)
    .values({ doctorId: pending.id, fileKey, originalName: "licence.pdf", contentType: "application/pdf", sizeBytes: 10 })
    .returning();
  // Two-factor authentication on, for the reset to have something to remove.
  await ctx.db.insert(twoFactorCredentials).values({ userId: patient.id, secret: "JBSWY3DPEHPK3PXP", confirmedAt: new Date() });
  const failedRunId = randomUUID();
  await ctx.db.insert(jobRuns).values({
    id: failedRunId,
    functionId: "send-booking-confirmation",
    eventName: "appointment/booked",
    event: { id: failedRunId, name: "appointment/booked", data: {}, ts: 0 },
    status: "failed",
    lastError: "mail provider down",
  });
  return {
    patient,
    doctor: pending,
    appointment,
    specialization,
    review,
    certificate,
    payment: paid.payment,
    pendingRefundId: pendingRefund.id,
    month,
    failedRunId,
    payee,
    /** A time the payee offers (Tuesday 10:00 in Berlin, some weeks ahead, an open weekday). */
    freeSlot: bookableTuesdayTen(),
    walkInEmail: `walk-in-${randomUUID()}@careslot.test`,
  };
}

type World = Awaited<ReturnType<typeof world>>;

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, values] of Object.entries(fields)) for (const value of [values].flat()) data.append(key, value);
  return data;
}

const actionCalls: Record<string, (w: World) => Promise<unknown>> = {
  "app/admin/appointments/actions.ts#bulkCancelAction": (w) =>
    appointmentActions.bulkCancelAction(null, form({ appointmentIds: [w.appointment.id], reason: "Because I can" })),
  "app/admin/appointments/actions.ts#bookForPatientAction": (w) =>
    appointmentActions.bookForPatientAction(
      null,
      form({ patientId: w.patient.id, doctorId: w.payee.id, startsAt: w.freeSlot, reason: "Phoned in", payment: "clinic" }),
    ),
  "app/admin/appointments/actions.ts#rescheduleAsAdminAction": (w) =>
    appointmentActions.rescheduleAsAdminAction(null, form({ appointmentId: w.appointment.id, startsAt: w.freeSlot })),
  "app/admin/doctors/actions.ts#approveDoctorAction": (w) => doctorActions.approveDoctorAction(null, form({ doctorId: w.doctor.id })),
  "app/admin/doctors/actions.ts#rejectDoctorAction": (w) => doctorActions.rejectDoctorAction(null, form({ doctorId: w.doctor.id, reason: "Not good enough" })),
  "app/admin/outbox/actions.ts#retryOutboxAction": () => outboxActions.retryOutboxAction(),
  "app/admin/outbox/actions.ts#retryJobRunAction": (w) => outboxActions.retryJobRunAction(null, form({ runId: w.failedRunId })),
  "app/admin/payments/actions.ts#refundAction": (w) =>
    paymentActions.refundAction(null, form({ paymentId: w.payment.id, amount: "10.00", reason: "Goodwill" })),
  "app/admin/payments/actions.ts#retryRefundAction": (w) => paymentActions.retryRefundAction(null, form({ refundId: w.pendingRefundId })),
  "app/admin/reports/actions.ts#generateReportAction": (w) => reportActions.generateReportAction(null, form({ month: w.month })),
  "app/admin/reviews/actions.ts#moderateReviewAction": (w) =>
    reviewActions.moderateReviewAction(null, form({ reviewId: w.review.id, reason: "Hide it", decision: "hide", view: "recent" })),
  "app/admin/reviews/actions.ts#resolveReportsAction": (w) => reviewActions.resolveReportsAction(null, form({ reviewId: w.review.id, view: "reported" })),
  "app/admin/settings/actions.ts#saveSettingsAction": () =>
    settingsActions.saveSettingsAction(
      null,
      form({
        cancellationWindowHours: "1",
        bookingGraceMinutes: "0",
        patientFullRefundHours: "1",
        reminderLeadMinutes: "1",
        paymentHoldMinutes: "5",
        sessionIdleMinutes: "5",
        accountEmailsPerAddressPerHour: "1",
        accountEmailsPerIpPerHour: "1",
        registrationsPerIpPerHour: "1",
        signInAttemptsPerIpPer15Minutes: "1",
        emailBodyRetentionDays: "1",
        signInRecordRetentionDays: "1",
        maxActiveAppointmentsPerPatient: "1",
        maxActiveAppointmentsPerPatientPerDoctor: "1",
      }),
    ),
  "app/admin/settings/actions.ts#saveTwoFactorPolicyAction": () => settingsActions.saveTwoFactorPolicyAction(null, form({ require: ["admin", "doctor"] })),
  "app/admin/specializations/actions.ts#createSpecializationAction": (w) =>
    specializationActions.createSpecializationAction(null, form({ name: `Evil ${w.appointment.id}` })),
  "app/admin/specializations/actions.ts#renameSpecializationAction": (w) =>
    specializationActions.renameSpecializationAction(null, form({ id: w.specialization.id, name: `Renamed ${w.appointment.id}` })),
  "app/admin/specializations/actions.ts#deleteSpecializationAction": (w) =>
    specializationActions.deleteSpecializationAction(null, form({ id: w.specialization.id })),
  "app/admin/users/actions.ts#bulkUsersAction": (w) => userActions.bulkUsersAction(null, form({ operation: "deactivate", userIds: [w.patient.id] })),
  "app/admin/users/actions.ts#changeRoleAction": (w) => userActions.changeRoleAction(null, form({ userId: w.patient.id, role: "admin" })),
  "app/admin/users/actions.ts#setActiveAction": (w) => userActions.setActiveAction(null, form({ userId: w.patient.id, active: "false" })),
  "app/admin/users/actions.ts#resetTwoFactorAction": (w) => userActions.resetTwoFactorAction(null, form({ userId: w.patient.id })),
  "app/admin/users/actions.ts#adjustWalletAction": (w) =>
    userActions.adjustWalletAction(
      null,
      form({ patientId: w.patient.id, currency: "EUR", amount: "25.00", reason: "Goodwill credit", requestId: "0b6a3d2e-5f4c-4b8a-9d1e-2c3f4a5b6c7d" }),
    ),
  "app/admin/users/actions.ts#createWalkInPatientAction": (w) =>
    userActions.createWalkInPatientAction(null, form({ fullName: "Walk In", email: w.walkInEmail, phone: "", timeZone: "UTC" })),
  "app/admin/users/actions.ts#updateUserDetailsAction": (w) =>
    userActions.updateUserDetailsAction(null, form({ userId: w.patient.id, fullName: "Renamed", email: `renamed-${w.walkInEmail}`, phone: "" })),
};

const get = (path: string) => new NextRequest(`http://localhost:3000${path}`, { headers: requestHeaders(session.cookie || undefined) });

const routeCalls: Record<string, (w: World) => Promise<Response>> = {
  "app/admin/appointments/export/route.ts#GET": () => appointmentsExport.GET(get("/admin/appointments/export")),
  "app/admin/payments/export/route.ts#GET": () => paymentsExport.GET(get("/admin/payments/export")),
  "app/admin/reports/[month]/csv/route.ts#GET": () =>
    reportCsv.GET(get(`/admin/reports/${REPORTED_MONTH}/csv`), { params: Promise.resolve({ month: REPORTED_MONTH }) }),
  "app/api/admin/certificates/[id]/route.ts#GET": (w) =>
    certificateFile.GET(get(`/api/admin/certificates/${w.certificate.id}?download=1`), { params: Promise.resolve({ id: w.certificate.id }) }),
};

/** Everything the actions could change about the world's rows. */
async function snapshot(w: World) {
  const one = async <T>(rows: Promise<T[]>) => (await rows)[0];
  return {
    patient: await one(
      ctx.db.select({ role: users.role, active: users.active, fullName: users.fullName, email: users.email }).from(users).where(eq(users.id, w.patient.id)),
    ),
    walkIns: await ctx.db.$count(users, eq(users.email, w.walkInEmail)),
    patientAppointments: await ctx.db.$count(appointments, eq(appointments.patientId, w.patient.id)),
    doctor: await one(ctx.db.select({ status: doctorProfiles.verificationStatus }).from(doctorProfiles).where(eq(doctorProfiles.userId, w.doctor.id))),
    specializations: await ctx.db
      .select({ name: specializations.name })
      .from(specializations)
      .where(like(specializations.name, `%${w.appointment.id}`)),
    review: await one(ctx.db.select({ status: reviews.status }).from(reviews).where(eq(reviews.id, w.review.id))),
    appointment: await one(ctx.db.select({ status: appointments.status }).from(appointments).where(eq(appointments.id, w.appointment.id))),
    settings: await ctx.db.select().from(appSettings),
    payment: await one(ctx.db.select({ status: payments.status, refunded: payments.refundedMinor }).from(payments).where(eq(payments.id, w.payment.id))),
    refunds: (await refundsOf(ctx.db, w.payment.id)).map((row) => [row.id, row.status, row.amountMinor]),
    systemReports: await ctx.db.$count(reports, and(eq(reports.kind, "system_monthly"), eq(reports.month, `${w.month}-01`))),
    failedRun: await one(ctx.db.select({ status: jobRuns.status }).from(jobRuns).where(eq(jobRuns.id, w.failedRunId))),
    twoFactorOn: await ctx.db.$count(twoFactorCredentials, eq(twoFactorCredentials.userId, w.patient.id)),
    twoFactorResetEmails: (
      await ctx.db.select({ payload: outboxEvents.payload }).from(outboxEvents).where(eq(outboxEvents.name, "account/two-factor.reset"))
    ).filter((row) => (row.payload as { userId?: string }).userId === w.patient.id).length,
    wallet: await walletBalances(ctx.db, w.patient.id),
  };
}

const stripeRefunds = () => ctx.fake.requestsTo("POST", "/v1/refunds").length;

/** Signs `who` in for the next calls. The demoted admin's JWT still says admin; the database no longer does. */
async function signIn(who: "patient" | "doctor" | "anonymous" | "demoted admin" | "admin"): Promise<string | null> {
  if (who === "anonymous") return (session.cookie = "") || null;
  const user = who === "patient" ? await createPatient(ctx.db) : who === "doctor" ? await createDoctor(ctx.db) : await createAdmin(ctx.db);
  session.cookie = await sessionCookieFor(ctx.db, { id: user.id, role: who === "demoted admin" ? "admin" : who });
  if (who === "demoted admin") await ctx.db.update(users).set({ role: "patient" }).where(eq(users.id, user.id));
  return user.id;
}

describe("admin server actions and route handlers refuse everyone but an active admin", () => {
  const callers = {
    "a patient": "patient",
    "a doctor": "doctor",
    "an anonymous caller": "anonymous",
    "an admin demoted a moment ago": "demoted admin",
  } as const;
  for (const [caller, who] of Object.entries(callers)) {
    it(`every action refuses ${caller}, and nothing changes, is revalidated or is sent`, async () => {
      const w = await world();
      await signIn(who);
      const [before, stripeBefore] = [await snapshot(w), stripeRefunds()];
      revalidated.mockClear();
      delivered.mockClear();
      const answers: Record<string, unknown> = {};
      for (const [name, call] of Object.entries(actionCalls)) answers[name] = ((await call(w)) as { ok?: unknown }).ok;
      expect(answers, `every action answers ${caller} ok: false`).toEqual(Object.fromEntries(Object.keys(actionCalls).map((name) => [name, false])));
      expect(await snapshot(w)).toEqual(before);
      expect(stripeRefunds()).toBe(stripeBefore);
      expect(revalidated).not.toHaveBeenCalled();
      expect(delivered).not.toHaveBeenCalled();
    });

    it(`every admin route answers ${caller} 401, 403 or 404, never the content`, async () => {
      const w = await world();
      await signIn(who);
      for (const [name, call] of Object.entries(routeCalls)) {
        const response = await call(w);
        expect([401, 403, 404], `${name} for ${caller}`).toContain(response.status);
        expect(response.headers.get("content-disposition"), name).toBeNull();
        expect(await response.text(), name).not.toMatch(/%PDF|Appointment ID|Payment id|month,doctor/);
      }
    });
  }

  it("an active admin passes the same gates (the matrix is not refusing everyone)", async () => {
    const w = await world(ADMIN_MONTH);
    await signIn("admin");
    for (const [name, call] of Object.entries(routeCalls)) expect((await call(w)).status, name).toBe(200);
    expect(await actionCalls["app/admin/payments/actions.ts#retryRefundAction"](w)).toEqual({ ok: true, message: "Refund sent to Stripe." });
    expect(await actionCalls["app/admin/payments/actions.ts#refundAction"](w)).toMatchObject({ ok: true });
    expect((await refundsOf(ctx.db, w.payment.id)).map((row) => [row.amountMinor, row.status])).toEqual([
      [500, "succeeded"],
      [1000, "succeeded"],
    ]);
    expect(await actionCalls["app/admin/reports/actions.ts#generateReportAction"](w)).toMatchObject({ ok: true });
    expect((await snapshot(w)).systemReports).toBe(1);
    expect(await actionCalls["app/admin/specializations/actions.ts#renameSpecializationAction"](w)).toMatchObject({ ok: true });
    expect(await actionCalls["app/admin/outbox/actions.ts#retryOutboxAction"](w)).toMatchObject({ ok: true });
    expect(delivered).toHaveBeenCalledOnce();
    expect(await actionCalls["app/admin/outbox/actions.ts#retryJobRunAction"](w)).toMatchObject({ ok: true });
    expect((await snapshot(w)).failedRun).toEqual({ status: "queued" });
    // The front desk: booking lands on the new appointment's page; the details are saved.
    await expect(actionCalls["app/admin/appointments/actions.ts#bookForPatientAction"](w)).rejects.toThrow(/NEXT_REDIRECT/);
    expect(await actionCalls["app/admin/users/actions.ts#updateUserDetailsAction"](w)).toMatchObject({
      ok: true,
      message: expect.stringContaining("name, email updated"),
    });
    // The two-factor reset: gone, and the user's email queued. (The policy is not saved here: other files sign in meanwhile.)
    expect(await actionCalls["app/admin/users/actions.ts#resetTwoFactorAction"](w)).toMatchObject({ ok: true });
    expect(await snapshot(w)).toMatchObject({ twoFactorOn: 0, twoFactorResetEmails: 1 });
    // The wallet: credited once, however often the same form is sent.
    expect(await actionCalls["app/admin/users/actions.ts#adjustWalletAction"](w)).toMatchObject({ ok: true, message: "Credited €25.00 to the wallet." });
    expect(await actionCalls["app/admin/users/actions.ts#adjustWalletAction"](w)).toMatchObject({ ok: true });
    expect((await snapshot(w)).wallet).toEqual([{ currency: "EUR", balanceMinor: 2500 }]);
    expect((await snapshot(w)).patientAppointments).toBe(3); // the paid visit, the one with the pending doctor, and this booking
  });
});

async function filesUnder(dir: string, name: RegExp): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile() && name.test(entry.name)).map((entry) => `${entry.parentPath}/${entry.name}`);
}

describe("the matrix lists every admin entry point", () => {
  it("every exported server action under app/admin", async () => {
    const exported: string[] = [];
    for (const file of await filesUnder("app/admin", /\.tsx?$/)) {
      if (!/^\s*["']use server["']/.test(await fs.readFile(file, "utf8"))) continue;
      for (const [name, value] of Object.entries(await import(/* @vite-ignore */ path.resolve(file))))
        if (typeof value === "function") exported.push(`${file}#${name}`);
    }
    expect(exported.sort()).toEqual(Object.keys(actionCalls).sort());
  });

  it("every route handler method under app/admin and app/api/admin", async () => {
    const methods: string[] = [];
    for (const file of [...(await filesUnder("app/admin", /^route\.ts$/)), ...(await filesUnder("app/api/admin", /^route\.ts$/))]) {
      for (const name of Object.keys(await import(/* @vite-ignore */ path.resolve(file))))
        if (/^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS)$/.test(name)) methods.push(`${file}#${name}`);
    }
    expect(methods.sort()).toEqual(Object.keys(routeCalls).sort());
  });
});
