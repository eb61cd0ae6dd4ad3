import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getOverrideRows, getSchedulingSettings, getWeeklyRules } from "@/db/queries/availability";
import { availabilityOverrides } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import { auditRowsFor, createDoctor, createPatient, insertAppointmentRow } from "@/tests/factories";
import { atBoundary } from "@/tests/boundary";
import { deleteOverrideSchema, schedulingSettingsSchema, weeklyHoursSchema } from "./schemas";
import { loadCalendar, loadUpcomingWeek } from "./calendar-service";
import { loadAvailability, removeDateOverride, saveDateOverride, saveSchedulingSettings, saveWeeklyHours } from "./service";

const db = useTestDb();

const NOW = new Date("2030-03-04T09:00:00Z"); // a Monday
const range = (startTime: string, endTime: string) => ({ startTime, endTime });

function week(ranges: Partial<Record<number, { startTime: string; endTime: string }[]>>) {
  return { days: Array.from({ length: 7 }, (_, day) => ({ ranges: ranges[day] ?? [] })) };
}

async function refusal(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("saveWeeklyHours", () => {
  it("replaces the doctor's rules and records before and after in the audit log", async () => {
    const doctorId = (await createDoctor(db, { rules: [] })).id;
    await saveWeeklyHours(db, doctorId, week({ 0: [range("09:00", "17:00")] }));
    await saveWeeklyHours(db, doctorId, week({ 0: [range("09:00", "12:00"), range("13:00", "17:00")], 5: [range("10:00", "14:00")] }));

    expect(await getWeeklyRules(db, doctorId)).toEqual([
      { weekday: 1, startTime: "09:00", endTime: "12:00" },
      { weekday: 1, startTime: "13:00", endTime: "17:00" },
      { weekday: 6, startTime: "10:00", endTime: "14:00" },
    ]);
    const audit = await auditRowsFor(db, "doctor_profile", doctorId);
    expect(audit).toHaveLength(2);
    expect(audit[1]).toMatchObject({
      actorId: doctorId,
      actorRole: "doctor",
      action: "availability.rules_replaced",
      entityType: "doctor_profile",
      before: { rules: [{ weekday: 1, startTime: "09:00", endTime: "17:00" }] },
    });
    expect((audit[1]!.after as { rules: unknown[] }).rules).toHaveLength(3);
  });

  it("refuses an overlapping week next to the field and changes nothing, audit included", async () => {
    const doctorId = (await createDoctor(db, { rules: [] })).id;
    await saveWeeklyHours(db, doctorId, week({ 2: [range("08:00", "12:00")] }));
    const error = await refusal(
      atBoundary(weeklyHoursSchema, week({ 0: [range("09:00", "12:00"), range("11:00", "13:00")], 2: [] }), (hours) => saveWeeklyHours(db, doctorId, hours), {
        nestedFields: true,
      }),
    );
    expect(error.code).toBe("invalid_input");
    expect(error.fieldErrors).toEqual({ "days.0.ranges.1.startTime": ["Overlaps 09:00–12:00. Ranges may touch but not overlap."] });
    expect(await getWeeklyRules(db, doctorId)).toEqual([{ weekday: 3, startTime: "08:00", endTime: "12:00" }]);
    expect(await auditRowsFor(db, "doctor_profile", doctorId)).toHaveLength(1);
  });

  it("serialises concurrent saves of one doctor: the result is exactly one of the weeks, never a mix", async () => {
    const doctorId = (await createDoctor(db, { rules: [] })).id;
    const weeks = Array.from({ length: 6 }, (_, i) => week({ [i]: [range("09:00", "10:00"), range("11:00", "12:00")] }));
    await Promise.all(weeks.map((w) => saveWeeklyHours(db, doctorId, w)));
    const rules = await getWeeklyRules(db, doctorId);
    expect(rules).toHaveLength(2);
    expect(new Set(rules.map((r) => r.weekday)).size).toBe(1);
    expect(await auditRowsFor(db, "doctor_profile", doctorId)).toHaveLength(6);
  });
});

describe("date overrides", () => {
  it("sets a date's hours, replaces them on a second save and audits both", async () => {
    const doctorId = (await createDoctor(db, { rules: [] })).id;
    await saveDateOverride(db, doctorId, { date: "2030-03-10", kind: "custom", ranges: [range("14:00", "16:00"), range("09:00", "11:00")] }, NOW);
    await saveDateOverride(db, doctorId, { date: "2030-03-10", kind: "closed" }, NOW);
    const rows = await getOverrideRows(db, doctorId, "2030-03-10", "2030-03-11");
    expect(rows).toEqual([expect.objectContaining({ date: "2030-03-10", closed: true, startTime: null, endTime: null })]);
    const audit = await auditRowsFor(db, "doctor_profile", doctorId);
    expect(audit.map((a) => a.action)).toEqual(["availability.override_saved", "availability.override_saved"]);
    expect(audit[1]!.before).toEqual({ date: "2030-03-10", closed: false, ranges: [range("09:00", "11:00"), range("14:00", "16:00")] });
    expect(audit[1]!.after).toEqual({ date: "2030-03-10", closed: true, ranges: [] });
  });

  it("refuses a date before the doctor's today, judged on the doctor's clock", async () => {
    // At NOW it is 23:00 on 4 March in Kiritimati (UTC+14) and 23:00 on 3 March in Honolulu (UTC−10).
    const ahead = (await createDoctor(db, { timeZone: "Pacific/Kiritimati", rules: [] })).id;
    const error = await refusal(saveDateOverride(db, ahead, { date: "2030-03-03", kind: "closed" }, NOW));
    expect(error.fieldErrors).toEqual({ date: ["Choose 2030-03-04 or a later date."] });
    expect(await getOverrideRows(db, ahead, "2000-01-01")).toEqual([]);
    expect(await auditRowsFor(db, "doctor_profile", ahead)).toHaveLength(0);

    const behind = (await createDoctor(db, { timeZone: "Pacific/Honolulu", rules: [] })).id;
    await expect(saveDateOverride(db, behind, { date: "2030-03-03", kind: "closed" }, NOW)).resolves.toEqual({ date: "2030-03-03" });
  });

  it("lets a doctor delete only their own override: another doctor's id changes nothing", async () => {
    const owner = (await createDoctor(db, { rules: [] })).id;
    const intruder = (await createDoctor(db, { rules: [] })).id;
    await saveDateOverride(db, owner, { date: "2030-04-01", kind: "custom", ranges: [range("09:00", "10:00"), range("11:00", "12:00")] }, NOW);
    const before = await getOverrideRows(db, owner, "2030-01-01");
    expect(before).toHaveLength(2);

    const error = await refusal(removeDateOverride(db, intruder, { overrideId: before[1]!.id }));
    expect(error.code).toBe("not_found");
    expect(await getOverrideRows(db, owner, "2030-01-01")).toEqual(before);
    expect(await auditRowsFor(db, "doctor_profile", intruder)).toHaveLength(0);

    // The owner deletes the whole date by any of its rows' ids, and the audit keeps what was there.
    await expect(removeDateOverride(db, owner, { overrideId: before[1]!.id })).resolves.toEqual({ date: "2030-04-01" });
    expect(await db.select().from(availabilityOverrides).where(eq(availabilityOverrides.doctorId, owner))).toEqual([]);
    const audit = await auditRowsFor(db, "doctor_profile", owner);
    expect(audit.at(-1)).toMatchObject({ action: "availability.override_deleted", before: { date: "2030-04-01", closed: false }, after: null });
  });

  it("refuses a malformed id without touching the database", async () => {
    const doctorId = (await createDoctor(db, { rules: [] })).id;
    expect((await refusal(atBoundary(deleteOverrideSchema, { overrideId: "1 or 1=1" }, (input) => removeDateOverride(db, doctorId, input)))).code).toBe(
      "invalid_input",
    );
  });
});

describe("saveSchedulingSettings", () => {
  it("stores the settings and audits the change; an unknown zone changes nothing", async () => {
    const doctorId = (await createDoctor(db, { rules: [] })).id;
    const input = {
      slotMinutes: "45",
      bufferMinutes: "15",
      minimumNoticeHours: "24",
      bookingHorizonDays: "90",
      timeZone: "Asia/Kolkata",
      acceptingBookings: false,
    };
    await atBoundary(schedulingSettingsSchema, input, (settings) => saveSchedulingSettings(db, doctorId, settings));
    const saved = { slotMinutes: 45, bufferMinutes: 15, minimumNoticeHours: 24, bookingHorizonDays: 90, timeZone: "Asia/Kolkata", acceptingBookings: false };
    expect(await getSchedulingSettings(db, doctorId)).toEqual(saved);

    const error = await refusal(
      atBoundary(
        schedulingSettingsSchema,
        { ...input, timeZone: "Europe/Atlantis", slotMinutes: "5" },
        (settings) => saveSchedulingSettings(db, doctorId, settings),
        { nestedFields: true },
      ),
    );
    expect(Object.keys(error.fieldErrors ?? {}).sort()).toEqual(["slotMinutes", "timeZone"]);
    expect(await getSchedulingSettings(db, doctorId)).toEqual(saved);
    const audit = await auditRowsFor(db, "doctor_profile", doctorId);
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "availability.settings_updated", after: saved, before: expect.objectContaining({ timeZone: "Europe/Berlin" }) });
  });
});

