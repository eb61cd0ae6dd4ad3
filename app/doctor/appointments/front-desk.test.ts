// The doctor's half of the front-desk authorisation matrix (the admin's is
// app/admin/authorization.test.ts; the service's lib/booking/front-desk.test.ts).
// The doctor's front-desk actions, called as Next.js calls them with a real
// session cookie: a patient, an admin (the doctor portal's actions are the
// doctor's) and an anonymous caller are refused; a doctor cannot book into or
// move a visit in another doctor's calendar; nothing changes or is sent.
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { appointments } from "@/db/schema";
import { getDb } from "@/lib/db";
import { createAdmin, createDoctor, createPatient, insertAppointmentRow } from "@/tests/factories";
import { bookableTuesdayTen } from "@/tests/real-time-slots";
import { requestHeaders, sessionCookieFor } from "@/tests/session-cookie";

const session = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(requestHeaders(session.cookie)), cookies: async () => ({ get: () => undefined }) }));
const revalidated = vi.hoisted(() => vi.fn());
vi.mock("next/cache", () => ({ revalidatePath: revalidated, revalidateTag: revalidated }));
const delivered = vi.hoisted(() => vi.fn(async () => ({ sent: 0, failed: 0 })));
vi.mock("@/lib/outbox", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/outbox")>()), deliverOutbox: delivered }));

const { bookForPatientAction, rescheduleAsDoctorAction } = await import("./actions");
const db = getDb();

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

async function world() {
  const [own, other] = [await createDoctor(db, { priceMinor: 0 }), await createDoctor(db, { priceMinor: 0 })];
  const patient = await createPatient(db);
  // A visit in the other doctor's calendar, far ahead, for the reschedule attempts.
  const theirs = await insertAppointmentRow(db, {
    doctorId: other.id,
    patientId: patient.id,
    startsAt: new Date(Date.UTC(2035, 0, 1) + Math.floor(Math.random() * 1e5) * 3_600_000),
  });
  return { own, other, patient, theirs, slot: bookableTuesdayTen(), later: bookableTuesdayTen(1) };
}

const count = (patientId: string) => db.$count(appointments, eq(appointments.patientId, patientId));
const answer = async (call: Promise<unknown>) => (await call) as { ok: boolean; message?: string };

async function signIn(user: { id: string } | null, role: "patient" | "doctor" | "admin") {
  session.cookie = user ? await sessionCookieFor(db, { id: user.id, role }) : "";
}

describe("the doctor's front-desk actions", () => {
  for (const who of ["a patient", "an admin", "an anonymous caller"] as const) {
    it(`refuse ${who}, and nothing changes or is sent`, async () => {
      const w = await world();
      if (who === "a patient") await signIn(w.patient, "patient");
      else if (who === "an admin") await signIn(await createAdmin(db), "admin");
      else await signIn(null, "patient");
      revalidated.mockClear();
      delivered.mockClear();
      const booked = await answer(
        bookForPatientAction(null, form({ patientId: w.patient.id, doctorId: w.own.id, startsAt: w.slot, reason: "", payment: "clinic" })),
      );
      const moved = await answer(rescheduleAsDoctorAction(null, form({ appointmentId: w.theirs.id, startsAt: w.slot })));
      expect([booked.ok, moved.ok]).toEqual([false, false]);
      expect(await count(w.patient.id)).toBe(1);
      expect(revalidated).not.toHaveBeenCalled();
      expect(delivered).not.toHaveBeenCalled();
    });
  }

  it("a doctor cannot book into another doctor's calendar, nor move another doctor's visit", async () => {
    const w = await world();
    await signIn(w.own, "doctor");
    const booked = await answer(
      bookForPatientAction(null, form({ patientId: w.patient.id, doctorId: w.other.id, startsAt: w.slot, reason: "", payment: "clinic" })),
    );
    expect(booked).toMatchObject({ ok: false, code: "forbidden", message: "You can only book into your own calendar." });
    const moved = await answer(rescheduleAsDoctorAction(null, form({ appointmentId: w.theirs.id, startsAt: w.slot })));
    expect(moved).toMatchObject({ ok: false, code: "not_found" });
    const [row] = await db.select().from(appointments).where(eq(appointments.id, w.theirs.id));
    expect(row).toMatchObject({ status: w.theirs.status, startsAt: w.theirs.startsAt });
    expect(await count(w.patient.id)).toBe(1);
  });

  it("bad input is refused with a message per field, and nothing is booked", async () => {
    const w = await world();
    await signIn(w.own, "doctor");
    const refused = await answer(
      bookForPatientAction(null, form({ patientId: "nobody", doctorId: w.own.id, startsAt: "tomorrow", reason: "", payment: "cash" })),
    );
    expect(refused).toMatchObject({ ok: false, code: "invalid_input" });
    expect(Object.keys((refused as { fieldErrors?: object }).fieldErrors ?? {}).sort()).toEqual(["patientId", "payment", "startsAt"]);
    expect(await count(w.patient.id)).toBe(1);
  });

  it("the doctor books into their own calendar and moves the visit (the control: the gates are about ownership)", async () => {
    const w = await world();
    await signIn(w.own, "doctor");
    await expect(
      bookForPatientAction(null, form({ patientId: w.patient.id, doctorId: w.own.id, startsAt: w.slot, reason: "Phoned", payment: "clinic" })),
    ).rejects.toThrow(/NEXT_REDIRECT/);
    const [booked] = await db.select().from(appointments).where(eq(appointments.doctorId, w.own.id));
    expect(booked).toMatchObject({ patientId: w.patient.id, status: "confirmed", reason: "Phoned" });
    await expect(rescheduleAsDoctorAction(null, form({ appointmentId: booked!.id, startsAt: w.later }))).rejects.toThrow(/NEXT_REDIRECT/);
    const rows = await db.select().from(appointments).where(eq(appointments.doctorId, w.own.id));
    expect(rows.map((row) => row.status).sort()).toEqual(["cancelled", "confirmed"]);
  });
});
