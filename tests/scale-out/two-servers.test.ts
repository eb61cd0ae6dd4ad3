// Two standalone servers (`node .next/standalone/server.js`, the build CI made) on one
// PostgreSQL behind a round-robin proxy: what a user who runs several servers behind any
// load balancer relies on. Sessions, sign-out and the sign-in lockout hold across both; a
// race for one slot split over both gives one appointment; every confirmation goes out once
// with the local job runner on both; and SIGTERM to one in the middle of a stream of
// bookings loses none (the proxy sends what that server refuses to the other, as a load
// balancer does; what it took, it finishes).
import os from "node:os";
import fs from "node:fs/promises";
import path from "node:path";
import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { appointmentEvents, appointments, appSettings, emails, outboxEvents, users } from "@/db/schema";
import { getThrottle } from "@/db/queries/sign-in-throttle";
import { hashPassword } from "@/lib/auth/password";
import { createIsolatedDatabase, type IsolatedDatabase } from "@/inngest/testing/isolated-database";
import { eventually } from "@/inngest/testing/local-runner";
import { freePort, startRoundRobinProxy, startStandaloneServer, type RoundRobinProxy, type StandaloneServer } from "@/scripts/lib/standalone-cluster";
import { standaloneServerEnv } from "@/tests/standalone-server-env";
import { createDoctor, createPatient, createPatients } from "@/tests/factories";
import { bookableTuesdayTen } from "@/tests/real-time-slots";
import { sessionCookieFor } from "@/tests/session-cookie";
import { postBooking, readBookingForm, sessionEmail, signIn, signOut, type BookingAnswer, type BookingForm } from "./http-client";

const PASSWORD = "two servers, one truth";
let database: IsolatedDatabase;
let storageDir: string;
let servers: StandaloneServer[] = [];
let proxy: RoundRobinProxy;

/** What both servers get: the same database, secrets and public address (the proxy's). */
function serverEnv(appUrl: string): Record<string, string | undefined> {
  return standaloneServerEnv({ databaseUrl: database.url, appUrl, poolSize: 6, storageDir });
}

const sessionFor = (patientId: string) => sessionCookieFor(database.db, { id: patientId, role: "patient" });

/** `count` bookable instants of the default test doctor: Tuesday 10:00 in Berlin onwards, 30 minutes apart. */
function slotsFrom(weeks: number, count: number): string[] {
  const first = new Date(bookableTuesdayTen(weeks)).getTime();
  return Array.from({ length: count }, (_, k) => new Date(first + k * 30 * 60_000).toISOString());
}

const patientConfirmations = (ids: string[]) =>
  database.db
    .select({ appointmentId: emails.appointmentId, count: sql<number>`count(*)::int` })
    .from(emails)
    .where(and(eq(emails.template, "booking-confirmation-patient"), inArray(emails.appointmentId, ids)))
    .groupBy(emails.appointmentId);

/**
 * Waits until every appointment has its patient confirmation, then a little longer: none may come twice. Up to
 * two and a half minutes: a job the stopped server left is retried by pg-boss after its backing-off delay, and on
 * a loaded CI machine the survivor's workers also yield to requests (60 s ran out once).
 */
async function expectOneConfirmationEach(ids: string[]) {
  await eventually(async () => ((await patientConfirmations(ids)).length === ids.length ? true : undefined), 150_000, `${ids.length} confirmations`);
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  const counted = await patientConfirmations(ids);
  expect(counted).toHaveLength(ids.length);
  expect(counted.filter((row) => row.count !== 1)).toEqual([]);
}

beforeAll(async () => {
  database = await createIsolatedDatabase("two_servers");
  storageDir = await fs.mkdtemp(path.join(os.tmpdir(), "careslot-two-servers-"));
  // Every request comes from 127.0.0.1 here: the per-IP sign-in limit would count the whole test as one attacker.
  await database.db.update(appSettings).set({ signInAttemptsPerIpPer15Minutes: 100_000 }).where(eq(appSettings.id, 1));
  const ports = [await freePort(), await freePort()];
  proxy = await startRoundRobinProxy(ports.map((port, k) => ({ name: `server-${k + 1}`, url: `http://127.0.0.1:${port}` })));
  servers = await Promise.all(ports.map((port, k) => startStandaloneServer({ name: `server-${k + 1}`, port, env: serverEnv(proxy.url) })));
}, 120_000);

