import { eq, inArray, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { getBookableDoctor } from "@/db/queries/profiles";
import { appointments, availabilityOverrides, availabilityRules, doctorFreeTime, doctorProfiles, users } from "@/db/schema";
import { bookAppointment, cancelAppointment, rescheduleAppointment } from "@/lib/booking/service";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import { TEST_NOW, createDoctor, createPatient, insertAppointmentRow } from "@/tests/factories";
import { randomUUID } from "node:crypto";
import { firstFreeSlot } from "./first-slot";
import { refreshFreeTime } from "./free-time";
import { parseSearchParams } from "./params";
import { searchDoctors } from "./service";

// The free-time index is a cache of the slot engine's first free slot per
// doctor. Its one promise: a row the search takes as fresh equals what the
// engine answers right now; everything else is stale and never trusted.

const db = useTestDb();
const MINUTE = 60_000;

async function engineFirst(doctorId: string, now: Date): Promise<string | null> {
  const doctor = (await getBookableDoctor(db, doctorId))!;
  return (await firstFreeSlot(db, doctor, { now, viewerTimeZone: "UTC" }))?.startsAt.toISOString() ?? null;
}

async function indexRow(doctorId: string, now: Date) {
  const [row] = await db.select().from(doctorFreeTime).where(eq(doctorFreeTime.doctorId, doctorId));
  const fresh = row!.computedVersion === row!.version && row!.validUntil !== null && row!.validUntil >= now;
  return { fresh, nextFreeAt: row!.nextFreeAt?.toISOString() ?? null, version: row!.version };
}

/** Every fresh row equals the engine; returns how many were fresh. */
async function expectFreshRowsHonest(doctorIds: string[], now: Date): Promise<number> {
  let fresh = 0;
  for (const id of doctorIds) {
    const row = await indexRow(id, now);
    if (!row.fresh) continue;
    fresh++;
    expect(row.nextFreeAt, `doctor ${id} at ${now.toISOString()}`).toBe(await engineFirst(id, now));
  }
  return fresh;
}

/** A small deterministic generator, so a failure replays. */
function generator(seed: number) {
  let state = seed;
  return (n: number) => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state % n;
  };
}

