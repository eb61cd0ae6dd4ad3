import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectDatabase, type DatabaseHandle } from "@/db/client";
import { emails, jobRuns } from "@/db/schema";
import { bookAppointment } from "@/lib/booking/service";
import { TEST_NOW, createDoctor, createPatients, localInstant } from "@/tests/factories";
import { createIsolatedDatabase, type IsolatedDatabase } from "../testing/isolated-database";
import { eventually, startTestRunner, type TestRunner } from "../testing/local-runner";
import { fireCronTick } from "./runner";

// Two app servers on one database, each with its own connections and its own
// local runner, as two `next start` behind a load balancer would be: the
// bookings land on either, both runners deliver and run, and the work is
// shared, never repeated and never lost.
let database: IsolatedDatabase;
let other: DatabaseHandle;
let servers: TestRunner[] = [];

beforeAll(async () => {
  database = await createIsolatedDatabase("scale_out");
  process.env.DATABASE_URL = database.url;
  other = connectDatabase(database.url, { max: 6 });
  servers = [await startTestRunner(database.url, database.db, { outboxPollMs: 300 }), await startTestRunner(database.url, other.db, { outboxPollMs: 300 })];
});

afterAll(async () => {
  for (const server of servers) await server.stop();
  await other?.close();
  await database?.drop();
});

describe("two app servers with local runners on one database", () => {
  it("100 bookings spread over both: exactly 100 patient confirmations, none twice, none lost", { timeout: 90_000 }, async () => {
    const doctors = await Promise.all(Array.from({ length: 10 }, () => createDoctor(database.db)));
    const patients = await createPatients(database.db, 100);
    const times = Array.from({ length: 10 }, (_, i) => `${String(9 + Math.floor(i / 2)).padStart(2, "0")}:${i % 2 ? "30" : "00"}`);
    const booked = await Promise.all(
      patients.map((patient, i) => {
        const db = i % 2 === 0 ? database.db : other.db;
        return bookAppointment(
          db,
          { patientId: patient.id, doctorId: doctors[i % 10].id, startsAt: localInstant("2030-03-05", times[Math.floor(i / 10)]), reason: "Check-up" },
          TEST_NOW,
        );
      }),
    );
    const ids = booked.map((appointment) => appointment.id);
    expect(new Set(ids).size).toBe(100);

    const confirmations = () =>
      database.db
        .select({ appointmentId: emails.appointmentId, count: sql<number>`count(*)::int` })
        .from(emails)
        .where(and(eq(emails.template, "booking-confirmation-patient"), inArray(emails.appointmentId, ids)))
        .groupBy(emails.appointmentId);
    const rows = await eventually(
      async () => {
        const counted = await confirmations();
        return counted.length === 100 ? counted : undefined;
      },
      60_000,
      "100 confirmations",
    );
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    expect((await confirmations()).every((row) => row.count === 1)).toBe(true);
    expect(rows).toHaveLength(100);
    // And the doctors heard of each booking once too.
    const doctorNotices = await database.db
      .select({ id: emails.id })
      .from(emails)
      .where(and(eq(emails.template, "booking-confirmation-doctor"), inArray(emails.appointmentId, ids)));
    expect(doctorNotices).toHaveLength(100);
  });

  it("one monthly report run per month, however many servers fire the tick", async () => {
    const definitionOn = (server: TestRunner) => server.context.definitions.find((candidate) => candidate.id === "generate-monthly-reports")!;
    const started = await Promise.all(
      servers.flatMap((server) => [
        fireCronTick(server.context, definitionOn(server), "0 3 1 * *", new Date("2020-08-01T03:00:02Z")),
        fireCronTick(server.context, definitionOn(server), "0 3 1 * *", new Date("2020-08-01T03:00:40Z")),
      ]),
    );
    expect(new Set(started.flat()).size).toBe(1);
    const runs = await database.db.select().from(jobRuns).where(eq(jobRuns.functionId, "generate-monthly-reports"));
    expect(runs).toHaveLength(1);
    const run = await eventually(
      async () => {
        const [row] = await database.db.select().from(jobRuns).where(eq(jobRuns.id, runs[0].id));
        return row.status === "completed" ? row : undefined;
      },
      20_000,
      "the monthly run",
    );
    expect(run.output).toMatchObject({ month: "2020-07" });
  });
});
