// The service half of the admin authorisation matrix (every server action and
// route handler, refunds, report generation and outbox retry included, is in
// app/admin/authorization.test.ts; every page in e2e/admin.spec.ts): every
// admin service refuses a patient, a doctor, an anonymous caller and an admin
// who was demoted a moment ago — and changes nothing. A new exported service
// that is not listed here fails the last test.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appSettings, appointments as appointmentRows, certificates, doctorProfiles, reviews, specializations, twoFactorCredentials, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import * as moderation from "@/lib/reviews/moderation";
import { useTestDb } from "@/tests/db";
import {
  TEST_NOW as NOW,
  adminActor,
  createDoctor,
  createPatient,
  createReview,
  insertAppointmentRow,
  rejectionOf,
  makeReadyForVerification,
} from "@/tests/factories";
import type { Actor } from "./actor";
import * as appointments from "./appointments";
import * as certificateService from "./certificates";
import * as dashboard from "./dashboard";
import * as doctors from "./doctors";
import * as settings from "./settings";
import * as specializationService from "./specializations";
import * as twoFactor from "./two-factor";
import * as userService from "./users";
import * as userDetails from "@/lib/front-desk/users";

const db = useTestDb({ max: 4 });

/** Pure helpers exported next to the services: no actor, no data. */
const pureHelpers = new Set([
  "dashboardDays",
  "appointmentFilterSchema",
  "toQueryFilter",
  "parseAppointmentFilter",
  "neutraliseFormula",
  "csvRecord",
  "dashboardRanges",
  "dashboardDays",
  "revenueSeries",
  "noShowRate",
  "slugOf",
  "roleChangeRefusal",
]);

async function world() {
  const patient = await createPatient(db);
  const doctor = await createDoctor(db, { verificationStatus: "pending" });
  await makeReadyForVerification(db, doctor.id);
  const appointment = await insertAppointmentRow(db, {
    doctorId: doctor.id,
    patientId: patient.id,
    startsAt: new Date(Date.UTC(2035, 0, 1) + Math.floor(Math.random() * 1e5) * 3_600_000),
  });
  const [specialization] = await db
    .insert(specializations)
    .values({ name: `Matrix ${appointment.id}`, slug: `matrix-${appointment.id}` })
    .returning();
  const { review } = await createReview(db, (await createDoctor(db)).id, 2);
  const [certificate] = await db
    .insert(certificates)
    .values({
      doctorId: doctor.id,
      fileKey: "certificates/00000000-0000-4000-8000-000000000000",
      originalName: "licence.pdf",
      contentType: "application/pdf",
      sizeBytes: 10,
    })
    .returning();
  // Two-factor authentication on, for the reset to have something to remove.
  await db.insert(twoFactorCredentials).values({ userId: patient.id, secret: "JBSWY3DPEHPK3PXP", confirmedAt: NOW });
  const demoted = await adminActor(db);
  await db.update(users).set({ role: "patient" }).where(eq(users.id, demoted.id));
  return { patient, doctor, appointment, specialization, review, certificate, demoted };
}

type World = Awaited<ReturnType<typeof world>>;

const calls: Record<string, (actor: Actor | null, w: World) => Promise<unknown>> = {
  changeUserRole: (a, w) => userService.changeUserRole(db, a as Actor, { userId: w.patient.id, role: "admin" }, NOW),
  setUsersActiveState: (a, w) => userService.setUsersActiveState(db, a as Actor, { userIds: [w.patient.id], active: false }, NOW),
  createWalkInPatient: (a, w) =>
    userDetails.createWalkInPatient(
      db,
      a as Actor,
      { fullName: "Walk In", email: `walk-in-${w.appointment.id}@careslot.test`, phone: null, timeZone: "UTC" },
      NOW,
    ),
  updateUserDetails: (a, w) =>
    userDetails.updateUserDetails(db, a as Actor, {
      userId: w.patient.id,
      fullName: "Renamed",
      email: `renamed-${w.appointment.id}@careslot.test`,
      phone: null,
    }),
  createSpecialization: (a, w) => specializationService.createSpecialization(db, a as Actor, { name: `Evil ${w.appointment.id}` }),
  renameSpecialization: (a, w) => specializationService.renameSpecialization(db, a as Actor, { id: w.specialization.id, name: `Renamed ${w.appointment.id}` }),
  deleteSpecialization: (a, w) => specializationService.deleteSpecialization(db, a as Actor, { id: w.specialization.id }),
  approveDoctor: (a, w) => doctors.approveDoctor(db, a as Actor, { doctorId: w.doctor.id }, NOW),
  rejectDoctor: (a, w) => doctors.rejectDoctor(db, a as Actor, { doctorId: w.doctor.id, reason: "Not good enough" }),
  saveSettings: (a) =>
    settings.saveSettings(db, a as Actor, {
      cancellationWindowHours: 1,
      bookingGraceMinutes: 0,
      patientFullRefundHours: 1,
      reminderLeadMinutes: 1,
      paymentHoldMinutes: 5,
      sessionIdleMinutes: 5,
      accountEmailsPerAddressPerHour: 1,
      accountEmailsPerIpPerHour: 1,
      registrationsPerIpPerHour: 1,
      signInAttemptsPerIpPer15Minutes: 1,
      emailBodyRetentionDays: 1,
      signInRecordRetentionDays: 1,
      maxActiveAppointmentsPerPatient: 1,
      maxActiveAppointmentsPerPatientPerDoctor: 1,
    }),
  bulkCancelAppointments: (a, w) => appointments.bulkCancelAppointments(db, a as Actor, { appointmentIds: [w.appointment.id], reason: "Because I can" }, NOW),
  appointmentsCsvStream: (a) => appointments.appointmentsCsvStream(db, a as Actor, {}),
  loadDashboard: (a) => dashboard.loadDashboard(db, a as Actor, NOW),
  openCertificateForAdmin: (a, w) => certificateService.openCertificateForAdmin(db, a, w.certificate.id),
  hideReview: (a, w) => moderation.hideReview(db, a as Actor, { reviewId: w.review.id, reason: "Hide it" }, NOW),
  restoreReview: (a, w) => moderation.restoreReview(db, a as Actor, { reviewId: w.review.id, reason: "Restore it" }, NOW),
  resolveReviewReports: (a, w) => moderation.resolveReviewReports(db, a as Actor, { reviewId: w.review.id }, NOW),
  resetUserTwoFactor: (a, w) => twoFactor.resetUserTwoFactor(db, a as Actor, w.patient.id),
  saveTwoFactorPolicy: (a) => twoFactor.saveTwoFactorPolicy(db, a as Actor, { requireTwoFactorAdmins: true, requireTwoFactorDoctors: true }, NOW),
};

