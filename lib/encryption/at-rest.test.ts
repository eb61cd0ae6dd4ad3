// Encryption at rest: what the database and the storage hold of a patient's
// medical information, a doctor's notes and uploaded files is ciphertext
// (looked at raw: a SELECT of the columns' text, the file's bytes on disk and
// in the bucket), while every reader gets the plaintext back.
import { randomBytes, randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { eq, sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { setDataKeys, textKeyId } from "@/db/crypto";
import { getConsultationNote, getPatientHistoryWithDoctor } from "@/db/queries/appointments";
import { getPatientInformationForAppointment } from "@/db/queries/profiles";
import { consultationNotes, patientProfiles } from "@/db/schema";
import { saveConsultationNote } from "@/lib/booking/notes";
import { parseDataKeys } from "@/lib/data-keys";
import { patientProfileSchema } from "@/lib/profiles/schemas";
import { savePatientProfile } from "@/lib/profiles/service";
import { readFile, saveFile, setStorageForTests } from "@/lib/storage";
import { localStorageDriver } from "@/lib/storage/local";
import { startLocalS3, type LocalS3 } from "@/lib/storage/testing/local-s3";
import { useTestDb } from "@/tests/db";
import { createDoctor, createPatient, insertAppointmentRow, localInstant } from "@/tests/factories";

const db = useTestDb({ max: 3 });
const MEDICAL_COLUMNS = ["allergies", "chronic_conditions", "current_medications", "blood_type", "emergency_contact_name", "emergency_contact_phone"] as const;

/** A string no ciphertext can contain by chance, unique to this test. */
const marker = (what: string) => `MARKER-${what}-${randomBytes(6).toString("hex")}`;

/** Every column of the row as PostgreSQL stores it, in one text: nothing of a marker may appear in it. */
async function rawRow(table: string, where: string, id: string): Promise<Record<string, string | null>> {
  const [row] = await db.execute<Record<string, string | null>>(
    sql`select row_to_json(t)::jsonb as row from ${sql.identifier(table)} t where ${sql.identifier(where)} = ${id}`,
  );
  return (row as unknown as { row: Record<string, string | null> }).row;
}

async function visit() {
  const doctor = await createDoctor(db);
  const patient = await createPatient(db);
  const { id: appointmentId } = await insertAppointmentRow(db, {
    doctorId: doctor.id,
    patientId: patient.id,
    startsAt: localInstant("2030-03-05", "10:00"),
    status: "completed",
  });
  return { doctor, patient, appointmentId };
}

describe("a patient's medical information", () => {
  it("is ciphertext in the database, under the current key id, and plaintext to its readers", async () => {
    const { doctor, patient, appointmentId } = await visit();
    const secret = {
      allergies: marker("allergy"),
      chronicConditions: marker("condition"),
      currentMedications: marker("medication"),
      emergencyContactName: marker("contact"),
    };
    await savePatientProfile(
      db,
      patient.id,
      patientProfileSchema.parse({
        fullName: "Anna Patient",
        phone: "",
        dateOfBirth: "",
        gender: "",
        city: "",
        latitude: "",
        longitude: "",
        timeZone: "Europe/Berlin",
        bloodType: "AB-",
        emergencyContactPhone: "+49 30 1234567",
        ...secret,
      }),
    );

    const raw = await rawRow("patient_profiles", "user_id", patient.id);
    const stored = JSON.stringify(raw);
    for (const value of [...Object.values(secret), "AB-", "+49 30 1234567", "MARKER"]) expect(stored).not.toContain(value);
    for (const column of MEDICAL_COLUMNS) expect(textKeyId(raw[column]!)).toBe("test");
    // The audit row names the fields changed, never their values.
    expect(JSON.stringify(await db.execute(sql`select after from audit_log where entity_id = ${patient.id}`))).not.toContain("MARKER");

    expect(await getPatientInformationForAppointment(db, { doctorId: doctor.id, appointmentId })).toMatchObject({
      ...secret,
      bloodType: "AB-",
      emergencyContactPhone: "+49 30 1234567",
    });
    expect(await db.query.patientProfiles.findFirst({ where: eq(patientProfiles.userId, patient.id) })).toMatchObject(secret);
  });

  it("written twice with the same text, is stored as two different ciphertexts (a fresh IV each time)", async () => {
    const [first, second] = [await createPatient(db), await createPatient(db)];
    for (const patient of [first, second]) await db.update(patientProfiles).set({ allergies: "Penicillin" }).where(eq(patientProfiles.userId, patient.id));
    const [a, b] = [await rawRow("patient_profiles", "user_id", first.id), await rawRow("patient_profiles", "user_id", second.id)];
    expect(a.allergies).not.toBe(b.allergies);
  });

  it("stored before encryption existed (plaintext) still reads, and nulls stay null", async () => {
    const patient = await createPatient(db);
    await db.execute(sql`update patient_profiles set allergies = 'Pollen', blood_type = 'O+' where user_id = ${patient.id}`);
    expect(await db.query.patientProfiles.findFirst({ where: eq(patientProfiles.userId, patient.id) })).toMatchObject({
      allergies: "Pollen",
      bloodType: "O+",
      chronicConditions: null,
    });
  });

  it("refuses a changed ciphertext, and a value copied into another column, instead of reading it", async () => {
    const patient = await createPatient(db);
    await db.update(patientProfiles).set({ allergies: "Latex", currentMedications: "Aspirin" }).where(eq(patientProfiles.userId, patient.id));
    const raw = await rawRow("patient_profiles", "user_id", patient.id);
    const read = () => db.query.patientProfiles.findFirst({ where: eq(patientProfiles.userId, patient.id) });

    await db.execute(sql`update patient_profiles set current_medications = ${raw.allergies} where user_id = ${patient.id}`);
    await expect(read()).rejects.toThrow();
    const flipped = raw.allergies!.slice(0, -2) + (raw.allergies!.endsWith("AA") ? "AB" : "AA");
    await db.execute(sql`update patient_profiles set current_medications = ${raw.current_medications}, allergies = ${flipped} where user_id = ${patient.id}`);
    await expect(read()).rejects.toThrow();
  });

  it("under a key that is not configured, fails naming the key id, never reading garbage", async () => {
    const patient = await createPatient(db);
    const other = parseDataKeys(`gone:${randomBytes(32).toString("base64")}`, undefined);
    setDataKeys(other);
    try {
      await db.update(patientProfiles).set({ allergies: "Nuts" }).where(eq(patientProfiles.userId, patient.id));
    } finally {
      setDataKeys(parseDataKeys(process.env.DATA_ENCRYPTION_KEYS!, undefined));
    }
    await expect(db.query.patientProfiles.findFirst({ where: eq(patientProfiles.userId, patient.id) })).rejects.toThrow(/data key "gone" is not configured/);
  });
});

describe("consultation notes", () => {
  it("keep body and patient summary as ciphertext, on insert and on update, and read back as written", async () => {
    const { doctor, patient, appointmentId } = await visit();
    await saveConsultationNote(db, { doctorId: doctor.id, appointmentId, body: marker("first-body"), patientSummary: null });
    const note = { body: marker("body"), patientSummary: marker("summary") };
    await saveConsultationNote(db, { doctorId: doctor.id, appointmentId, ...note });

    const [row] = await db.select({ id: consultationNotes.id }).from(consultationNotes).where(eq(consultationNotes.appointmentId, appointmentId));
    const raw = await rawRow("consultation_notes", "id", row!.id);
    expect(JSON.stringify(raw)).not.toContain("MARKER");
    expect([textKeyId(raw.body!), textKeyId(raw.patient_summary!)]).toEqual(["test", "test"]);
    expect(JSON.stringify(await db.execute(sql`select after from audit_log where entity_id = ${appointmentId}`))).not.toContain("MARKER");

    expect(await getConsultationNote(db, appointmentId)).toMatchObject(note);
    expect(await getPatientHistoryWithDoctor(db, doctor.id, patient.id)).toMatchObject([{ id: appointmentId, note: note.body, summary: note.patientSummary }]);
  });
});

describe("stored files", () => {
  let s3: LocalS3;
  let directory: string;

  beforeAll(async () => {
    s3 = await startLocalS3({ prefix: "enc/" });
    directory = await fs.mkdtemp(path.join(os.tmpdir(), "careslot-encrypted-"));
  });
  afterEach(() => setStorageForTests(undefined));
  afterAll(async () => {
    await s3.close();
    await fs.rm(directory, { recursive: true, force: true });
  });

  /** The bytes as they lie in the store: the file on disk, or the object as S3 returns it. */
  const stores = [
    { name: "on local disk", use: () => setStorageForTests(localStorageDriver(directory)), raw: (key: string) => fs.readFile(path.join(directory, key)) },
    {
      name: "in an S3 bucket",
      use: () => setStorageForTests(s3.driver),
      raw: async (key: string) =>
        Buffer.from(await (await s3.client.send(new GetObjectCommand({ Bucket: s3.settings.bucket, Key: `enc/${key}` }))).Body!.transformToByteArray()),
    },
  ];

  describe.each(stores)("$name", ({ use, raw }) => {
    it.each(["records", "certificates", "photos"] as const)("hold no plaintext of a %s file, and read back its exact bytes", async (prefix) => {
      use();
      const text = marker(prefix);
      const content = new TextEncoder().encode(`%PDF-1.4\n% ${text}\n%%EOF\n`);
      const key = await saveFile(prefix, content, "application/pdf");

      const stored = await raw(key);
      expect(stored.includes(text)).toBe(false);
      expect(stored.includes("%PDF")).toBe(false);
      expect(stored.byteLength).toBe(content.byteLength + 5 + 1 + "test".length + 12 + 16);
      expect(Buffer.compare(await readFile(key), content)).toBe(0);
    });

    it("read a file stored before encryption as it is, and refuse one whose bytes were changed", async () => {
      use();
      const plain = new TextEncoder().encode("%PDF-1.4 stored in 2025");
      const legacy = `records/${randomUUID()}`;
      await (await import("@/lib/storage")).storage().put(legacy, plain, "application/pdf");
      expect(Buffer.compare(await readFile(legacy), plain)).toBe(0);

      const key = await saveFile("records", new TextEncoder().encode("%PDF-1.4 new"), "application/pdf");
      const bytes = await raw(key);
      bytes[bytes.byteLength - 1]! ^= 0xff;
      await (await import("@/lib/storage")).storage().put(key, bytes, "application/pdf");
      await expect(readFile(key)).rejects.toThrow();
    });
  });

  it("bind each file to its key: a file copied under another key does not read", async () => {
    setStorageForTests(localStorageDriver(directory));
    const key = await saveFile("records", new TextEncoder().encode("%PDF-1.4 mine"), "application/pdf");
    const other = `records/${randomUUID()}`;
    await fs.copyFile(path.join(directory, key), path.join(directory, other));
    await expect(readFile(other)).rejects.toThrow();
  });
});
