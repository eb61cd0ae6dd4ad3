// A doctor's patient list and a patient's history page show only people in
// that doctor's care (a non-cancelled appointment with them); everyone else,
// including a patient whose every visit was cancelled, is invisible to them.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { useTestDb } from "@/tests/db";
import { createDoctor, createPatient, insertAppointmentRow } from "@/tests/factories";
import { users } from "../../schema";
import { getPatientOfDoctor, listPatientsOfDoctor } from "./patients";

const db = useTestDb({ max: 2 });

const NOW = new Date("2031-05-15T12:00:00Z");
const at = (iso: string) => new Date(`${iso}T09:00:00Z`);

async function practice() {
  const [doctor, otherDoctor] = [await createDoctor(db), await createDoctor(db)];
  const [regular, newcomer, cancelledOnly, stranger] = [await createPatient(db), await createPatient(db), await createPatient(db), await createPatient(db)];
  await db.update(users).set({ fullName: "Régine Regular" }).where(eq(users.id, regular.id));
  await db.update(users).set({ fullName: "Nora Newcomer" }).where(eq(users.id, newcomer.id));
  await insertAppointmentRow(db, { doctorId: doctor.id, patientId: regular.id, startsAt: at("2031-03-01"), status: "completed" });
  await insertAppointmentRow(db, { doctorId: doctor.id, patientId: regular.id, startsAt: at("2031-04-01"), status: "no_show" });
  await insertAppointmentRow(db, { doctorId: doctor.id, patientId: regular.id, startsAt: at("2031-06-01") });
  await insertAppointmentRow(db, { doctorId: doctor.id, patientId: newcomer.id, startsAt: at("2031-05-20") });
  await insertAppointmentRow(db, { doctorId: doctor.id, patientId: cancelledOnly.id, startsAt: at("2031-05-02"), status: "cancelled" });
  await insertAppointmentRow(db, { doctorId: otherDoctor.id, patientId: stranger.id, startsAt: at("2031-05-03"), status: "completed" });
  return { doctor, otherDoctor, regular, newcomer, cancelledOnly, stranger };
}

describe("listPatientsOfDoctor", () => {
  it("lists each patient in the doctor's care, with visits (cancelled left out), last and next visit, latest activity first", async () => {
    const { doctor, regular, newcomer } = await practice();
    const { rows, total } = await listPatientsOfDoctor(db, { doctorId: doctor.id, page: 1, pageSize: 10, now: NOW });
    expect(total).toBe(2);
    expect(rows).toEqual([
      { id: regular.id, fullName: "Régine Regular", email: regular.email, visits: 3, lastVisit: at("2031-04-01"), nextVisit: at("2031-06-01") },
      { id: newcomer.id, fullName: "Nora Newcomer", email: newcomer.email, visits: 1, lastVisit: null, nextVisit: at("2031-05-20") },
    ]);
  });

  it("searches name or email, pages, and never shows another doctor's patients", async () => {
    const { doctor, otherDoctor, regular, newcomer, stranger } = await practice();
    const byName = await listPatientsOfDoctor(db, { doctorId: doctor.id, query: "régine", page: 1, pageSize: 10, now: NOW });
    expect(byName.rows.map((row) => row.id)).toEqual([regular.id]);
    const byEmail = await listPatientsOfDoctor(db, { doctorId: doctor.id, query: newcomer.email.toUpperCase(), page: 1, pageSize: 10, now: NOW });
    expect(byEmail.rows.map((row) => row.id)).toEqual([newcomer.id]);
    expect((await listPatientsOfDoctor(db, { doctorId: doctor.id, query: stranger.email, page: 1, pageSize: 10, now: NOW })).total).toBe(0);
    const second = await listPatientsOfDoctor(db, { doctorId: doctor.id, page: 2, pageSize: 1, now: NOW });
    expect(second).toMatchObject({ total: 2, rows: [expect.objectContaining({ fullName: "Nora Newcomer" })] });
    expect((await listPatientsOfDoctor(db, { doctorId: otherDoctor.id, page: 1, pageSize: 10, now: NOW })).rows.map((row) => row.id)).toEqual([stranger.id]);
  });
});

describe("getPatientOfDoctor", () => {
  it("returns the patient to a doctor caring for them, and nothing once every visit was cancelled, nor to any other doctor", async () => {
    const { doctor, otherDoctor, regular, cancelledOnly, stranger } = await practice();
    expect(await getPatientOfDoctor(db, doctor.id, regular.id)).toMatchObject({
      id: regular.id,
      fullName: "Régine Regular",
      email: regular.email,
      bookings: 3,
    });
    expect(await getPatientOfDoctor(db, doctor.id, cancelledOnly.id)).toBeUndefined();
    expect(await getPatientOfDoctor(db, doctor.id, stranger.id)).toBeUndefined();
    expect(await getPatientOfDoctor(db, otherDoctor.id, regular.id)).toBeUndefined();
    expect(await getPatientOfDoctor(db, doctor.id, doctor.id)).toBeUndefined();
  });
});
