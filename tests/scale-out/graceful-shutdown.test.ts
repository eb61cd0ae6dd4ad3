// SIGTERM while a booking is half-way through its transaction, on one standalone server
// (`node .next/standalone/server.js`, the build CI made). The test holds a lock on the
// outbox table, so the booking's transaction has inserted its appointment and waits to
// write its event: exactly the moment a shutdown must not leave half a booking behind.
//   - Within the drain deadline: the lock is released, the booking commits whole (its
//     appointment, history, audit entry and event), the patient gets their answer, and
//     the server exits 143 after each shutdown step. It answered not-ready meanwhile.
//   - Past the deadline (SHUTDOWN_TIMEOUT_SECONDS=2): the server exits with the booking
//     still waiting; its write is one statement (careslot_book_appointment), which
//     PostgreSQL finishes once the lock is free: the whole booking, never half of it.
import os from "node:os";
import fs from "node:fs/promises";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import postgres from "postgres";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { appointmentEvents, appointments, auditLog, outboxEvents } from "@/db/schema";
import { createIsolatedDatabase, type IsolatedDatabase } from "@/inngest/testing/isolated-database";
import { eventually } from "@/inngest/testing/local-runner";
import { freePort, startStandaloneServer, type StandaloneServer } from "@/scripts/lib/standalone-cluster";
import { createDoctor, createPatient } from "@/tests/factories";
import { bookableTuesdayTen } from "@/tests/real-time-slots";
import { sessionCookieFor } from "@/tests/session-cookie";
import { standaloneServerEnv } from "@/tests/standalone-server-env";
import { postBooking, readBookingForm } from "./http-client";

let database: IsolatedDatabase;
let storageDir: string;
let server: StandaloneServer | undefined;
let locker: postgres.Sql;

beforeAll(async () => {
  database = await createIsolatedDatabase("shutdown");
  storageDir = await fs.mkdtemp(path.join(os.tmpdir(), "careslot-shutdown-"));
  locker = postgres(database.url, { max: 1, onnotice: () => {} });
}, 60_000);

afterEach(async () => {
  await server?.stop("SIGKILL");
  server = undefined;
});

afterAll(async () => {
  await locker?.end({ timeout: 5 });
  await database?.drop();
  if (storageDir) await fs.rm(storageDir, { recursive: true, force: true });
});

async function startServer(extra: Record<string, string> = {}): Promise<StandaloneServer> {
  const port = await freePort();
  return startStandaloneServer({
    name: "server",
    port,
    env: { ...standaloneServerEnv({ databaseUrl: database.url, appUrl: `http://127.0.0.1:${port}`, storageDir }), ...extra },
  });
}

/** A transaction of the test's own holding the outbox table: a booking's event insert waits behind it. */
async function holdOutbox(): Promise<{ release: () => Promise<void> }> {
  const connection = await locker.reserve();
  await connection`begin`;
  await connection`lock table outbox_events in share mode`;
  return {
    release: async () => {
      await connection`commit`;
      connection.release();
    },
  };
}

