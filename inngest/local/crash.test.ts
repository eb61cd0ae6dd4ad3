import { spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { outboxEvents } from "@/db/schema";
import { createDoctor, createPatient, localInstant } from "@/tests/factories";
import { emailsOf } from "../testing/events";
import { createIsolatedDatabase, type IsolatedDatabase } from "../testing/isolated-database";
import { eventually, startTestRunner, type TestRunner } from "../testing/local-runner";

// A real process is killed (SIGKILL) after its booking committed and before
// its email went; the server that starts next sends the email, once.
let database: IsolatedDatabase;
let runner: TestRunner | undefined;

beforeAll(async () => {
  database = await createIsolatedDatabase("crash");
  process.env.DATABASE_URL = database.url;
});
afterAll(async () => {
  await runner?.stop();
  await database?.drop();
});

function bookInAProcessThatDies(args: string[]): Promise<string> {
  const child = spawn(process.execPath, ["--import", "tsx", "inngest/testing/book-then-die.ts", ...args], {
    env: { ...process.env, DATABASE_URL: database.url },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.on("exit", (code, signal) => reject(new Error(`the booking process ended early (${code ?? signal})`)));
    createInterface({ input: child.stdout! }).on("line", (line) => {
      if (!line.startsWith("{")) return;
      child.removeAllListeners("exit");
      child.kill("SIGKILL");
      resolve((JSON.parse(line) as { appointmentId: string }).appointmentId);
    });
  });
}

describe("a server killed between a booking's commit and its email", () => {
  it("leaves the event in the outbox; the next server to start sends the confirmation exactly once", { timeout: 60_000 }, async () => {
    const doctor = await createDoctor(database.db);
    const patient = await createPatient(database.db);
    const appointmentId = await bookInAProcessThatDies([doctor.id, patient.id, localInstant("2030-03-05", "10:00").toISOString()]);

    expect(await emailsOf(database.db, appointmentId)).toEqual([]);
    expect(
      (await database.db.select({ name: outboxEvents.name, status: outboxEvents.status }).from(outboxEvents)).filter((row) => row.status === "pending"),
    ).toEqual([{ name: "appointment/booked", status: "pending" }]);

    // The restart: a server with the local runner delivers what the dead one left.
    runner = await startTestRunner(database.url, database.db);
    const patientConfirmations = async () => (await emailsOf(database.db, appointmentId)).filter((email) => email.template === "booking-confirmation-patient");
    await eventually(async () => (await patientConfirmations()).length > 0, 15_000, "the confirmation");
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    await runner.deliverOutbox();
    expect(await patientConfirmations()).toHaveLength(1);
    expect((await emailsOf(database.db, appointmentId)).map((email) => email.template).sort()).toEqual([
      "booking-confirmation-doctor",
      "booking-confirmation-patient",
    ]);
  });
});
