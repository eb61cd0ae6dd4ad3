import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { sqlState } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import { appointments, users } from "./schema";

// Room for 20 statements in flight at once.
const db = useTestDb({ max: 20 });

async function createUser(role: "doctor" | "patient"): Promise<string> {
  const [row] = await db
    .insert(users)
    .values({
      email: `${role}-${randomUUID()}@careslot.test`,
      fullName: `Test ${role}`,
      passwordHash: "not-a-real-hash",
      role,
    })
    .returning({ id: users.id });
  return row.id;
}

type Status = (typeof appointments.$inferInsert)["status"];

/** 2031-02-03 at the given UTC hh:mm. */
const on = (hhmm: string) => new Date(`2031-02-03T${hhmm}:00.000Z`);

function book(doctorId: string, patientId: string, from: string, to: string, status: Status = "confirmed") {
  return db
    .insert(appointments)
    .values({
      doctorId,
      patientId,
      startsAt: on(from),
      endsAt: on(to),
      status,
      priceMinor: 5000,
      currency: "EUR",
    })
    .returning({ id: appointments.id });
}

/** The SQLSTATE the promise is rejected with; fails the test when it resolves. */
async function rejectionState(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
  } catch (error) {
    return sqlState(error);
  }
  throw new Error("the insert was accepted");
}

const countForDoctor = async (doctorId: string) =>
  (await db.select({ id: appointments.id }).from(appointments).where(eq(appointments.doctorId, doctorId))).length;

describe("appointments: one doctor is never double-booked", () => {
  it("refuses an overlapping active appointment with another patient (23P01)", async () => {
    const doctor = await createUser("doctor");
    const [ann, bob] = [await createUser("patient"), await createUser("patient")];
    await book(doctor, ann, "09:00", "09:30");
    expect(await rejectionState(book(doctor, bob, "09:15", "09:45"))).toBe("23P01");
    expect(await countForDoctor(doctor)).toBe(1);
  });

  it.each([
    ["the same slot", "09:00", "09:30"],
    ["one inside the other", "09:10", "09:20"],
    ["one around the other", "08:30", "10:00"],
    ["overlapping the start", "08:45", "09:01"],
    ["overlapping the end", "09:29", "09:45"],
  ])("refuses %s", async (_label, from, to) => {
    const doctor = await createUser("doctor");
    await book(doctor, await createUser("patient"), "09:00", "09:30");
    expect(await rejectionState(book(doctor, await createUser("patient"), from, to))).toBe("23P01");
  });

  it("accepts back-to-back appointments (09:00–09:30 then 09:30–10:00, and one ending at 09:00)", async () => {
    const doctor = await createUser("doctor");
    await book(doctor, await createUser("patient"), "09:00", "09:30");
    await book(doctor, await createUser("patient"), "09:30", "10:00");
    await book(doctor, await createUser("patient"), "08:30", "09:00");
    expect(await countForDoctor(doctor)).toBe(3);
  });

  it("accepts an overlapping appointment when the first one is cancelled", async () => {
    const doctor = await createUser("doctor");
    await book(doctor, await createUser("patient"), "09:00", "09:30", "cancelled");
    await book(doctor, await createUser("patient"), "09:00", "09:30", "confirmed");
    expect(await countForDoctor(doctor)).toBe(2);
  });

  it("frees the time when an appointment is cancelled afterwards", async () => {
    const doctor = await createUser("doctor");
    const [first] = await book(doctor, await createUser("patient"), "09:00", "09:30");
    expect(await rejectionState(book(doctor, await createUser("patient"), "09:00", "09:30"))).toBe("23P01");
    await db.update(appointments).set({ status: "cancelled" }).where(eq(appointments.id, first.id));
    await book(doctor, await createUser("patient"), "09:00", "09:30");
    expect(await countForDoctor(doctor)).toBe(2);
  });

  it.each<[Status]>([["pending_payment"], ["confirmed"], ["completed"], ["no_show"]])("a %s appointment holds its time", async (status) => {
    const doctor = await createUser("doctor");
    await book(doctor, await createUser("patient"), "09:00", "09:30", status);
    expect(await rejectionState(book(doctor, await createUser("patient"), "09:00", "09:30", "pending_payment"))).toBe("23P01");
    expect(await rejectionState(book(doctor, await createUser("patient"), "09:00", "09:30", "confirmed"))).toBe("23P01");
  });

  it("lets two doctors see patients at the same time", async () => {
    const [drA, drB] = [await createUser("doctor"), await createUser("doctor")];
    await book(drA, await createUser("patient"), "09:00", "09:30");
    await book(drB, await createUser("patient"), "09:00", "09:30");
    expect((await countForDoctor(drA)) + (await countForDoctor(drB))).toBe(2);
  });
});

