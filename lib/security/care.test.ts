// Issue #13, finding 2, replayed: a doctor whose verification was withdrawn
// (or never given), or who was deactivated, still opened a patient's medical
// information, downloaded a shared record, wrote a note and marked a payment
// paid; and a doctor kept access after every appointment with the patient was
// cancelled. Each case below is refused now, at the query or service the page,
// action or route calls, beside a control showing the same calls succeed for a
// doctor in good standing.
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as downloadRecord } from "@/app/api/records/[id]/route";
import { getPatientHistoryWithDoctor, getPatientOfDoctor, listPatientsOfDoctor } from "@/db/queries/appointments";
import { getPatientInformationForAppointment } from "@/db/queries/profiles";
import { listRecordsOfPatient, listRecordsSharedWithDoctor } from "@/db/queries/records";
import { createSession } from "@/db/queries/users";
import { patientProfiles, payments } from "@/db/schema";
import { rejectDoctor } from "@/lib/admin/doctors";
import { setUsersActiveState } from "@/lib/admin/users";
import { loadCalendar } from "@/lib/availability/calendar-service";
import { saveConsultationNote } from "@/lib/booking/notes";
import { cancelAppointment } from "@/lib/booking/service";
import { AppError } from "@/lib/errors";
import { markPaidAtClinic } from "@/lib/payments/clinic";
import { authorizeRecordDownload, openRecordForDownload } from "@/lib/records/access";
import { shareRecord, uploadRecord } from "@/lib/records/service";
import { fileOf, pdfBytes, setUpFileTests } from "@/lib/records/test-helpers";
import { adminActor, createDoctor, createPatient, insertAppointmentRow, rejectionOf } from "@/tests/factories";
import { assertDoctorInCare, doctorInCare } from "./care";

const files = setUpFileTests();
const NOW = new Date("2031-02-03T12:00:00Z");
const MARKER = "Allergic to penicillin (care-marker)";

/**
 * A doctor and their patient: a completed visit last week with a fee due at
 * the clinic, an upcoming visit next week, the patient's medical information
 * filled in and a lab result shared on the upcoming visit.
 */
async function practice(doctorOptions: Parameters<typeof createDoctor>[1] = {}) {
  const doctor = await createDoctor(files.db, doctorOptions);
  const patient = await createPatient(files.db);
  await files.db.update(patientProfiles).set({ allergies: MARKER, bloodType: "A+" }).where(eq(patientProfiles.userId, patient.id));
  const past = await insertAppointmentRow(files.db, {
    doctorId: doctor.id,
    patientId: patient.id,
    startsAt: new Date("2031-01-27T09:00:00Z"),
    status: "completed",
    reason: "Check-up",
  });
  const upcoming = await insertAppointmentRow(files.db, {
    doctorId: doctor.id,
    patientId: patient.id,
    startsAt: new Date("2031-02-10T09:00:00Z"),
    reason: "Follow-up",
  });
  await files.db.insert(payments).values({
    appointmentId: past.id,
    patientId: patient.id,
    doctorId: doctor.id,
    provider: "clinic",
    status: "due_at_visit",
    amountMinor: 6000,
    currency: "EUR",
  });
  const patientActor = { id: patient.id, role: "patient" as const };
  const record = await uploadRecord(files.db, patientActor, { title: "Lab results", recordType: "lab_result", file: fileOf(pdfBytes("care"), "lab.pdf") });
  await shareRecord(files.db, patientActor, { recordId: record.id, appointmentId: upcoming.id });
  return { doctor, patient, patientActor, past, upcoming, record, doctorActor: { id: doctor.id, role: "doctor" as const } };
}
type Practice = Awaited<ReturnType<typeof practice>>;

