import { describe, expect, it } from "vitest";
import { useTestDb } from "@/tests/db";
import { createDoctor, createPatient, insertAppointmentRow } from "@/tests/factories";
import {
  addOverride,
  deleteOverride,
  getAvailabilityForDoctor,
  getCalendarAppointments,
  getOverrideRows,
  getWeeklyRules,
  lockSchedulingSettings,
  replaceWeeklyRules,
} from "./availability";

const db = useTestDb();

const range = (startTime: string, endTime: string) => ({ startTime, endTime });

describe("replaceWeeklyRules", () => {
  it("answers times as HH:MM, midnight end included", async () => {
    const doctorId = (await createDoctor(db, { rules: [] })).id;
    await replaceWeeklyRules(db, doctorId, [
      { weekday: 5, startTime: "20:00", endTime: "24:00" },
      { weekday: 1, startTime: "08:30", endTime: "12:15" },
    ]);
    expect(await getWeeklyRules(db, doctorId)).toEqual([
      { weekday: 1, startTime: "08:30", endTime: "12:15" },
      { weekday: 5, startTime: "20:00", endTime: "24:00" },
    ]);
  });

  it("is atomic: when an insert fails, the old rules are still there", async () => {
    const doctorId = (await createDoctor(db, { rules: [] })).id;
    await replaceWeeklyRules(db, doctorId, [{ weekday: 2, startTime: "09:00", endTime: "17:00" }]);
    // The second row breaks the table's end-after-start check, after the delete has run.
    const attempt = replaceWeeklyRules(db, doctorId, [
      { weekday: 1, startTime: "09:00", endTime: "12:00" },
      { weekday: 1, startTime: "15:00", endTime: "14:00" },
    ]);
    await expect(attempt).rejects.toThrow();
    expect(await getWeeklyRules(db, doctorId)).toEqual([{ weekday: 2, startTime: "09:00", endTime: "17:00" }]);
  });

  it("touches only the named doctor's rules", async () => {
    const [a, b] = [(await createDoctor(db, { rules: [] })).id, (await createDoctor(db, { rules: [] })).id];
    await replaceWeeklyRules(db, a, [{ weekday: 1, startTime: "09:00", endTime: "10:00" }]);
    await replaceWeeklyRules(db, b, []);
    expect(await getWeeklyRules(db, a)).toHaveLength(1);
  });
});

describe("overrides", () => {
  it("addOverride replaces the date's rows; deleteOverride removes the whole date of the doctor's own row", async () => {
    const doctorId = (await createDoctor(db, { rules: [] })).id;
    await addOverride(db, doctorId, { date: "2031-01-05", closed: true, ranges: [] });
    await addOverride(db, doctorId, { date: "2031-01-05", closed: false, ranges: [range("09:00", "10:00"), range("12:00", "13:00")] });
    await addOverride(db, doctorId, { date: "2031-01-06", closed: true, ranges: [] });
    const rows = await getOverrideRows(db, doctorId, "2031-01-05", "2031-01-06");
    expect(rows.map((r) => [r.date, r.closed, r.startTime, r.endTime])).toEqual([
      ["2031-01-05", false, "09:00", "10:00"],
      ["2031-01-05", false, "12:00", "13:00"],
    ]);

    const deleted = await deleteOverride(db, doctorId, rows[0]!.id);
    expect(deleted).toHaveLength(2);
    expect((await getOverrideRows(db, doctorId, "2031-01-01")).map((r) => r.date)).toEqual(["2031-01-06"]);
  });

  it("deleteOverride with another doctor's row id deletes nothing", async () => {
    const [owner, other] = [(await createDoctor(db, { rules: [] })).id, (await createDoctor(db, { rules: [] })).id];
    await addOverride(db, owner, { date: "2031-02-01", closed: true, ranges: [] });
    // The other doctor has an override on the same date: it must not make the owner's row reachable.
    await addOverride(db, other, { date: "2031-02-01", closed: true, ranges: [] });
    const [ownerRow] = await getOverrideRows(db, owner, "2031-01-01");
    expect(await deleteOverride(db, other, ownerRow!.id)).toEqual([]);
    expect(await getOverrideRows(db, owner, "2031-01-01")).toHaveLength(1);
    expect(await getOverrideRows(db, other, "2031-01-01")).toHaveLength(1);
  });

  it("refuses a closed override with hours at the database too", async () => {
    const doctorId = (await createDoctor(db, { rules: [] })).id;
    await expect(addOverride(db, doctorId, { date: "2031-03-01", closed: false, ranges: [range("10:00", "09:00")] })).rejects.toThrow();
    expect(await getOverrideRows(db, doctorId, "2031-01-01")).toEqual([]);
  });
});

describe("reads", () => {
  it("getAvailabilityForDoctor returns settings, rules and overrides from a date; nothing for a non-doctor", async () => {
    const doctorId = (await createDoctor(db, { timeZone: "America/New_York", rules: [] })).id;
    await addOverride(db, doctorId, { date: "2031-04-01", closed: true, ranges: [] });
    await addOverride(db, doctorId, { date: "2031-04-03", closed: true, ranges: [] });
    const data = await getAvailabilityForDoctor(db, doctorId, "2031-04-02");
    expect(data?.settings).toMatchObject({ timeZone: "America/New_York", slotMinutes: 30, acceptingBookings: true });
    expect(data?.overrideRows.map((r) => r.date)).toEqual(["2031-04-03"]);
    expect(await getAvailabilityForDoctor(db, (await createPatient(db)).id, "2031-01-01")).toBeUndefined();
    expect(await lockSchedulingSettings(db, (await createPatient(db)).id)).toBeUndefined();
  });

  it("getCalendarAppointments returns the doctor's visits overlapping the window, with the patient's name", async () => {
    const doctorId = (await createDoctor(db, { rules: [] })).id;
    const otherDoctor = (await createDoctor(db, { rules: [] })).id;
    const patientId = (await createPatient(db, { fullName: "Olga Overlap" })).id;
    const early = (
      await insertAppointmentRow(db, { doctorId, patientId, startsAt: new Date("2031-05-01T07:30:00Z"), endsAt: new Date("2031-05-01T08:30:00Z") })
    ).id;
    const inside = (
      await insertAppointmentRow(db, {
        doctorId,
        patientId,
        startsAt: new Date("2031-05-01T10:00:00Z"),
        endsAt: new Date("2031-05-01T10:30:00Z"),
        status: "cancelled",
      })
    ).id;
    await insertAppointmentRow(db, {
      doctorId,
      patientId,
      startsAt: new Date("2031-05-01T06:00:00Z"),
      endsAt: new Date("2031-05-01T08:00:00Z"),
      status: "cancelled",
    }); // ends at the window start
    await insertAppointmentRow(db, { doctorId, patientId, startsAt: new Date("2031-05-01T12:00:00Z"), endsAt: new Date("2031-05-01T12:30:00Z") }); // starts at the window end
    await insertAppointmentRow(db, {
      doctorId: otherDoctor,
      patientId: (await createPatient(db)).id,
      startsAt: new Date("2031-05-01T10:00:00Z"),
      endsAt: new Date("2031-05-01T10:30:00Z"),
    });

    const rows = await getCalendarAppointments(db, doctorId, new Date("2031-05-01T08:00:00Z"), new Date("2031-05-01T12:00:00Z"));
    expect(rows.map((r) => [r.id, r.patientName, r.status])).toEqual([
      [early, "Olga Overlap", "confirmed"],
      [inside, "Olga Overlap", "cancelled"],
    ]);
  });
});