/** Resolves once a statement of the server's waits for a lock on the outbox: the booking is inside its transaction. */
const bookingWaitsOnOutbox = () =>
  eventually(
    async () => {
      const waiting = await database.db.execute<{ n: number }>(
        // The booking's write is one statement (careslot_book_appointment, migration 0027) that inserts the outbox row itself.
        sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and (query ilike '%outbox_events%' or query ilike '%careslot_book_appointment%')`,
      );
      return waiting[0]!.n > 0 ? true : undefined;
    },
    20_000,
    "the booking waiting on the outbox lock",
  );

async function bookingOf(doctorId: string) {
  const rows = await database.db.select().from(appointments).where(eq(appointments.doctorId, doctorId));
  const ids = rows.map((row) => row.id);
  const [history, audit, events] = await Promise.all([
    ids.length ? database.db.select().from(appointmentEvents).where(eq(appointmentEvents.appointmentId, ids[0]!)) : [],
    ids.length ? database.db.select().from(auditLog).where(eq(auditLog.entityId, ids[0]!)) : [],
    database.db
      .select()
      .from(outboxEvents)
      .where(sql`${outboxEvents.name} = 'appointment/booked' and ${outboxEvents.payload}->>'doctorId' = ${doctorId}`),
  ]);
  return { rows, history, audit, events };
}

/** /api/health/ready as a new connection sees it: its status, or "refused" once the server stopped listening. */
const readiness = (url: string) =>
  fetch(`${url}/api/health/ready`).then(
    (response) => response.status,
    () => "refused" as const,
  );

async function preparedBooking(server: StandaloneServer) {
  const doctor = await createDoctor(database.db);
  const patient = await createPatient(database.db);
  const session = await sessionCookieFor(database.db, { id: patient.id, role: "patient" });
  const startsAt = bookableTuesdayTen();
  const form = await readBookingForm(server.url, session, doctor.id, startsAt);
  return { doctor, post: () => postBooking(server.url, session, form, { doctorId: doctor.id, startsAt, reason: "Shutdown check" }) };
}

describe("SIGTERM during a booking in flight", () => {
  it("within the drain deadline: the booking commits whole and is answered; the server is not ready meanwhile and exits 143", { timeout: 90_000 }, async () => {
    server = await startServer();
    const running = server;
    const { doctor, post } = await preparedBooking(running);
    expect(await readiness(running.url)).toBe(200);

    const lock = await holdOutbox();
    const answer = post();
    await bookingWaitsOnOutbox();
    const exited = running.stop("SIGTERM");
    await eventually(
      async () => (running.log.some((line) => line.includes("shutdown: not ready any more")) ? true : undefined),
      10_000,
      "the shutdown's start",
    );
    // Draining: a load balancer's or kubelet's probe gets no "ready" (503, or no connection at all).
    expect([503, "refused"]).toContain(await readiness(running.url));
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    expect(running.process.exitCode).toBeNull(); // still draining: the booking holds the exit
    await lock.release();

    expect(await answer).toMatchObject({ outcome: "booked" });
    expect(await exited).toBe(143);
    const log = running.log.join("\n");
    for (const step of ["requests in flight finished", "shutdown: job runner stopped", "shutdown: database pool closed"]) expect(log).toContain(step);
    expect(log).not.toContain("deadline reached");
    const booking = await bookingOf(doctor.id);
    expect(booking.rows).toHaveLength(1);
    expect(booking.rows[0]!.status).toBe("confirmed");
    expect(booking.history).toHaveLength(1);
    expect(booking.audit.map((entry) => entry.action)).toEqual(["appointment.booked"]);
    expect(booking.events).toHaveLength(1);
  });

  it("past the drain deadline: the server exits, and the booking's one write statement ends whole in PostgreSQL, never half", { timeout: 90_000 }, async () => {
    server = await startServer({ SHUTDOWN_TIMEOUT_SECONDS: "2" });
    const running = server;
    const { doctor, post } = await preparedBooking(running);

    const lock = await holdOutbox();
    const answer = post().then(
      (outcome) => outcome,
      (error: Error) => ({ outcome: "no answer", error: error.message }),
    );
    await bookingWaitsOnOutbox();
    // Inside its write statement (careslot_book_appointment), the appointment is already inserted: it waits for the event's insert.
    const exitCode = await running.stop("SIGTERM");
    expect(exitCode).toBe(143);
    expect(running.log.join("\n")).toContain("shutdown: deadline reached");
    // The connection died with the process, but PostgreSQL finishes a statement before it looks at its client:
    // once the lock is gone the write completes, all of it, as one statement does (the patient was answered
    // nothing; the confirmation email follows from the committed outbox event).
    await lock.release();
    expect(await answer).toMatchObject({ outcome: "no answer" });
    await eventually(
      async () => {
        const left = await database.db.execute<{ n: number }>(
          sql`select count(*)::int as n from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid() and backend_xid is not null`,
        );
        return left[0]!.n === 0 ? true : undefined;
      },
      20_000,
      "the dead server's transaction to end",
    );
    const booking = await bookingOf(doctor.id);
    expect(booking.rows).toHaveLength(1);
    expect(booking.history).toHaveLength(1);
    expect(booking.audit.map((entry) => entry.action)).toEqual(["appointment.booked"]);
    expect(booking.events).toHaveLength(1);
  });
});
