// A NUL byte in a text field (or any database error) logged Drizzle's message
// with every bind parameter: allergies, medications, an argon2 hash, emails.
// Replayed here with real PostgreSQL errors, raised by the services and the
// tables with marker strings in every text field, and logged through the app's
// own logger options into a captured stream: no marker, no hash, no email in
// the log; the SQLSTATE, the constraint and the request id are there.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import pino from "pino";
import { describe, expect, it } from "vitest";
import { appointments, users } from "@/db/schema";
import { registerAccount } from "@/lib/auth/accounts";
import { hashPassword } from "@/lib/auth/password";
import { savePatientProfile } from "@/lib/profiles/service";
import { useTestDb } from "@/tests/db";
import { TEST_NOW, createDoctor, createPatient, rejectionOf } from "@/tests/factories";
import { safeErrorMessage, serializeError } from "./logged-error";
import { logger, loggerOptions } from "./logger";

const db = useTestDb({ max: 2 });

/** A logger exactly like the app's, writing into an array. */
function capture() {
  const lines: string[] = [];
  const log = pino({ ...loggerOptions, level: "info" }, { write: (line: string) => void lines.push(line) });
  return { log: log.child({ requestId: "req-7b0c7a52" }), text: () => lines.join("") };
}

const marker = (field: string) => `MARKER-${field}-${randomUUID().slice(0, 8)}`;

function expectClean(text: string, secrets: string[]) {
  for (const secret of secrets) expect(text, secret).not.toContain(secret);
  expect(text).not.toContain("MARKER-");
  expect(text).not.toContain("$argon2");
}

describe("database errors in the log", () => {
  it("a NUL in a patient's profile: the SQLSTATE and request id, none of the health data", async () => {
    const patient = await createPatient(db);
    const values = {
      fullName: marker("fullName"),
      phone: "+49 30 1234567",
      dateOfBirth: "1980-05-01",
      gender: null,
      country: null,
      region: null,
      // An unencrypted field: the medical ones are ciphertext by the time they reach PostgreSQL.
      city: `${marker("city")}\u0000`,
      latitude: null,
      longitude: null,
      timeZone: "Europe/Berlin",
      allergies: marker("allergies"),
      chronicConditions: marker("chronicConditions"),
      currentMedications: marker("currentMedications"),
      bloodType: null,
      emergencyContactName: marker("emergencyContactName"),
      emergencyContactPhone: null,
    };
    // The schema refuses this now (lib/validation/text.ts); the log must hold even if a value gets past it.
    const error = await rejectionOf(savePatientProfile(db, patient.id, values));
    expect(String((error as Error).message)).toContain("MARKER-"); // what Drizzle's own message holds
    const { log, text } = capture();
    log.error({ err: error }, "action failed");
    const line = JSON.parse(text());
    expectClean(
      text(),
      Object.values(values).filter((value): value is string => typeof value === "string" && value.startsWith("MARKER")),
    );
    expect(line).toMatchObject({
      requestId: "req-7b0c7a52",
      msg: "action failed",
      err: { type: "DrizzleQueryError", code: "22021", cause: { type: "PostgresError", code: "22021", routine: expect.any(String) } },
    });
    expect(line.err.message).toMatch(/^Failed query: (insert|update) /);
    expect(line.err.cause.message).toBe('invalid byte sequence for encoding "UTF8"');
    expect(line.err.stack).toContain("    at ");
  });

  it("a NUL in a registration: no password hash, no email, no name", async () => {
    const email = `${marker("email")}@example.test`;
    const fullName = `${marker("name")}\u0000`;
    const error = await rejectionOf(registerAccount(db, { fullName, email, password: "a long enough password", role: "patient", timeZone: "UTC" }, TEST_NOW));
    expect(String((error as Error).message)).toContain("$argon2");
    const { log, text } = capture();
    log.error({ err: error }, "action failed");
    expectClean(text(), [email]);
    expect(JSON.parse(text()).err).toMatchObject({ code: "22021" });
  });

  it("a unique violation: the constraint, not the duplicate email PostgreSQL quotes in its detail", async () => {
    const patient = await createPatient(db);
    const hash = await hashPassword("another long password");
    const error = await rejectionOf(
      db.insert(users).values({ email: patient.email.toUpperCase(), fullName: marker("fullName"), passwordHash: hash, role: "patient" }),
    );
    expect((error as { cause?: { detail?: string } }).cause?.detail).toContain(patient.email);
    const { log, text } = capture();
    log.error({ err: error }, "action failed");
    expectClean(text(), [patient.email, patient.email.toUpperCase(), hash]);
    expect(JSON.parse(text()).err).toMatchObject({ code: "23505", constraint: "users_email_lower_key", table: "users" });
  });

  it("a check violation: the constraint, not the failing row PostgreSQL quotes in its detail", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const reason = marker("reason");
    const error = await rejectionOf(
      db.insert(appointments).values({
        doctorId: doctor.id,
        patientId: patient.id,
        startsAt: TEST_NOW,
        endsAt: TEST_NOW,
        status: "confirmed",
        priceMinor: 6000,
        currency: "EUR",
        reason,
      }),
    );
    expect((error as { cause?: { detail?: string } }).cause?.detail).toContain(reason);
    const { log, text } = capture();
    log.error({ err: error }, "booking failed");
    expectClean(text(), [reason]);
    expect(JSON.parse(text()).err).toMatchObject({ code: "23514", constraint: "appointments_ends_after_starts", table: "appointments" });
  });

  it("a refused value that PostgreSQL quotes in its message, wrapped in another error, logged under any key", async () => {
    const value = marker("uuid");
    const error = await rejectionOf(db.select().from(users).where(eq(users.id, value)));
    expect((error as { cause?: Error }).cause?.message).toContain(value);
    const wrapped = new Error("loading the page failed", { cause: error });
    const { log, text } = capture();
    log.error({ err: wrapped }, "page failed");
    log.error({ error }, "named otherwise");
    log.error(error as Error);
    expectClean(text(), [value]);
    const [first, , bare] = text()
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line));
    expect(bare.msg).toBe("database query failed: invalid input syntax for type uuid (SQLSTATE 22P02)");
    expect(first.err).toMatchObject({
      type: "Error",
      message: "loading the page failed",
      code: "22P02",
      cause: { type: "DrizzleQueryError", cause: { message: "invalid input syntax for type uuid" } },
    });
  });

  it("a job run's stored error: the reason and the SQLSTATE only", async () => {
    const value = marker("uuid");
    const error = await rejectionOf(db.select().from(users).where(eq(users.id, value)));
    expect(safeErrorMessage(error)).toBe("database query failed: invalid input syntax for type uuid (SQLSTATE 22P02)");
    expect(safeErrorMessage(new Error("mail provider down"))).toBe("mail provider down");
  });
});

describe("other errors", () => {
  it("keep pino's standard form: type, message and stack", () => {
    expect(serializeError(new TypeError("no such column"))).toMatchObject({
      type: "TypeError",
      message: "no such column",
      stack: expect.stringContaining("logged-error.test.ts"),
    });
    expect(serializeError("just text")).toBe("just text");
  });

  it("are what the app's logger uses for err", () => {
    const serializers = (logger as unknown as Record<symbol, Record<string, unknown>>)[pino.symbols.serializersSym];
    expect(serializers.err).toBe(serializeError);
  });
});