async function snapshot(w: World) {
  const [patient] = await db
    .select({ role: users.role, active: users.active, fullName: users.fullName, email: users.email })
    .from(users)
    .where(eq(users.id, w.patient.id));
  const walkIns = await db.$count(users, eq(users.email, `walk-in-${w.appointment.id}@careslot.test`));
  const [doctor] = await db.select({ status: doctorProfiles.verificationStatus }).from(doctorProfiles).where(eq(doctorProfiles.userId, w.doctor.id));
  const [specialization] = await db.select({ name: specializations.name }).from(specializations).where(eq(specializations.id, w.specialization.id));
  const [review] = await db.select({ status: reviews.status }).from(reviews).where(eq(reviews.id, w.review.id));
  const [appointment] = await db.select({ status: appointmentRows.status }).from(appointmentRows).where(eq(appointmentRows.id, w.appointment.id));
  const [policy] = await db
    .select({ window: appSettings.cancellationWindowHours, admins2fa: appSettings.requireTwoFactorAdmins, doctors2fa: appSettings.requireTwoFactorDoctors })
    .from(appSettings);
  const twoFactorOn = await db.$count(twoFactorCredentials, eq(twoFactorCredentials.userId, w.patient.id));
  return { patient, walkIns, doctor, specialization, review, appointmentStatus: appointment.status, policy, twoFactorOn };
}

describe("admin services refuse everyone but an active admin", () => {
  for (const who of ["patient", "doctor", "anonymous", "demoted admin"] as const) {
    it(`refuses a ${who} in every service, and nothing changes`, async () => {
      const w = await world();
      const actor: Actor | null =
        who === "patient"
          ? { id: w.patient.id, role: "patient" }
          : who === "doctor"
            ? { id: w.doctor.id, role: "doctor" }
            : who === "anonymous"
              ? null
              : w.demoted;
      const before = await snapshot(w);
      for (const [name, call] of Object.entries(calls)) {
        const error = await rejectionOf(call(actor, w)).catch((e: unknown) => e);
        expect(error, `${name} for a ${who}`).toBeInstanceOf(AppError);
        expect((error as AppError).code, `${name} for a ${who}`).toBe("forbidden");
      }
      expect(await snapshot(w)).toEqual(before);
    });
  }

  it("an active admin passes the same gate (the matrix is not refusing everyone)", async () => {
    const w = await world();
    const admin = await adminActor(db);
    await expect(calls.approveDoctor(admin, w)).resolves.toBeDefined();
    await expect(calls.renameSpecialization(admin, w)).resolves.toBeDefined();
    await expect(calls.loadDashboard(admin, w)).resolves.toBeDefined();
  });

  it("covers every exported service", () => {
    const modules = [userService, userDetails, specializationService, doctors, settings, appointments, dashboard, certificateService, moderation, twoFactor];
    const exported = modules.flatMap((m) =>
      Object.entries(m)
        .filter(([, value]) => typeof value === "function")
        .map(([name]) => name),
    );
    const services = exported.filter((name) => !pureHelpers.has(name) && !/Schema$/.test(name));
    expect(services.sort()).toEqual(Object.keys(calls).sort());
  });
});
