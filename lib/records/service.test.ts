import fs from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { medicalRecords, recordShares } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { readFile } from "@/lib/storage";
import { auditRowsFor, createDoctor, createPatient, insertAppointmentRow, rejectionOf } from "@/tests/factories";
import { atBoundary } from "@/tests/boundary";
import { recordDetailsSchema } from "./schemas";
import { deleteRecord, nameForContent, shareRecord, unshareRecord, uploadRecord } from "./service";
import { exeBytes, fileOf, pdfBytes, setUpFileTests, storedFiles } from "./test-helpers";

const files = setUpFileTests();

const rowsOf = (patientId: string) => files.db.select().from(medicalRecords).where(eq(medicalRecords.patientId, patientId));

async function expectNothingStored(patientId: string, before: string[], promise: Promise<unknown>, message: string, field = "file") {
  const error = (await rejectionOf(promise)) as AppError;
  expect(error).toBeInstanceOf(AppError);
  expect(error.code).toBe("invalid_input");
  expect(error.fieldErrors?.[field]).toEqual([message]);
  expect(await rowsOf(patientId)).toEqual([]);
  expect(await storedFiles(files.storage)).toEqual(before);
}

describe("uploading a medical record", () => {
  it("stores the file outside public/ and a row with the sanitised name, content type from the bytes, and an audit row", async () => {
    const patient = await createPatient(files.db);
    const actor = { id: patient.id, role: "patient" as const };
    const record = await atBoundary(recordDetailsSchema, { title: "  March blood test ", recordType: "lab_result" }, (details) =>
      uploadRecord(files.db, actor, { ...details, file: fileOf(pdfBytes(), "../../etc/<blood>\u0007 test.pdf", "text/plain") }),
    );
    expect(record).toMatchObject({
      patientId: patient.id,
      title: "March blood test",
      recordType: "lab_result",
      originalName: "blood test.pdf",
      contentType: "application/pdf",
      sizeBytes: pdfBytes().byteLength,
    });
    expect(record.fileKey).toMatch(/^records\/[0-9a-f-]{36}$/);
    // On disk the file is encrypted (lib/encryption/at-rest.test.ts); read through the storage it is the upload.
    expect((await fs.readFile(path.join(files.storage, record.fileKey))).includes("%PDF")).toBe(false);
    expect(new Uint8Array(await readFile(record.fileKey))).toEqual(pdfBytes());
    const [audit] = await auditRowsFor(files.db, "medical_record", record.id);
    expect(audit).toMatchObject({
      actorId: patient.id,
      actorRole: "patient",
      action: "record.uploaded",
      after: { title: "March blood test", contentType: "application/pdf" },
    });
  });

  it("refuses a renamed .exe, an 11 MB file and an empty file with clear messages, and stores nothing", async () => {
    const patient = await createPatient(files.db);
    const actor = { id: patient.id, role: "patient" as const };
    const before = await storedFiles(files.storage);
    const details = { title: "Scan", recordType: "imaging" as const };
    await expectNothingStored(
      patient.id,
      before,
      uploadRecord(files.db, actor, { ...details, file: fileOf(exeBytes(), "x.pdf") }),
      "Only PDF, JPEG or PNG files are accepted, and this file is not one (its content was checked, not its name).",
    );
    const eleven = new Uint8Array(11 * 1024 * 1024);
    eleven.set(pdfBytes());
    await expectNothingStored(
      patient.id,
      before,
      uploadRecord(files.db, actor, { ...details, file: fileOf(eleven, "big.pdf") }),
      "That file is larger than 10 MB.",
    );
    await expectNothingStored(
      patient.id,
      before,
      uploadRecord(files.db, actor, { ...details, file: fileOf(new Uint8Array(0), "empty.pdf") }),
      "That file is empty.",
    );
    await expectNothingStored(patient.id, before, uploadRecord(files.db, actor, { ...details, file: null }), "Choose a file to upload.");
    await expectNothingStored(
      patient.id,
      before,
      atBoundary(recordDetailsSchema, { title: "", recordType: "imaging" }, (input) =>
        uploadRecord(files.db, actor, { ...input, file: fileOf(pdfBytes(), "ok.pdf") }),
      ),
      "Give the document a title (at least 2 characters).",
      "title",
    );
    expect(await auditRowsFor(files.db, "medical_record", patient.id)).toEqual([]);
  });

  it("removes the file again when the row cannot be written", async () => {
    // A patient id that does not exist makes the INSERT fail on its foreign key, after the file was written.
    const ghost = { id: "00000000-0000-4000-8000-00000000f00d", role: "patient" as const };
    const before = await storedFiles(files.storage);
    await expect(uploadRecord(files.db, ghost, { title: "Orphan", recordType: "other", file: fileOf(pdfBytes(), "orphan.pdf") })).rejects.toThrow();
    expect(await storedFiles(files.storage)).toEqual(before);
  });

  it("only patients upload", async () => {
    const doctor = await createDoctor(files.db);
    const error = (await rejectionOf(
      uploadRecord(files.db, { id: doctor.id, role: "doctor" }, { title: "Mine", recordType: "other", file: fileOf(pdfBytes(), "a.pdf") }),
    )) as AppError;
    expect(error.code).toBe("forbidden");
  });

  it("names a file after what it really is", () => {
    expect(nameForContent("scan.pdf", "image/png")).toBe("scan.pdf.png");
    expect(nameForContent("photo.JPEG", "image/jpeg")).toBe("photo.JPEG");
    expect(nameForContent("report.pdf", "application/pdf")).toBe("report.pdf");
  });
});

