// "Download my data" through the real route handler with real sessions: the
// ZIP holds data.json with the patient's own data and every file they
// uploaded, and nothing of another patient's or of the doctor's private note.
import { unzipSync, strFromU8 } from "fflate";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET } from "@/app/patient/data-export/route";
import { eq } from "drizzle-orm";
import { medicalRecords, patientProfiles } from "@/db/schema";
import { setUpFileTests } from "@/lib/records/test-helpers";
import { deleteFile, readFile } from "@/lib/storage";
import { auditRowsFor, createAdmin, createDoctor } from "@/tests/factories";
import { requestHeaders, sessionCookieFor } from "@/tests/session-cookie";
import { archiveFileName } from "./export";
import { patientWithData } from "./testing/patient-with-data";

const files = setUpFileTests();

async function photoKeyOf(patientId: string) {
  const [row] = await files.db.select({ photoKey: patientProfiles.photoKey }).from(patientProfiles).where(eq(patientProfiles.userId, patientId));
  return row?.photoKey;
}

async function download(cookie?: string) {
  return GET(new NextRequest("http://localhost:3000/patient/data-export", { headers: requestHeaders(cookie) }));
}

async function exportOf(patientId: string) {
  const response = await download(await sessionCookieFor(files.db, { id: patientId, role: "patient" }));
  expect(response.status).toBe(200);
  const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
  return { response, entries, data: JSON.parse(strFromU8(entries["data.json"]!)), text: strFromU8(entries["data.json"]!) };
}

describe("GET /patient/data-export", () => {
  it("is one ZIP of the patient's own data: profile, medical information, appointments with the shared summary, payments, refunds, reviews and files", async () => {
    const doctor = await createDoctor(files.db, { fullName: "Dr. Shared" });
    const mine = await patientWithData(files.db, "MINE", { doctorId: doctor.id });
    const theirs = await patientWithData(files.db, "THEIRS", { doctorId: doctor.id });

    const { response, entries, data, text } = await exportOf(mine.patient.id);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toMatch(/^attachment; filename="careslot-my-data-\d{4}-\d{2}-\d{2}\.zip"/);
    expect(response.headers.get("cache-control")).toBe("no-store");

    expect(data.account).toMatchObject({ id: mine.patient.id, email: mine.patient.email, fullName: "MINE Patient" });
    expect(data.profile).toMatchObject({
      phone: "+49 MINE phone",
      city: "MINE-city",
      dateOfBirth: "1980-02-03",
      timeZone: "Europe/Berlin",
      photo: { file: "photo.webp", included: true },
    });
    expect(data.medicalInformation).toEqual({
      allergies: "MINE-allergy",
      chronicConditions: "MINE-condition",
      currentMedications: "MINE-medication",
      bloodType: "O+",
      emergencyContactName: "MINE-emergency",
      emergencyContactPhone: "+49 555",
    });
    expect(data.appointments).toEqual([
      expect.objectContaining({
        id: mine.visit.id,
        doctor: expect.objectContaining({ id: doctor.id, name: "Dr. Shared" }),
        status: "completed",
        reason: "MINE-reason",
        consultationSummary: "MINE-summary",
      }),
    ]);
    expect(data.appointments[0].startsAt).toBe(mine.visit.startsAt.toISOString());
    expect(data.payments).toEqual([
      expect.objectContaining({
        id: mine.payment.id,
        appointmentId: mine.visit.id,
        doctorName: "Dr. Shared",
        status: "partially_refunded",
        amountMinor: 6000,
        refundedMinor: 1000,
        refunds: [expect.objectContaining({ id: mine.refund.id, amountMinor: 1000, reason: "Goodwill" })],
      }),
    ]);
    expect(data.reviews).toEqual([expect.objectContaining({ id: mine.review.id, rating: 2, body: "MINE-review-body", doctorName: "Dr. Shared" })]);
    expect(data.reviewReports).toEqual([expect.objectContaining({ reviewId: mine.reportedReviewId, reason: "MINE-report-reason" })]);
    const recordPath = `records/${mine.record.id}-${archiveFileName("MINE lab.pdf")}`;
    expect(data.records).toEqual([
      expect.objectContaining({
        id: mine.record.id,
        title: "MINE-lab-title",
        originalName: "MINE lab.pdf",
        file: recordPath,
        included: true,
        sharedWith: [expect.objectContaining({ appointmentId: mine.visit.id, doctorName: "Dr. Shared" })],
      }),
    ]);

    // The uploaded files themselves, byte for byte.
    expect(Object.keys(entries).sort()).toEqual(["data.json", "photo.webp", recordPath].sort());
    expect(entries[recordPath]).toEqual(mine.recordBytes);
    expect(Buffer.from(entries["photo.webp"]!).equals(await readFile((await photoKeyOf(mine.patient.id))!))).toBe(true);

    // Never the doctor's private note, never another patient's anything.
    expect(text).not.toContain("PRIVATE-NOTE-BODY");
    expect(text).not.toContain("THEIRS");
    expect(text).not.toContain(theirs.patient.id);
    expect(text).not.toContain(theirs.patient.email);
    for (const bytes of Object.values(entries)) expect(strFromU8(bytes, true)).not.toContain("THEIRS");
  });

  it("is audited as patient.data_exported, with counts and nothing personal", async () => {
    const mine = await patientWithData(files.db, "AUDITED");
    await exportOf(mine.patient.id);
    const audit = (await auditRowsFor(files.db, "user", mine.patient.id)).filter((row) => row.action === "patient.data_exported");
    expect(audit).toEqual([
      expect.objectContaining({ actorId: mine.patient.id, actorRole: "patient", after: { appointments: 1, payments: 1, reviews: 1, records: 1, files: 2 } }),
    ]);
  });

  it("a file gone from storage is left out and data.json says so; the rest is still there", async () => {
    const mine = await patientWithData(files.db, "MISSING");
    const [row] = await files.db.select({ fileKey: medicalRecords.fileKey }).from(medicalRecords).where(eq(medicalRecords.id, mine.record.id));
    await deleteFile(row!.fileKey);
    const { entries, data } = await exportOf(mine.patient.id);
    expect(data.records).toEqual([expect.objectContaining({ id: mine.record.id, included: false })]);
    expect(Object.keys(entries).sort()).toEqual(["data.json", "photo.webp"]);
  });

  it("signed out goes to sign-in; a doctor or an admin gets 403", async () => {
    const signedOut = await download();
    expect(signedOut.status).toBe(303);
    expect(signedOut.headers.get("location")).toBe("/login?next=%2Fpatient%2Fprofile");
    const doctor = await createDoctor(files.db);
    const asDoctor = await download(await sessionCookieFor(files.db, { id: doctor.id, role: "doctor" }));
    expect(asDoctor.status).toBe(403);
    expect(asDoctor.headers.get("content-type")).not.toBe("application/zip");
    const admin = await createAdmin(files.db);
    expect((await download(await sessionCookieFor(files.db, { id: admin.id, role: "admin" }))).status).toBe(403);
  });
});
