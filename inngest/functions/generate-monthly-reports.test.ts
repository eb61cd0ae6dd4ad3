import { InngestTestEngine } from "@inngest/test";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDoctorReport, getMonthReports } from "@/db/queries/reports";
import { readFigures } from "@/lib/reports/figures";
import { createDoctor, createPatient, insertAppointmentRow, localInstant } from "@/tests/factories";
import { createIsolatedDatabase, type IsolatedDatabase } from "../testing/isolated-database";
import { generateMonthlyReports } from "./generate-monthly-reports";

// The function reads the app's database (getDb); pointing DATABASE_URL at a
// database of its own, before the first query, makes the system totals exact.
// Months in the past: a month that has not started is refused.
let database: IsolatedDatabase;
let doctorId: string;
let quietDoctorId: string;

beforeAll(async () => {
  database = await createIsolatedDatabase("monthly");
  process.env.DATABASE_URL = database.url;
  const doctor = await createDoctor(database.db, { fullName: "Dr. Cron" });
  quietDoctorId = (await createDoctor(database.db, { fullName: "Dr. Quiet" })).id;
  doctorId = doctor.id;
  const patient = await createPatient(database.db);
  await insertAppointmentRow(database.db, { doctorId, patientId: patient.id, startsAt: localInstant("2020-07-07", "10:00"), status: "completed" });
  await insertAppointmentRow(database.db, { doctorId, patientId: patient.id, startsAt: localInstant("2020-07-14", "10:00"), status: "no_show" });
  await insertAppointmentRow(database.db, { doctorId, patientId: patient.id, startsAt: localInstant("2020-06-12", "10:00"), status: "completed" });
});

afterAll(async () => {
  await database?.drop();
});

describe("generate-monthly-reports", () => {
  it("on the 1st, reports last month for every doctor and the system, and announces the reports of doctors who had visits", async () => {
    const engine = new InngestTestEngine({
      function: generateMonthlyReports,
      events: [{ name: "inngest/scheduled.timer", data: { cron: "0 3 1 * *" }, ts: Date.parse("2020-08-01T03:00:00Z") }],
      steps: [{ id: "announce-doctor-reports-1", handler: () => ({ ids: [] }) }],
    });
    const { result, ctx } = await engine.execute();

    expect(result).toEqual({ month: "2020-07", reports: 3, announced: 1 });
    const report = await getDoctorReport(database.db, doctorId, "2020-07-01");
    expect(readFigures(report?.figures)).toMatchObject({
      month: "2020-07",
      appointments: { total: 2, completed: 1, noShow: 1 },
      rates: { completion: 0.5, noShow: 0.5, cancellation: 0 },
      busiestWeekdays: ["Tuesday"],
    });
    expect(ctx.step.sendEvent).toHaveBeenCalledWith("announce-doctor-reports-1", [
      expect.objectContaining({
        name: "reports/doctor-report.ready",
        id: `report-ready/${report!.id}/2020-07`,
        data: { reportId: report!.id, doctorId, month: "2020-07-01" },
      }),
    ]);
    const month = await getMonthReports(database.db, "2020-07-01");
    expect(readFigures(month.system?.figures)).toMatchObject({ timeZone: "UTC", doctors: 1, appointments: { total: 2 } });
    expect(month.doctors.map((row) => row.doctorId).sort()).toEqual([doctorId, quietDoctorId].sort());
  });

  it("recomputes any month on demand, without announcing it again", async () => {
    const { result, ctx } = await new InngestTestEngine({
      function: generateMonthlyReports,
      events: [{ name: "reports/month.requested", data: { month: "2020-06" } }],
    }).execute();

    expect(result).toEqual({ month: "2020-06", reports: 3, announced: 0 });
    expect(ctx.step.sendEvent).not.toHaveBeenCalled();
    expect(readFigures((await getDoctorReport(database.db, doctorId, "2020-06-01"))?.figures)).toMatchObject({ appointments: { total: 1, completed: 1 } });
  });
});