describe("loading", () => {
  it("shows overrides from the doctor's today on, and the week's rules by weekday", async () => {
    const doctorId = (await createDoctor(db, { timeZone: "Pacific/Kiritimati", rules: [] })).id; // already 2030-03-04 23:00 there at NOW
    await saveWeeklyHours(db, doctorId, week({ 0: [range("09:00", "12:00")] }));
    await saveDateOverride(db, doctorId, { date: "2030-03-04", kind: "closed" }, NOW);
    await saveDateOverride(db, doctorId, { date: "2030-03-05", kind: "closed" }, NOW);
    const later = new Date("2030-03-04T10:30:00Z"); // 00:30 on 5 March in Kiritimati
    const page = await loadAvailability(db, doctorId, later);
    expect(page?.today).toBe("2030-03-05");
    expect(page?.overrides.map((o) => o.date)).toEqual(["2030-03-05"]);
    expect(page?.weekly[0]).toEqual([range("09:00", "12:00")]);
  });

  it("puts appointments on the doctor's wall clock on both sides of a DST change", async () => {
    const doctorId = (await createDoctor(db, { timeZone: "Europe/Berlin", rules: [] })).id;
    const patientId = (await createPatient(db, { fullName: "Greta Gruber" })).id;
    await saveWeeklyHours(db, doctorId, week({ 4: [range("09:00", "17:00")], 0: [range("09:00", "12:00")] }));
    await saveDateOverride(db, doctorId, { date: "2030-03-30", kind: "custom", ranges: [range("10:00", "12:00")] }, NOW);
    // 09:00 Berlin is 08:00Z in winter (Friday 29 March) and 07:00Z in summer (Monday 1 April).
    const winter = (
      await insertAppointmentRow(db, {
        doctorId,
        patientId,
        startsAt: new Date("2030-03-29T08:00:00Z"),
        endsAt: new Date("2030-03-29T08:30:00Z"),
        reason: "Knee pain after running",
      })
    ).id;
    const summer = (
      await insertAppointmentRow(db, {
        doctorId,
        patientId,
        startsAt: new Date("2030-04-01T07:00:00Z"),
        endsAt: new Date("2030-04-01T07:30:00Z"),
        status: "cancelled",
      })
    ).id;
    await insertAppointmentRow(db, { doctorId, patientId, startsAt: new Date("2030-04-08T07:00:00Z"), endsAt: new Date("2030-04-08T07:30:00Z") }); // outside

    const data = await loadCalendar(db, doctorId, { start: "2030-03-25", end: "2030-04-08" });
    expect(data?.timeZone).toBe("Europe/Berlin");
    expect(data?.appointments.map((a) => [a.id, a.patientName, a.reason, a.status, a.localStart, a.localEnd])).toEqual([
      [winter, "Greta Gruber", "Knee pain after running", "confirmed", "2030-03-29T09:00:00", "2030-03-29T09:30:00"],
      [summer, "Greta Gruber", "", "cancelled", "2030-04-01T09:00:00", "2030-04-01T09:30:00"],
    ]);
    expect(data?.days).toHaveLength(14);
    expect(data?.days.find((d) => d.date === "2030-03-30")).toEqual({
      date: "2030-03-30",
      source: "override",
      closed: false,
      ranges: [range("10:00", "12:00")],
      skipped: [],
    });
    // Berlin springs forward on Sunday 31 March 2030: the grid must not draw 02:00–03:00 as open.
    expect(data?.days.filter((d) => d.skipped.length > 0).map((d) => [d.date, d.skipped])).toEqual([["2030-03-31", [range("02:00", "03:00")]]]);
    expect(data?.days.find((d) => d.date === "2030-04-01")?.ranges).toEqual([range("09:00", "12:00")]);

    const upcoming = await loadUpcomingWeek(db, doctorId, new Date("2030-03-28T00:00:00Z"));
    expect(upcoming.appointments.map((a) => a.id)).toEqual([winter]); // the cancelled one is left out
  });
});