describe("the free-time index", () => {
  it("is created stale with each doctor and, once refreshed, holds the engine's first free slot", async () => {
    const doctors = await Promise.all([createDoctor(db), createDoctor(db, { bufferMinutes: 10, minimumNoticeHours: 31 }), createDoctor(db, { rules: [] })]);
    const ids = doctors.map((d) => d.id);
    for (const id of ids) expect((await indexRow(id, TEST_NOW)).fresh).toBe(false);
    await refreshFreeTime(db, { now: TEST_NOW, doctorIds: ids });
    for (const id of ids) {
      const row = await indexRow(id, TEST_NOW);
      expect(row.fresh).toBe(true);
      expect(row.nextFreeAt).toBe(await engineFirst(id, TEST_NOW));
    }
    // No hours at all: no free slot, and the row says so.
    expect((await indexRow(ids[2]!, TEST_NOW)).nextFreeAt).toBeNull();
  });

  it("after random bookings, cancellations, moves, holds and edits, fresh rows always equal the engine, and a refresh makes every row fresh", async () => {
    const doctors = await Promise.all([
      createDoctor(db),
      createDoctor(db, { slotMinutes: 20, bufferMinutes: 5 }),
      createDoctor(db, { timeZone: "America/New_York", minimumNoticeHours: 5 }),
      createDoctor(db, { rules: [{ weekday: 1, startTime: "08:00", endTime: "09:30" }] }),
    ]);
    const ids = doctors.map((d) => d.id);
    const patients = await Promise.all(Array.from({ length: 6 }, () => createPatient(db)));
    const random = generator(20261207);
    let now = TEST_NOW;
    await refreshFreeTime(db, { now, doctorIds: ids });

    for (let step = 0; step < 36; step++) {
      const doctorId = ids[random(ids.length)]!;
      const before = await indexRow(doctorId, now);
      let changed = true;
      try {
        switch (random(8)) {
          case 0:
          case 1: {
            // Book the doctor's first free slot (what "earliest" offers).
            const first = await engineFirst(doctorId, now);
            if (!first) {
              changed = false;
              break;
            }
            await bookAppointment(db, { patientId: patients[random(patients.length)]!.id, doctorId, startsAt: new Date(first), reason: "" }, now);
            break;
          }
          case 2: {
            const [visit] = await db.select().from(appointments).where(eq(appointments.doctorId, doctorId)).orderBy(appointments.startsAt).limit(1);
            if (!visit || visit.status !== "confirmed") {
              changed = false;
              break;
            }
            await cancelAppointment(db, { appointmentId: visit.id, actor: { id: doctorId, role: "doctor" }, reason: "Property test" }, now);
            break;
          }
          case 3: {
            const [visit] = await db.select().from(appointments).where(eq(appointments.doctorId, doctorId)).orderBy(appointments.startsAt).limit(1);
            const doctor = (await getBookableDoctor(db, doctorId))!;
            const later = (await firstFreeSlot(db, doctor, { now, viewerTimeZone: "UTC" }, undefined))?.startsAt;
            if (!visit || visit.status !== "confirmed" || !later) {
              changed = false;
              break;
            }
            await rescheduleAppointment(db, { appointmentId: visit.id, actor: { id: doctorId, role: "doctor" }, newStartsAt: later }, now);
            break;
          }
          case 4: {
            // An unpaid hold on the first free slot, expiring in 20 minutes: time alone frees it again.
            const first = await engineFirst(doctorId, now);
            if (!first) {
              changed = false;
              break;
            }
            const startsAt = new Date(first);
            await insertAppointmentRow(db, {
              doctorId,
              patientId: patients[random(patients.length)]!.id,
              startsAt,
              minutes: 20,
              status: "pending_payment",
              holdExpiresAt: new Date(now.getTime() + 20 * MINUTE),
            });
            break;
          }
          case 5: {
            const date = new Date(now.getTime() + random(4) * 86_400_000).toISOString().slice(0, 10);
            await db.insert(availabilityOverrides).values({ doctorId, date, closed: true });
            break;
          }
          case 6: {
            const next = { minimumNoticeHours: [0, 2, 26][random(3)]!, acceptingBookings: random(5) !== 0 };
            const [was] = await db
              .select({ minimumNoticeHours: doctorProfiles.minimumNoticeHours, acceptingBookings: doctorProfiles.acceptingBookings })
              .from(doctorProfiles)
              .where(eq(doctorProfiles.userId, doctorId));
            await db.update(doctorProfiles).set(next).where(eq(doctorProfiles.userId, doctorId));
            changed = was!.minimumNoticeHours !== next.minimumNoticeHours || was!.acceptingBookings !== next.acceptingBookings;
            break;
          }
          case 7: {
            await db.delete(availabilityRules).where(eq(availabilityRules.doctorId, doctorId));
            await db.insert(availabilityRules).values({ doctorId, weekday: 1 + random(5), startTime: "10:00", endTime: "12:00" });
            break;
          }
        }
      } catch (error) {
        // A refusal (the patient is busy then, the visit is inside the cancellation window…) writes nothing.
        if (!(error instanceof AppError)) throw error;
        changed = false;
      }
      if (changed) expect((await indexRow(doctorId, now)).version, `step ${step} bumps the version`).toBeGreaterThan(before.version);
      await expectFreshRowsHonest(ids, now);
      // Time passes (up to 50 minutes): notice boundaries and hold expiries are crossed without any write.
      now = new Date(now.getTime() + random(50) * MINUTE);
      await expectFreshRowsHonest(ids, now);
      if (random(3) === 0) await refreshFreeTime(db, { now, doctorIds: ids });
    }

    await refreshFreeTime(db, { now, doctorIds: ids });
    expect(await expectFreshRowsHonest(ids, now)).toBe(ids.length);
  });

  it("deactivating the doctor's account makes the row stale; the refresh then says no free slot", async () => {
    const doctor = await createDoctor(db);
    await refreshFreeTime(db, { now: TEST_NOW, doctorIds: [doctor.id] });
    expect((await indexRow(doctor.id, TEST_NOW)).nextFreeAt).not.toBeNull();
    await db.update(users).set({ active: false }).where(eq(users.id, doctor.id));
    expect((await indexRow(doctor.id, TEST_NOW)).fresh).toBe(false);
    await refreshFreeTime(db, { now: TEST_NOW, doctorIds: [doctor.id] });
    expect(await indexRow(doctor.id, TEST_NOW)).toMatchObject({ fresh: true, nextFreeAt: null });
  });

  it("never writes an answer computed before a booking that committed meanwhile", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const first = new Date((await engineFirst(doctor.id, TEST_NOW))!);
    let refresh: Promise<unknown> | undefined;
    await db.transaction(async (tx) => {
      await insertAppointmentRow(tx as unknown as Db, { doctorId: doctor.id, patientId: patient.id, startsAt: first });
      // The refresh reads the committed version and the data without this booking, then waits on the row lock.
      refresh = refreshFreeTime(db, { now: TEST_NOW, doctorIds: [doctor.id] });
      await new Promise((resolve) => setTimeout(resolve, 400));
    });
    await refresh;
    const row = await indexRow(doctor.id, TEST_NOW);
    if (row.fresh) expect(row.nextFreeAt).toBe(await engineFirst(doctor.id, TEST_NOW));
    expect(row.nextFreeAt).not.toBe(first.toISOString());
  });

  it("is kept by triggers for every table the engine reads, whoever writes them", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const bumps = async (write: () => Promise<unknown>) => {
      const before = (await indexRow(doctor.id, TEST_NOW)).version;
      await write();
      return (await indexRow(doctor.id, TEST_NOW)).version > before;
    };
    const visit = await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: new Date("2030-03-05T09:00:00Z") });
    expect(await bumps(() => db.update(appointments).set({ status: "cancelled" }).where(eq(appointments.id, visit!.id)))).toBe(true);
    // A column the engine does not read changes nothing.
    expect(await bumps(() => db.update(appointments).set({ reason: "Changed" }).where(eq(appointments.id, visit!.id)))).toBe(false);
    expect(await bumps(() => db.delete(appointments).where(eq(appointments.id, visit!.id)))).toBe(true);
    expect(await bumps(() => db.update(availabilityRules).set({ endTime: "16:00" }).where(eq(availabilityRules.doctorId, doctor.id)))).toBe(true);
    expect(await bumps(() => db.insert(availabilityOverrides).values({ doctorId: doctor.id, date: "2030-03-06", closed: true }))).toBe(true);
    expect(await bumps(() => db.delete(availabilityOverrides).where(eq(availabilityOverrides.doctorId, doctor.id)))).toBe(true);
    expect(await bumps(() => db.update(doctorProfiles).set({ bufferMinutes: 5 }).where(eq(doctorProfiles.userId, doctor.id)))).toBe(true);
    expect(await bumps(() => db.update(doctorProfiles).set({ bio: "Only words" }).where(eq(doctorProfiles.userId, doctor.id)))).toBe(false);
    // One statement over many doctors bumps each once (a statement trigger, not one per row).
    const others = await Promise.all([createDoctor(db), createDoctor(db)]);
    const versions = async () =>
      (
        await db
          .select({ v: doctorFreeTime.version })
          .from(doctorFreeTime)
          .where(
            inArray(
              doctorFreeTime.doctorId,
              others.map((d) => d.id),
            ),
          )
      ).map((r) => r.v);
    const was = await versions();
    await db.execute(
      sql`update availability_rules set end_time = '15:00' where doctor_id in (${sql.join(
        others.map((d) => sql`${d.id}::uuid`),
        sql`, `,
      )})`,
    );
    expect((await versions()).map((v, i) => v - was[i]!)).toEqual([1, 1]);
  });

  it("gives the search the same answers, order and pages from fresh rows as the engine gives from stale ones", async () => {
    const city = `Freshville ${randomUUID().slice(0, 8)}`;
    const doctors = [];
    // Equal first slots for most (ties come in name order), an earlier one, a later one, one with nothing this week.
    const market: [string, Parameters<typeof createDoctor>[1]][] = [
      ["Dr. Mia Fresh", {}],
      ["Dr. Ada Fresh", {}],
      ["Dr. Zed Fresh", {}],
      ["Dr. Early Fresh", { minimumNoticeHours: 1 }],
      ["Dr. Late Fresh", { rules: [{ weekday: 3, startTime: "14:00", endTime: "16:00" }] }],
      ["Dr. None Fresh", { rules: [] }],
    ];
    for (const [name, options] of market) {
      const doctor = await createDoctor(db, { fullName: name, ...options });
      await db.update(doctorProfiles).set({ city }).where(eq(doctorProfiles.userId, doctor.id));
      doctors.push(doctor.id);
    }
    const context = { now: TEST_NOW, viewerTimeZone: "Europe/Berlin" };
    const run = async (raw: Record<string, string>) =>
      (await searchDoctors(db, parseSearchParams({ city, ...raw }, []).query, context)).results.map((r) => [
        r.doctor.fullName,
        r.firstSlot?.startsAt.toISOString() ?? null,
      ]);
    const shapes: Record<string, string>[] = [{ sort: "earliest" }, { within: "today" }, { within: "3", sort: "earliest" }, { sort: "price" }];
    const fromEngine = [];
    for (const shape of shapes) fromEngine.push(await run(shape));
    await refreshFreeTime(db, { now: TEST_NOW, doctorIds: doctors });
    for (const id of doctors) expect((await indexRow(id, TEST_NOW)).fresh).toBe(true);
    for (const [i, shape] of shapes.entries()) expect(await run(shape), JSON.stringify(shape)).toEqual(fromEngine[i]);
    expect(fromEngine[0]!.map(([name]) => name).slice(0, 4)).toEqual(["Dr. Early Fresh", "Dr. Ada Fresh", "Dr. Mia Fresh", "Dr. Zed Fresh"]);
    // A booking makes one row stale: the mixed answer is still the engine's.
    const patient = await createPatient(db);
    const adaFirst = fromEngine[0]!.find(([name]) => name === "Dr. Ada Fresh")![1]!;
    await bookAppointment(db, { patientId: patient.id, doctorId: doctors[1]!, startsAt: new Date(adaFirst), reason: "" }, TEST_NOW);
    const mixed = await run({ sort: "earliest" });
    expect(mixed.find(([name]) => name === "Dr. Ada Fresh")![1]).not.toBe(adaFirst);
    await db
      .update(doctorFreeTime)
      .set({ version: sql`version + 1` })
      .where(inArray(doctorFreeTime.doctorId, doctors));
    expect(await run({ sort: "earliest" })).toEqual(mixed);
  });
});