afterAll(async () => {
  await Promise.all(servers.map((server) => server.stop("SIGTERM")));
  await proxy?.close();
  await database?.drop();
  if (storageDir) await fs.rm(storageDir, { recursive: true, force: true });
});

describe("two standalone servers on one PostgreSQL behind a round-robin proxy", () => {
  it("a session made through one is valid on the other, and signing out on one ends it on both", async () => {
    const patient = await createPatient(database.db);
    await database.db
      .update(users)
      .set({ passwordHash: await hashPassword(PASSWORD) })
      .where(eq(users.id, patient.id));
    const [one, two] = servers as [StandaloneServer, StandaloneServer];

    const { session } = await signIn(one.url, patient.email, PASSWORD);
    expect(session).not.toBeNull();
    expect(await sessionEmail(one.url, session!)).toBe(patient.email);
    expect(await sessionEmail(two.url, session!)).toBe(patient.email);

    expect(await signOut(two.url, session!)).toBe(302);
    // The same cookie, still held by the browser (or stolen): ended on both.
    expect(await sessionEmail(two.url, session!)).toBeNull();
    expect(await sessionEmail(one.url, session!)).toBeNull();
  });

  it("the sign-in lockout counts the attempts made on both servers together", async () => {
    const patient = await createPatient(database.db);
    await database.db
      .update(users)
      .set({ passwordHash: await hashPassword(PASSWORD) })
      .where(eq(users.id, patient.id));
    const [one, two] = servers as [StandaloneServer, StandaloneServer];

    for (const server of [one, two, one]) {
      const wrong = await signIn(server.url, patient.email, "not the password at all");
      expect(wrong.session).toBeNull();
    }
    expect((await getThrottle(database.db, patient.email.toLowerCase()))?.failures).toBe(3);
    // Three failures, spread over both: the right password is refused on the other server too.
    const refused = await signIn(two.url, patient.email, PASSWORD);
    expect(refused.session).toBeNull();
    expect(decodeURIComponent(refused.location)).toMatch(/code=locked:\d+/);
  });

  let raced: string | undefined;

  it("40 patients race for one slot through both servers: exactly one appointment", { timeout: 90_000 }, async () => {
    const doctor = await createDoctor(database.db);
    const patients = await createPatients(database.db, 40);
    const [startsAt] = slotsFrom(0, 1) as [string];
    const sessions = await Promise.all(patients.map((patient) => sessionFor(patient.id)));
    const form = await readBookingForm(proxy.url, sessions[0]!, doctor.id, startsAt);
    const before = proxy.answeredBy.length;

    const answers = await Promise.all(sessions.map((session) => postBooking(proxy.url, session, form, { doctorId: doctor.id, startsAt })));

    const byServer = proxy.answeredBy.slice(before);
    expect(new Set(byServer)).toEqual(new Set(["server-1", "server-2"]));
    expect(answers.filter((answer) => answer.outcome === "booked")).toHaveLength(1);
    expect(answers.filter((answer) => answer.outcome === "taken")).toHaveLength(39);
    const rows = await database.db.select().from(appointments).where(eq(appointments.doctorId, doctor.id));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "confirmed", startsAt: new Date(startsAt) });
    raced = rows[0]!.id;
  });

  it("each booking's confirmation email is sent exactly once, with the local job runner on both servers", { timeout: 180_000 }, async () => {
    // Both runners run: two servers starting at once on a fresh database may deadlock creating
    // pg-boss's tables; the one that lost tries again a second later (inngest/local/start.ts).
    for (const server of servers)
      await eventually(async () => server.log.some((line) => line.includes("background jobs: local runner in this server")), 20_000, `${server.name}'s runner`);
    const doctors = await Promise.all([createDoctor(database.db), createDoctor(database.db)]);
    const patients = await createPatients(database.db, 20);
    const slots = slotsFrom(1, 10);
    const sessions = await Promise.all(patients.map((patient) => sessionFor(patient.id)));
    const form = await readBookingForm(proxy.url, sessions[0]!, doctors[0]!.id, slots[0]!);
    const answers = await Promise.all(
      patients.map((_, k) => postBooking(proxy.url, sessions[k]!, form, { doctorId: doctors[k % 2]!.id, startsAt: slots[Math.floor(k / 2)]! })),
    );
    const ids = answers.map((answer) => (answer.outcome === "booked" ? answer.appointmentId : `not booked: ${JSON.stringify(answer)}`));
    expect(
      ids.every((id) => /^[0-9a-f-]{36}$/.test(id)),
      ids.join(", "),
    ).toBe(true);
    await expectOneConfirmationEach([...ids, raced!]);
  });

  it("SIGTERM to one server during a stream of bookings loses none", { timeout: 210_000 }, async () => {
    const doctors = await Promise.all([createDoctor(database.db), createDoctor(database.db), createDoctor(database.db)]);
    const patients = await createPatients(database.db, 36);
    const slots = slotsFrom(2, 12);
    const sessions = await Promise.all(patients.map((patient) => sessionFor(patient.id)));
    const form: BookingForm = await readBookingForm(proxy.url, sessions[0]!, doctors[0]!.id, slots[0]!);
    const [stopping] = servers as [StandaloneServer, StandaloneServer];

    // Four patients at a time; after the tenth answer, the first server is told to stop.
    const answers: BookingAnswer[] = new Array(patients.length);
    let nextPatient = 0;
    let answered = 0;
    let stopped: Promise<number | string> | undefined;
    const worker = async () => {
      while (nextPatient < patients.length) {
        const k = nextPatient++;
        answers[k] = await postBooking(proxy.url, sessions[k]!, form, { doctorId: doctors[k % 3]!.id, startsAt: slots[Math.floor(k / 3)]! });
        answered += 1;
        if (answered === 10) stopped = stopping.stop("SIGTERM");
      }
    };
    await Promise.all([worker(), worker(), worker(), worker()]);

    // Every request was answered, by one server or the other, and every one booked.
    expect(answers.filter((answer) => answer.outcome !== "booked")).toEqual([]);
    expect(await stopped).toBe(143);
    const log = stopping.log.join("\n");
    for (const step of [
      "shutdown: not ready any more",
      "shutdown: requests in flight finished",
      "shutdown: job runner stopped",
      "shutdown: database pool closed",
    ])
      expect(log).toContain(step);
    expect(log).not.toContain("deadline reached");

    // Every appointment row is whole: confirmed, with its history row and its outbox event, one per patient.
    const ids = answers.map((answer) => (answer as { appointmentId: string }).appointmentId);
    const rows = await database.db.select().from(appointments).where(inArray(appointments.id, ids));
    expect(rows).toHaveLength(patients.length);
    expect(new Set(rows.map((row) => row.patientId)).size).toBe(patients.length);
    expect(rows.every((row) => row.status === "confirmed")).toBe(true);
    const history = await database.db
      .select({ id: appointmentEvents.appointmentId })
      .from(appointmentEvents)
      .where(inArray(appointmentEvents.appointmentId, ids));
    expect(new Set(history.map((row) => row.id)).size).toBe(patients.length);
    const events = await database.db.select({ payload: outboxEvents.payload }).from(outboxEvents).where(eq(outboxEvents.name, "appointment/booked"));
    const booked = new Set(events.map((event) => (event.payload as { appointmentId: string }).appointmentId));
    expect(ids.every((id) => booked.has(id))).toBe(true);
    // And the server still running sends every confirmation, including those the stopped one left.
    await expectOneConfirmationEach(ids);
  });
});
