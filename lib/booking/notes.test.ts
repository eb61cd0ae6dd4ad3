import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, consultationNotes } from "@/db/schema";
import { useTestDb } from "@/tests/db";
import { TEST_NOW, createDoctor, createPatient, localInstant } from "@/tests/factories";
import { saveConsultationNote } from "./notes";
import { consultationNoteSchema } from "./schemas";
import { bookAppointment } from "./service";

const db = useTestDb({ max: 5 });

async function bookedVisit() {
  const doctor = await createDoctor(db);
  const patient = await createPatient(db);
  const appointment = await bookAppointment(
    db,
    { patientId: patient.id, doctorId: doctor.id, startsAt: localInstant("2030-03-05", "10:00"), reason: "" },
    TEST_NOW,
  );
  return { doctorId: doctor.id, appointmentId: appointment.id };
}

const notesOf = (appointmentId: string) => db.select().from(consultationNotes).where(eq(consultationNotes.appointmentId, appointmentId));
const noteAuditOf = (appointmentId: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.entityId, appointmentId), eq(auditLog.action, "consultation_note.saved")))
    .orderBy(auditLog.createdAt);

/** What the doctor's form action does: parse with the shared schema, then save. */
function saveFromForm(visit: { doctorId: string; appointmentId: string }, form: { body: string; patientSummary: string }) {
  const parsed = consultationNoteSchema.parse({ appointmentId: visit.appointmentId, ...form });
  return saveConsultationNote(db, { doctorId: visit.doctorId, ...parsed });
}

describe("saveConsultationNote", () => {
  it("creates the note, then a second save updates that same row", async () => {
    const visit = await bookedVisit();

    const first = await saveConsultationNote(db, { ...visit, body: "BP 130/85.", patientSummary: "Keep walking daily." });
    const second = await saveConsultationNote(db, { ...visit, body: "BP 130/85. Follow up in 3 months.", patientSummary: "Walk daily; see you in June." });

    expect(second.id).toBe(first.id);
    const rows = await notesOf(visit.appointmentId);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ doctorId: visit.doctorId, body: "BP 130/85. Follow up in 3 months.", patientSummary: "Walk daily; see you in June." });
    expect(rows[0].updatedAt.getTime()).toBeGreaterThanOrEqual(first.updatedAt.getTime());
  });

  it("stores an empty (or blank) patient summary as null, and clears one written earlier", async () => {
    const visit = await bookedVisit();

    await saveFromForm(visit, { body: "Private observations.", patientSummary: "Rest for a week." });
    const cleared = await saveFromForm(visit, { body: "Private observations.", patientSummary: "   " });

    expect(cleared.patientSummary).toBeNull();
    expect((await notesOf(visit.appointmentId))[0].patientSummary).toBeNull();

    const other = await bookedVisit();
    expect((await saveFromForm(other, { body: "", patientSummary: "" })).patientSummary).toBeNull();
  });

  it("audits every save without copying what the note says", async () => {
    const visit = await bookedVisit();
    await saveConsultationNote(db, { ...visit, body: "Sensitive finding", patientSummary: null });
    await saveConsultationNote(db, { ...visit, body: "Sensitive finding, revised", patientSummary: "Shared summary" });

    const audit = await noteAuditOf(visit.appointmentId);
    expect(audit.map((row) => row.after)).toEqual([{ hasSummary: false }, { hasSummary: true }]);
    expect(JSON.stringify(audit)).not.toMatch(/Sensitive|Shared summary/);
    expect(audit.every((row) => row.actorId === visit.doctorId && row.actorRole === "doctor")).toBe(true);
  });
});
