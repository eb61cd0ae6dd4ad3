// What a doctor sees of a patient's documents on one appointment: what was
// shared on it, plus what the same patient shared on their other visits with
// this doctor; never what went to another doctor, or was taken back.
import { describe, expect, it } from "vitest";
import { listRecordsSharedWithDoctor } from "@/db/queries/records";
import { createDoctor, createPatient, insertAppointmentRow } from "@/tests/factories";
import { shareRecord, unshareRecord, uploadRecord } from "./service";
import { sharedRecordsForAppointment } from "./shared";
import { fileOf, pdfBytes, setUpFileTests } from "./test-helpers";

const files = setUpFileTests();

const HOUR = 3_600_000;

async function scenario() {
  const [patient, otherPatient] = [await createPatient(files.db), await createPatient(files.db)];
  const [doctor, otherDoctor] = [await createDoctor(files.db), await createDoctor(files.db)];
  // A random week far ahead, so this patient's visits never overlap anything else.
  const base = Date.UTC(2031, 0, 6, 9) + Math.floor(Math.random() * 5000) * 7 * 24 * HOUR;
  const visit = (doctorId: string, patientId: string, hours: number) =>
    insertAppointmentRow(files.db, { doctorId, patientId, startsAt: new Date(base + hours * HOUR) });
  const earlier = await visit(doctor.id, patient.id, 0);
  const withOtherDoctor = await visit(otherDoctor.id, patient.id, 24);
  const current = await visit(doctor.id, patient.id, 48);
  const later = await visit(doctor.id, patient.id, 96);
  const otherPatientsVisit = await visit(doctor.id, otherPatient.id, 49);

  const owner = { id: patient.id, role: "patient" as const };
  const upload = (title: string, as = owner) => uploadRecord(files.db, as, { title, recordType: "other", file: fileOf(pdfBytes(title), `${title}.pdf`) });
  const share = (recordId: string, appointmentId: string, as = owner) => shareRecord(files.db, as, { recordId, appointmentId });

  const onCurrent = await upload("C on this visit");
  await share(onCurrent.id, current.id);
  const onEarlier = await upload("B on an earlier visit");
  await share(onEarlier.id, earlier.id);
  const onBoth = await upload("A on this and an earlier visit");
  await share(onBoth.id, current.id);
  await share(onBoth.id, earlier.id);
  const onTwoOthers = await upload("D on two other visits");
  await share(onTwoOthers.id, earlier.id);
  await share(onTwoOthers.id, later.id);
  const toOtherDoctor = await upload("E for the other doctor");
  await share(toOtherDoctor.id, withOtherDoctor.id);
  await upload("F never shared");
  const otherOwner = { id: otherPatient.id, role: "patient" as const };
  const otherPatientsRecord = await upload("G another patient's", otherOwner);
  await share(otherPatientsRecord.id, otherPatientsVisit.id, otherOwner);

  return {
    owner,
    patient,
    doctor,
    otherDoctor,
    earlier,
    withOtherDoctor,
    current,
    later,
    records: { onCurrent, onEarlier, onBoth, onTwoOthers, toOtherDoctor },
  };
}

const titles = (rows: { title: string }[]) => rows.map((row) => row.title);

describe("sharedRecordsForAppointment", () => {
  it("shows this visit's records, and once each the records shared on the patient's other visits with this doctor", async () => {
    const s = await scenario();
    const seen = await sharedRecordsForAppointment(s.doctor.id, s.patient.id, s.current.id);
    expect(titles(seen.onThis)).toEqual(["A on this and an earlier visit", "C on this visit"]);
    // The record also shared on this visit is not repeated; the one shared on two other visits appears once, under the newest.
    expect(seen.fromOtherVisits.map((row) => [row.title, row.appointmentId])).toEqual([
      ["D on two other visits", s.later.id],
      ["B on an earlier visit", s.earlier.id],
    ]);
  });

  it("never shows what the patient shared with another doctor, and the other doctor sees only that", async () => {
    const s = await scenario();
    const seen = await sharedRecordsForAppointment(s.doctor.id, s.patient.id, s.current.id);
    expect([...titles(seen.onThis), ...titles(seen.fromOtherVisits)]).not.toContain("E for the other doctor");

    const theirs = await sharedRecordsForAppointment(s.otherDoctor.id, s.patient.id, s.withOtherDoctor.id);
    expect(titles(theirs.onThis)).toEqual(["E for the other doctor"]);
    expect(theirs.fromOtherVisits).toEqual([]);
    // Asking with this doctor's appointment changes nothing: the doctor's own shares decide.
    const crossed = await sharedRecordsForAppointment(s.otherDoctor.id, s.patient.id, s.current.id);
    expect(crossed.onThis).toEqual([]);
    expect(titles(crossed.fromOtherVisits)).toEqual(["E for the other doctor"]);
  });

  it("drops a record from the other visits once the patient unshares it", async () => {
    const s = await scenario();
    await unshareRecord(files.db, s.owner, { recordId: s.records.onEarlier.id, appointmentId: s.earlier.id });
    const seen = await sharedRecordsForAppointment(s.doctor.id, s.patient.id, s.current.id);
    expect(titles(seen.fromOtherVisits)).toEqual(["D on two other visits"]);

    // Unsharing one of two visits keeps the other share.
    await unshareRecord(files.db, s.owner, { recordId: s.records.onTwoOthers.id, appointmentId: s.later.id });
    const after = await sharedRecordsForAppointment(s.doctor.id, s.patient.id, s.current.id);
    expect(after.fromOtherVisits.map((row) => [row.title, row.appointmentId])).toEqual([["D on two other visits", s.earlier.id]]);
  });
});

describe("listRecordsSharedWithDoctor", () => {
  it("lists every share of this patient with this doctor, newest visit first, by title within a visit, and no one else's", async () => {
    const s = await scenario();
    const rows = await listRecordsSharedWithDoctor(files.db, s.doctor.id, s.patient.id);
    expect(rows.map((row) => [row.title, row.appointmentId])).toEqual([
      ["D on two other visits", s.later.id],
      ["A on this and an earlier visit", s.current.id],
      ["C on this visit", s.current.id],
      ["A on this and an earlier visit", s.earlier.id],
      ["B on an earlier visit", s.earlier.id],
      ["D on two other visits", s.earlier.id],
    ]);
    expect(rows[0]).toMatchObject({ originalName: "D on two other visits.pdf", contentType: "application/pdf", appointmentStartsAt: s.later.startsAt });
    expect(await listRecordsSharedWithDoctor(files.db, s.otherDoctor.id, s.patient.id).then(titles)).toEqual(["E for the other doctor"]);
  });
});
