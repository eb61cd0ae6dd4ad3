// Key rotation (npm run db:rotate-key → scripts/lib/reencrypt.ts → reencryptAll),
// on a database of its own: it rewrites every row of the tables it covers, and
// other files running in parallel must keep reading theirs with the test key.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { bytesKeyId, setDataKeys, textKeyId } from "@/db/crypto";
import { getConsultationNote } from "@/db/queries/appointments";
import { doctorProfiles, medicalRecords, patientProfiles } from "@/db/schema";
import { saveConsultationNote } from "@/lib/booking/notes";
import { parseDataKeys } from "@/lib/data-keys";
import { readFile, saveFile, setStorageForTests } from "@/lib/storage";
import { localStorageDriver } from "@/lib/storage/local";
import { createIsolatedDatabase, type IsolatedDatabase } from "@/inngest/testing/isolated-database";
import { reencryptWith } from "@/scripts/lib/reencrypt";
import { createDoctor, createPatient, insertAppointmentRow, localInstant } from "@/tests/factories";

const OLD = `old:${randomBytes(32).toString("base64")}`;
const NEW = `new:${randomBytes(32).toString("base64")}`;
let database: IsolatedDatabase;
let directory: string;

beforeAll(async () => {
  database = await createIsolatedDatabase("rotation");
  directory = await fs.mkdtemp(path.join(os.tmpdir(), "careslot-rotation-"));
  setStorageForTests(localStorageDriver(directory));
});

afterAll(async () => {
  setDataKeys(parseDataKeys(process.env.DATA_ENCRYPTION_KEYS!, undefined));
  setStorageForTests(undefined);
  await database?.drop();
  await fs.rm(directory, { recursive: true, force: true });
});

const rotate = (keys: string, current: string) =>
  reencryptWith({
    ...process.env,
    DATABASE_URL: database.url,
    DATA_ENCRYPTION_KEYS: keys,
    DATA_ENCRYPTION_KEY_ID: current,
    STORAGE_DIR: directory,
    S3_BUCKET: "",
  });
const pdf = (text: string) => new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);

/** The key id of every encrypted value in the database, as stored (null: plaintext). */
async function storedKeyIds(): Promise<(string | null)[]> {
  const rows = await database.db.execute<{ value: string }>(
    sql`select v as value from patient_profiles, unnest(array[allergies, chronic_conditions, current_medications, blood_type, emergency_contact_name, emergency_contact_phone]) v where v is not null
        union all select v from consultation_notes, unnest(array[body, patient_summary]) v where v is not null`,
  );
  return [...rows].map((row) => textKeyId(row.value));
}

async function storedFileKeyIds(keys: string[]): Promise<(string | null)[]> {
  return Promise.all(keys.map(async (key) => bytesKeyId(await fs.readFile(path.join(directory, key)))));
}

describe("rotating the data key", () => {
  it("rewrites every value and file under the new key (old-key and plaintext ones alike), once, and all still read", async () => {
    const db = database.db;
    setDataKeys(parseDataKeys(OLD, undefined));
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const { id: appointmentId } = await insertAppointmentRow(db, {
      doctorId: doctor.id,
      patientId: patient.id,
      startsAt: localInstant("2030-03-05", "10:00"),
      status: "completed",
    });
    await db
      .update(patientProfiles)
      .set({ allergies: "Penicillin", bloodType: "A+", emergencyContactName: "Ben" })
      .where(eq(patientProfiles.userId, patient.id));
    await saveConsultationNote(db, { doctorId: doctor.id, appointmentId, body: "Private observations", patientSummary: "Rest for a week" });
    const recordKey = await saveFile("records", pdf("lab results"), "application/pdf");
    const photoKey = await saveFile("photos", pdf("a photo"), "image/webp");
    await db.insert(medicalRecords).values({
      patientId: patient.id,
      title: "Lab",
      recordType: "lab_result",
      fileKey: recordKey,
      originalName: "lab.pdf",
      contentType: "application/pdf",
      sizeBytes: 30,
    });
    await db.update(doctorProfiles).set({ photoKey }).where(eq(doctorProfiles.userId, doctor.id));

    // Stored before encryption existed: a plaintext row and a plaintext file.
    const legacyPatient = await createPatient(db);
    await db.execute(sql`update patient_profiles set current_medications = 'Ibuprofen' where user_id = ${legacyPatient.id}`);
    const legacyKey = `records/${randomUUID()}`;
    await localStorageDriver(directory).put(legacyKey, pdf("scanned in 2025"), "application/pdf");
    await db.insert(medicalRecords).values({
      patientId: legacyPatient.id,
      title: "Old scan",
      recordType: "imaging",
      fileKey: legacyKey,
      originalName: "scan.pdf",
      contentType: "application/pdf",
      sizeBytes: 30,
    });
    // A row whose file someone removed by hand.
    const goneKey = `records/${randomUUID()}`;
    await db.insert(medicalRecords).values({
      patientId: legacyPatient.id,
      title: "Lost",
      recordType: "other",
      fileKey: goneKey,
      originalName: "lost.pdf",
      contentType: "application/pdf",
      sizeBytes: 1,
    });

    const fileKeys = [recordKey, photoKey, legacyKey];
    expect((await storedKeyIds()).sort()).toEqual(["old", "old", "old", "old", "old", null].sort());
    expect(await storedFileKeyIds(fileKeys)).toEqual(["old", "old", null]);

    const first = await rotate(`${OLD},${NEW}`, "new");
    // Two patient profiles (the visit's, the plaintext one) and the note; the three files; the lost one reported.
    expect(first).toEqual({ keyId: "new", rows: 3, files: 3, missingFiles: [goneKey] });
    expect(new Set(await storedKeyIds())).toEqual(new Set(["new"]));
    expect(await storedFileKeyIds(fileKeys)).toEqual(["new", "new", "new"]);
    const updatedAt = (await db.query.patientProfiles.findFirst({ where: eq(patientProfiles.userId, patient.id) }))!.updatedAt;

    expect(await rotate(`${OLD},${NEW}`, "new")).toEqual({ keyId: "new", rows: 0, files: 0, missingFiles: [goneKey] });

    // The old key can go: everything reads with the new one alone.
    setDataKeys(parseDataKeys(NEW, undefined));
    const profile = await db.query.patientProfiles.findFirst({ where: eq(patientProfiles.userId, patient.id) });
    expect(profile).toMatchObject({ allergies: "Penicillin", bloodType: "A+", emergencyContactName: "Ben", chronicConditions: null, updatedAt });
    expect(await db.query.patientProfiles.findFirst({ where: eq(patientProfiles.userId, legacyPatient.id) })).toMatchObject({
      currentMedications: "Ibuprofen",
    });
    expect(await getConsultationNote(db, appointmentId)).toMatchObject({ body: "Private observations", patientSummary: "Rest for a week" });
    for (const [key, text] of [
      [recordKey, "lab results"],
      [photoKey, "a photo"],
      [legacyKey, "scanned in 2025"],
    ]) {
      expect(Buffer.compare(await readFile(key!), pdf(text!))).toBe(0);
    }
  });

  it("stops, naming the key, when a stored value's key is no longer listed", async () => {
    await expect(rotate(`other:${randomBytes(32).toString("base64")}`, "other")).rejects.toThrow(/data key "new" is not configured/);
  });
});
