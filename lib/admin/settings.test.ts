// Every change here runs in a transaction that is rolled back: the settings
// row is shared by every test file running in parallel.
import { describe, expect, it } from "vitest";
import { getAppSettings } from "@/db/queries/settings";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import { adminActor, auditRowsFor, inRolledBackTransaction, rejectionOf } from "@/tests/factories";
import { atBoundary } from "@/tests/boundary";
import { settingsSchema } from "./schemas";
import { rateLimitsFrom } from "@/lib/security/rate-limits";
import { saveSettings } from "./settings";

const db = useTestDb({ max: 3 });

const valid = {
  cancellationWindowHours: "12",
  bookingGraceMinutes: "30",
  patientFullRefundHours: "48",
  reminderLeadMinutes: "120",
  paymentHoldMinutes: "45",
  sessionIdleMinutes: "30",
  accountEmailsPerAddressPerHour: "4",
  accountEmailsPerIpPerHour: "30",
  registrationsPerIpPerHour: "8",
  signInAttemptsPerIpPer15Minutes: "25",
  emailBodyRetentionDays: "30",
  signInRecordRetentionDays: "7",
  maxActiveAppointmentsPerPatient: "7",
  maxActiveAppointmentsPerPatientPerDoctor: "3",
};

describe("settings", () => {
  it("are saved as the services read them, with an audit row holding before and after", async () => {
    const admin = await adminActor(db);
    await inRolledBackTransaction(db, async (tx) => {
      const before = await getAppSettings(tx);
      const result = await atBoundary(settingsSchema, valid, (settings) => saveSettings(tx, admin, settings));
      expect(result.changed.length).toBeGreaterThan(0);
      const after = await getAppSettings(tx);
      expect(after).toMatchObject({
        cancellationWindowHours: 12,
        bookingGraceMinutes: 30,
        patientFullRefundHours: 48,
        reminderLeadMinutes: 120,
        paymentHoldMinutes: 45,
        sessionIdleMinutes: 30,
      });
      expect(after).toMatchObject({
        accountEmailsPerAddressPerHour: 4,
        accountEmailsPerIpPerHour: 30,
        registrationsPerIpPerHour: 8,
        signInAttemptsPerIpPer15Minutes: 25,
      });
      expect(after).toMatchObject({
        emailBodyRetentionDays: 30,
        signInRecordRetentionDays: 7,
        maxActiveAppointmentsPerPatient: 7,
        maxActiveAppointmentsPerPatientPerDoctor: 3,
      });
      expect(rateLimitsFrom(after).signInPerIp).toMatchObject({ points: 25, durationSeconds: 900 });
      const audit = (await auditRowsFor(tx, "app_settings", "1")).filter((row) => row.actorId === admin.id);
      expect(audit).toHaveLength(1);
      expect(audit[0]).toMatchObject({
        action: "settings.updated",
        before: { cancellationWindowHours: before.cancellationWindowHours, sessionIdleMinutes: before.sessionIdleMinutes },
        after: { cancellationWindowHours: 12, patientFullRefundHours: 48, reminderLeadMinutes: 120, paymentHoldMinutes: 45, sessionIdleMinutes: 30 },
      });
    });
  });

  it("out-of-range and non-numeric values are refused field by field, and nothing changes", async () => {
    const admin = await adminActor(db);
    const before = await getAppSettings(db);
    const error = (await rejectionOf(
      atBoundary(
        settingsSchema,
        {
          ...valid,
          paymentHoldMinutes: "2",
          sessionIdleMinutes: "soon",
          cancellationWindowHours: "1.5",
          accountEmailsPerAddressPerHour: "0",
          emailBodyRetentionDays: "3651",
        },
        (settings) => saveSettings(db, admin, settings),
      ),
    )) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.fieldErrors).toMatchObject({
      paymentHoldMinutes: ["The payment hold must be at least 5."],
      sessionIdleMinutes: ["The session timeout must be a number."],
      cancellationWindowHours: ["The cancellation window must be a whole number."],
      accountEmailsPerAddressPerHour: ["The emails per address must be at least 1."],
      emailBodyRetentionDays: ["The email retention must be at most 3650."],
    });
    expect(await getAppSettings(db)).toEqual(before);
    expect((await auditRowsFor(db, "app_settings", "1")).some((row) => row.actorId === admin.id)).toBe(false);
  });

  it("the grace period after booking takes 0 to 1440 minutes; outside that, a clear message and nothing changes", async () => {
    const admin = await adminActor(db);
    const before = await getAppSettings(db);
    for (const [input, message] of [
      ["-1", "The grace period after booking must be at least 0."],
      ["1441", "The grace period after booking must be at most 1440."],
      ["ten", "The grace period after booking must be a number."],
      ["2.5", "The grace period after booking must be a whole number."],
    ] as const) {
      const error = (await rejectionOf(
        atBoundary(settingsSchema, { ...valid, bookingGraceMinutes: input }, (settings) => saveSettings(db, admin, settings)),
      )) as AppError;
      expect(error.fieldErrors).toEqual({ bookingGraceMinutes: [message] });
    }
    expect(await getAppSettings(db)).toEqual(before);
    await inRolledBackTransaction(db, async (tx) => {
      await atBoundary(settingsSchema, { ...valid, bookingGraceMinutes: "0" }, (settings) => saveSettings(tx, admin, settings));
      expect((await getAppSettings(tx)).bookingGraceMinutes).toBe(0);
      await atBoundary(settingsSchema, { ...valid, bookingGraceMinutes: "1440" }, (settings) => saveSettings(tx, admin, settings));
      expect((await getAppSettings(tx)).bookingGraceMinutes).toBe(1440);
    });
  });
});
