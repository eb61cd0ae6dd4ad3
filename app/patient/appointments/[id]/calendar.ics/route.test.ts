// "Download .ics" through the real route handler with real sessions: the
// patient's own visit as a calendar file that parses, and nobody else's.
import ical, { type VEvent } from "node-ical";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { useTestDb } from "@/tests/db";
import { createDoctor, createPatient, insertAppointmentRow } from "@/tests/factories";
import { requestHeaders, sessionCookieFor } from "@/tests/session-cookie";
import { GET } from "./route";

const db = useTestDb();

async function download(appointmentId: string, cookie?: string) {
  const url = `http://localhost:3000/patient/appointments/${appointmentId}/calendar.ics`;
  return GET(new NextRequest(url, { headers: requestHeaders(cookie) }), { params: Promise.resolve({ id: appointmentId }) });
}

async function visit() {
  const doctor = await createDoctor(db, { fullName: "Dr. Calendar" });
  const patient = await createPatient(db);
  const startsAt = new Date("2027-01-12T09:30:00Z");
  const appointment = await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt, minutes: 45 });
  return { doctor, patient, appointment: appointment!, startsAt };
}

describe("GET /patient/appointments/[id]/calendar.ics", () => {
  it("gives the patient their visit as one VEVENT at its instant, as an attachment", async () => {
    const { patient, appointment, startsAt } = await visit();
    const response = await download(appointment.id, await sessionCookieFor(db, { id: patient.id, role: "patient" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="appointment\.ics"/);
    const events = Object.values(ical.sync.parseICS(await response.text())).filter((item): item is VEvent => item?.type === "VEVENT");
    expect(events).toHaveLength(1);
    expect(new Date(events[0]!.start).toISOString()).toBe(startsAt.toISOString());
    expect(new Date(events[0]!.end!).toISOString()).toBe(new Date(startsAt.getTime() + 45 * 60_000).toISOString());
    expect(String(events[0]!.summary)).toContain("Dr. Calendar");
  });

  it("is a 404 for another patient, for the visit's own doctor here, and for a malformed id; signed out goes to sign in", async () => {
    const { doctor, appointment } = await visit();
    const stranger = await createPatient(db);
    expect((await download(appointment.id, await sessionCookieFor(db, { id: stranger.id, role: "patient" }))).status).toBe(404);
    expect((await download(appointment.id, await sessionCookieFor(db, { id: doctor.id, role: "doctor" }))).status).toBe(404);
    expect((await download("not-a-uuid", await sessionCookieFor(db, { id: stranger.id, role: "patient" }))).status).toBe(404);
    const signedOut = await download(appointment.id);
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get("location")).toBe(`/login?next=${encodeURIComponent(`/patient/appointments/${appointment.id}`)}`);
  });
});