describe("deleting a medical record", () => {
  it("removes the row, its shares and its file, audited; another patient cannot delete it", async () => {
    const [owner, stranger] = [await createPatient(files.db), await createPatient(files.db)];
    const doctor = await createDoctor(files.db);
    const appointment = await insertAppointmentRow(files.db, { doctorId: doctor.id, patientId: owner.id, startsAt: new Date("2030-06-03T09:00:00Z") });
    const actor = { id: owner.id, role: "patient" as const };
    const record = await uploadRecord(files.db, actor, { title: "X-ray", recordType: "imaging", file: fileOf(pdfBytes("x-ray"), "xray.pdf") });
    await shareRecord(files.db, actor, { recordId: record.id, appointmentId: appointment.id });

    expect(((await rejectionOf(deleteRecord(files.db, { id: stranger.id, role: "patient" }, { recordId: record.id }))) as AppError).code).toBe("not_found");
    expect(await rowsOf(owner.id)).toHaveLength(1);

    await deleteRecord(files.db, actor, { recordId: record.id });
    expect(await rowsOf(owner.id)).toEqual([]);
    expect(await files.db.select().from(recordShares).where(eq(recordShares.recordId, record.id))).toEqual([]);
    expect(await storedFiles(files.storage)).not.toContain(record.fileKey);
    expect((await auditRowsFor(files.db, "medical_record", record.id)).map((row) => row.action)).toEqual([
      "record.uploaded",
      "record.shared",
      "record.deleted",
    ]);
  });
});

describe("sharing", () => {
  it("shares only on the patient's own, not cancelled appointments; sharing twice is harmless; unsharing is audited", async () => {
    const [owner, other] = [await createPatient(files.db), await createPatient(files.db)];
    const doctor = await createDoctor(files.db);
    const own = await insertAppointmentRow(files.db, { doctorId: doctor.id, patientId: owner.id, startsAt: new Date("2030-06-04T09:00:00Z") });
    const cancelled = await insertAppointmentRow(files.db, {
      doctorId: doctor.id,
      patientId: owner.id,
      startsAt: new Date("2030-06-05T09:00:00Z"),
      status: "cancelled",
    });
    const someoneElses = await insertAppointmentRow(files.db, { doctorId: doctor.id, patientId: other.id, startsAt: new Date("2030-06-06T09:00:00Z") });
    const actor = { id: owner.id, role: "patient" as const };
    const record = await uploadRecord(files.db, actor, { title: "Prescription", recordType: "prescription", file: fileOf(pdfBytes(), "rx.pdf") });

    expect(((await rejectionOf(shareRecord(files.db, actor, { recordId: record.id, appointmentId: someoneElses.id }))) as AppError).code).toBe("not_found");
    expect(((await rejectionOf(shareRecord(files.db, actor, { recordId: record.id, appointmentId: cancelled.id }))) as AppError).code).toBe("conflict");
    expect(
      ((await rejectionOf(shareRecord(files.db, { id: other.id, role: "patient" }, { recordId: record.id, appointmentId: someoneElses.id }))) as AppError).code,
    ).toBe("not_found");

    expect(await shareRecord(files.db, actor, { recordId: record.id, appointmentId: own.id })).toEqual({ shared: true });
    expect(await shareRecord(files.db, actor, { recordId: record.id, appointmentId: own.id })).toEqual({ shared: false });
    const [share] = await files.db.select().from(recordShares).where(eq(recordShares.recordId, record.id));
    expect(share).toMatchObject({ appointmentId: own.id, doctorId: doctor.id });
    expect(await unshareRecord(files.db, actor, { recordId: record.id, appointmentId: own.id })).toEqual({ unshared: true });
    expect(await files.db.select().from(recordShares).where(eq(recordShares.recordId, record.id))).toEqual([]);
    expect((await auditRowsFor(files.db, "medical_record", record.id)).map((row) => row.action)).toEqual([
      "record.uploaded",
      "record.shared",
      "record.unshared",
    ]);
  });
});