/** Everything the doctor portal shows of the patient, read exactly as its pages read it. */
async function whatTheDoctorSees(p: Practice) {
  const [page, list, information, history, records, download, calendar] = await Promise.all([
    getPatientOfDoctor(files.db, p.doctor.id, p.patient.id),
    listPatientsOfDoctor(files.db, { doctorId: p.doctor.id, page: 1, pageSize: 10, now: NOW }),
    getPatientInformationForAppointment(files.db, { doctorId: p.doctor.id, appointmentId: p.upcoming.id }),
    getPatientHistoryWithDoctor(files.db, p.doctor.id, p.patient.id),
    listRecordsSharedWithDoctor(files.db, p.doctor.id, p.patient.id),
    authorizeRecordDownload(files.db, p.doctorActor, p.record.id),
    loadCalendar(files.db, p.doctor.id, { start: "2031-01-26", end: "2031-02-12" }),
  ]);
  return {
    page: page?.allergies ?? null,
    listed: list.rows.map((row) => row.id),
    information: information?.allergies ?? null,
    history: history.length,
    records: records.map((row) => row.id),
    download: download?.basis ?? null,
    calendarNames: calendar!.appointments.map((a) => a.patientName),
    calendarReasons: calendar!.appointments.map((a) => a.reason),
  };
}

const note = (p: Practice) =>
  saveConsultationNote(files.db, { doctorId: p.doctor.id, appointmentId: p.past.id, body: "Follow-up in a month.", patientSummary: null });
const markPaid = (p: Practice) => markPaidAtClinic(files.db, { appointmentId: p.past.id, doctorId: p.doctor.id }, NOW);

async function refusedAsNotFound(promise: Promise<unknown>) {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(AppError);
  expect(error).toMatchObject({ code: "not_found", message: "We could not find that appointment." });
}

async function cookieFor(user: { id: string; role: "doctor" }) {
  const sid = await createSession(files.db, user.id, new Date(Date.now() + 3_600_000));
  const token = await encode({ token: { sub: user.id, sid, role: user.role }, secret: process.env.AUTH_SECRET!, salt: "authjs.session-token" });
  return `authjs.session-token=${token}`;
}

function getRecord(recordId: string, cookie: string) {
  const request = new NextRequest(`http://localhost:3000/api/records/${recordId}`, {
    headers: { host: "localhost:3000", "x-forwarded-proto": "http", cookie },
  });
  return downloadRecord(request, { params: Promise.resolve({ id: recordId }) });
}

/** What a doctor outside the patient's care sees: nothing of the patient (the calendar keeps the slots, without the name). */
function expectNothing(seen: Awaited<ReturnType<typeof whatTheDoctorSees>>) {
  expect(seen).toEqual({
    page: null,
    listed: [],
    information: null,
    history: 0,
    records: [],
    download: null,
    calendarNames: ["Patient", "Patient"],
    calendarReasons: ["", ""],
  });
}

describe("a doctor in good standing (the control)", () => {
  it("sees the patient, opens the shared record, writes a note and marks the fee paid", async () => {
    const p = await practice();
    expect(await whatTheDoctorSees(p)).toEqual({
      page: MARKER,
      listed: [p.patient.id],
      information: MARKER,
      history: 2,
      records: [p.record.id],
      download: "shared_doctor",
      calendarNames: ["Patient 1", "Patient 1"],
      calendarReasons: ["Check-up", "Follow-up"],
    });
    expect((await getRecord(p.record.id, await cookieFor(p.doctorActor))).status).toBe(200);
    expect(await doctorInCare(files.db, { doctorId: p.doctor.id, patientId: p.patient.id })).toBe(true);
    await expect(note(p)).resolves.toMatchObject({ body: "Follow-up in a month." });
    await expect(markPaid(p)).resolves.toMatchObject({ status: "paid" });
  });
});

