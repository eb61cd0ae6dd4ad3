// Medical records kept in an S3-compatible bucket (S3_BUCKET set): the same
// rules as on local disk, checked against a real S3 protocol peer (s3rver)
// through the AWS SDK, so nothing of a record ever lands on this server's disk.
import { DeleteObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { setStorageForTests } from "@/lib/storage";
import { startLocalS3, type LocalS3 } from "@/lib/storage/testing/local-s3";
import { useTestDb } from "@/tests/db";
import { createDoctor, createPatient, insertAppointmentRow, rejectionOf } from "@/tests/factories";
import { openRecordForDownload } from "./access";
import { deleteRecord, shareRecord, uploadRecord } from "./service";
import { exeBytes, fileOf, pdfBytes } from "./test-helpers";

const db = useTestDb({ max: 4 });
let s3: LocalS3;

beforeAll(async () => {
  s3 = await startLocalS3({ prefix: "careslot/" });
  setStorageForTests(s3.driver);
});

afterAll(async () => {
  setStorageForTests(undefined);
  await s3.close();
});

async function patientWithVisit() {
  const patient = await createPatient(db);
  const [doctor, otherDoctor] = [await createDoctor(db), await createDoctor(db)];
  const appointment = await insertAppointmentRow(db, {
    doctorId: doctor.id,
    patientId: patient.id,
    startsAt: new Date(Date.UTC(2031, 2, 3, 9) + Math.floor(Math.random() * 1e5) * 3_600_000),
  });
  return {
    patient: { id: patient.id, role: "patient" as const },
    doctor: { id: doctor.id, role: "doctor" as const },
    otherDoctor: { id: otherDoctor.id, role: "doctor" as const },
    appointment,
  };
}

describe("medical records in an S3 bucket", () => {
  it("stores the upload as an object, serves it to the owner and the shared doctor only, and deleting the record deletes the object", async () => {
    const { patient, doctor, otherDoctor, appointment } = await patientWithVisit();
    const record = await uploadRecord(db, patient, { title: "MRI report", recordType: "imaging", file: fileOf(pdfBytes("mri"), "mri.pdf") });
    expect(await s3.objectKeys()).toContain(`careslot/${record.fileKey}`);

    expect((await openRecordForDownload(db, patient, record.id))?.content).toEqual(Buffer.from(pdfBytes("mri")));
    expect(await openRecordForDownload(db, doctor, record.id)).toBeNull();
    await shareRecord(db, patient, { recordId: record.id, appointmentId: appointment.id });
    expect((await openRecordForDownload(db, doctor, record.id))?.content).toEqual(Buffer.from(pdfBytes("mri")));
    expect(await openRecordForDownload(db, otherDoctor, record.id)).toBeNull();

    await deleteRecord(db, patient, { recordId: record.id });
    expect(await s3.objectKeys()).not.toContain(`careslot/${record.fileKey}`);
  });

  it("puts nothing in the bucket for a renamed .exe, an 11 MB file or an empty file", async () => {
    const { patient } = await patientWithVisit();
    const before = await s3.objectKeys();
    const eleven = new Uint8Array(11 * 1024 * 1024);
    eleven.set(pdfBytes());
    for (const [file, message] of [
      [fileOf(exeBytes(), "x.pdf"), "Only PDF, JPEG or PNG files are accepted, and this file is not one (its content was checked, not its name)."],
      [fileOf(eleven, "big.pdf"), "That file is larger than 10 MB."],
      [fileOf(new Uint8Array(0), "empty.pdf"), "That file is empty."],
    ] as const) {
      const error = (await rejectionOf(uploadRecord(db, patient, { title: "Scan", recordType: "imaging", file }))) as AppError;
      expect(error.fieldErrors?.file).toEqual([message]);
    }
    expect(await s3.objectKeys()).toEqual(before);
  });

  it("removes the object again when the row cannot be written", async () => {
    const before = await s3.objectKeys();
    const ghost = { id: "00000000-0000-4000-8000-00000000beef", role: "patient" as const };
    await expect(uploadRecord(db, ghost, { title: "Orphan", recordType: "other", file: fileOf(pdfBytes(), "orphan.pdf") })).rejects.toThrow();
    expect(await s3.objectKeys()).toEqual(before);
  });

  it("answers 'not found' (not a crash) when the bucket lost the object", async () => {
    const { patient } = await patientWithVisit();
    const record = await uploadRecord(db, patient, { title: "Lost", recordType: "other", file: fileOf(pdfBytes("lost"), "lost.pdf") });
    await s3.client.send(new DeleteObjectCommand({ Bucket: s3.settings.bucket, Key: `careslot/${record.fileKey}` }));
    expect(await openRecordForDownload(db, patient, record.id)).toBeNull();
  });
});