describe("appointments: one patient is never in two places", () => {
  it("refuses the same patient with two doctors at overlapping times (23P01)", async () => {
    const patient = await createUser("patient");
    await book(await createUser("doctor"), patient, "09:00", "09:30");
    expect(await rejectionState(book(await createUser("doctor"), patient, "09:15", "09:45"))).toBe("23P01");
  });

  it("accepts the same patient back to back, and after a cancellation", async () => {
    const patient = await createUser("patient");
    const [first] = await book(await createUser("doctor"), patient, "09:00", "09:30");
    await book(await createUser("doctor"), patient, "09:30", "10:00");
    await db.update(appointments).set({ status: "cancelled" }).where(eq(appointments.id, first.id));
    await book(await createUser("doctor"), patient, "09:00", "09:30");
    expect(await db.select({ id: appointments.id }).from(appointments).where(eq(appointments.patientId, patient))).toHaveLength(3);
  });
});

describe("appointments: row checks", () => {
  it.each([
    ["ends before it starts", "10:00", "09:30"],
    ["ends when it starts", "09:30", "09:30"],
  ])("refuses one that %s (23514)", async (_label, from, to) => {
    const doctor = await createUser("doctor");
    expect(await rejectionState(book(doctor, await createUser("patient"), from, to))).toBe("23514");
    expect(await countForDoctor(doctor)).toBe(0);
  });

  it("refuses a doctor booking themself (23514)", async () => {
    const doctor = await createUser("doctor");
    expect(await rejectionState(book(doctor, doctor, "09:00", "09:30"))).toBe("23514");
  });
});

describe("appointments: concurrent booking of one slot", () => {
  // PostgreSQL checks an exclusion constraint after inserting the index entry,
  // so two in-flight inserts of one slot can each wait for the other; the
  // deadlock detector then aborts one with 40P01 instead of 23P01, about one
  // run in ten here. Both mean "someone else got the slot", and the deadlock
  // detector wakes up once per deadlock_timeout (1 s by default), so the worst
  // case is about 19 s: hence the longer timeout.
  const LOST_THE_SLOT = ["23P01", "40P01"];

  it("of 20 simultaneous inserts exactly 1 succeeds and the 19 others are refused as conflicts", { timeout: 60_000 }, async () => {
    const doctor = await createUser("doctor");
    const patients = await Promise.all(Array.from({ length: 20 }, () => createUser("patient")));
    const outcomes = await Promise.allSettled(patients.map((patient) => book(doctor, patient, "14:00", "14:30", "pending_payment")));

    const succeeded = outcomes.filter((outcome) => outcome.status === "fulfilled");
    const states = outcomes.flatMap((outcome) => (outcome.status === "rejected" ? [sqlState(outcome.reason)] : []));
    expect(succeeded).toHaveLength(1);
    expect(states).toHaveLength(19);
    for (const state of states) expect(LOST_THE_SLOT).toContain(state);
    expect(await countForDoctor(doctor)).toBe(1);
  });
});