describe("a doctor no longer verified or active", () => {
  it("withdrawn verification: no patient page, list, medical information or record (route 404), and the note and mark-paid are refused", async () => {
    const p = await practice();
    const cookie = await cookieFor(p.doctorActor);
    expect((await getRecord(p.record.id, cookie)).status).toBe(200);

    await rejectDoctor(files.db, await adminActor(files.db), { doctorId: p.doctor.id, reason: "Licence under review" });

    expectNothing(await whatTheDoctorSees(p));
    expect(await openRecordForDownload(files.db, p.doctorActor, p.record.id)).toBeNull();
    const response = await getRecord(p.record.id, cookie);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("Not found");
    await refusedAsNotFound(note(p));
    await refusedAsNotFound(markPaid(p));
    const [fee] = await files.db.select().from(payments).where(eq(payments.appointmentId, p.past.id));
    expect(fee).toMatchObject({ status: "due_at_visit", paidAt: null });
  });

  it("a doctor still pending verification is refused the same way", async () => {
    const p = await practice({ verificationStatus: "pending" });
    expectNothing(await whatTheDoctorSees(p));
    await refusedAsNotFound(note(p));
    await refusedAsNotFound(markPaid(p));
  });

  it("a deactivated doctor is refused the same way, even if a request gets past the revoked session", async () => {
    const p = await practice();
    await setUsersActiveState(files.db, await adminActor(files.db), { userIds: [p.doctor.id], active: false }, NOW);
    expectNothing(await whatTheDoctorSees(p));
    expect(await openRecordForDownload(files.db, p.doctorActor, p.record.id)).toBeNull();
    await refusedAsNotFound(note(p));
    await refusedAsNotFound(markPaid(p));
  });
});

describe("a doctor whose every appointment with the patient was cancelled", () => {
  it("no longer sees the patient nor the record shared on the cancelled visit; the patient sees the share ended", async () => {
    const doctor = await createDoctor(files.db);
    const patient = await createPatient(files.db);
    const patientActor = { id: patient.id, role: "patient" as const };
    const only = await insertAppointmentRow(files.db, { doctorId: doctor.id, patientId: patient.id, startsAt: new Date("2031-02-10T09:00:00Z") });
    const record = await uploadRecord(files.db, patientActor, { title: "Scan", recordType: "imaging", file: fileOf(pdfBytes("scan"), "scan.pdf") });
    await shareRecord(files.db, patientActor, { recordId: record.id, appointmentId: only.id });
    const doctorActor = { id: doctor.id, role: "doctor" as const };
    expect(await getPatientOfDoctor(files.db, doctor.id, patient.id)).toBeDefined();
    expect((await authorizeRecordDownload(files.db, doctorActor, record.id))?.basis).toBe("shared_doctor");

    await cancelAppointment(files.db, { appointmentId: only.id, actor: patientActor, reason: "Feeling better" }, NOW);

    expect(await getPatientOfDoctor(files.db, doctor.id, patient.id)).toBeUndefined();
    expect((await listPatientsOfDoctor(files.db, { doctorId: doctor.id, page: 1, pageSize: 10, now: NOW })).rows).toEqual([]);
    expect(await getPatientInformationForAppointment(files.db, { doctorId: doctor.id, appointmentId: only.id })).toBeUndefined();
    expect(await getPatientHistoryWithDoctor(files.db, doctor.id, patient.id)).toEqual([]);
    expect(await listRecordsSharedWithDoctor(files.db, doctor.id, patient.id)).toEqual([]);
    expect(await authorizeRecordDownload(files.db, doctorActor, record.id)).toBeNull();
    expect((await getRecord(record.id, await cookieFor(doctorActor))).status).toBe(404);
    expect((await loadCalendar(files.db, doctor.id, { start: "2031-02-09", end: "2031-02-12" }))!.appointments.map((a) => a.patientName)).toEqual(["Patient"]);
    await expect(rejectionOf(assertDoctorInCare(files.db, { doctorId: doctor.id, patientId: patient.id }))).resolves.toMatchObject({ code: "not_found" });
    const {
      rows: [own],
    } = await listRecordsOfPatient(files.db, patient.id, { page: 1, pageSize: 20 });
    expect(own.shares).toEqual([]);
  });

  it("one cancelled visit among others ends only the share made on it: the patient stays in care through the rest", async () => {
    const p = await practice();
    const patientActor = p.patientActor;
    await cancelAppointment(files.db, { appointmentId: p.upcoming.id, actor: patientActor, reason: "Cannot come" }, NOW);
    const seen = await whatTheDoctorSees(p);
    expect(seen).toMatchObject({ page: MARKER, listed: [p.patient.id], records: [], download: null });
    await expect(note(p)).resolves.toBeDefined();
  });
});
