import { and, eq, sql } from "drizzle-orm";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { getPatientInformationForAppointment } from "@/db/queries/profiles";
import { auditLog, certificates, doctorProfiles, patientProfiles, sessions, users } from "@/db/schema";
import { getThrottle } from "@/db/queries/sign-in-throttle";
import { verifyCredentials } from "@/lib/auth/credentials";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { AppError } from "@/lib/errors";
import { readFile } from "@/lib/storage";
import { useTestDb } from "@/tests/db";
import { createAdmin, createDoctor, createPatient, insertAppointmentRow, rejectionOf } from "@/tests/factories";
import { certificateForUser, mayReadCertificate } from "./certificate-access";
import { photoAccess, photoUrl } from "./photo-access";
import { doctorProfileSchema, patientProfileSchema } from "./schemas";
import { addCertificate, changePassword, removeCertificate, saveDoctorProfile, savePatientProfile, setProfilePhoto } from "./service";

const db = useTestDb();

const GENERAL_MEDICINE = "00000000-0000-4000-8000-0000000001aa";

async function specialization(): Promise<string> {
  await db.execute(
    sql`insert into specializations (id, name, slug) values (${GENERAL_MEDICINE}, 'Profile Test Medicine', 'profile-test-medicine') on conflict do nothing`,
  );
  return GENERAL_MEDICINE;
}

function fieldErrorsOf(error: unknown) {
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).fieldErrors;
}

const doctorForm = (overrides: Record<string, string> = {}) => ({
  specializationId: GENERAL_MEDICINE,
  yearsExperience: "12",
  clinicName: "Praxis Test",
  price: "60.50",
  currency: "EUR",
  bio: "Family doctor.",
  languages: "German, English, German",
  address: "Hauptstraße 1",
  city: "Berlin",
  latitude: "52.52",
  longitude: "13.405",
  ...overrides,
});

describe("doctor profile", () => {
  it("saves the validated profile and audits the names of the changed fields only", async () => {
    await specialization();
    const doctor = await createDoctor(db);
    await saveDoctorProfile(db, doctor.id, doctorProfileSchema.parse(doctorForm()));
    const [row] = await db.select().from(doctorProfiles).where(eq(doctorProfiles.userId, doctor.id));
    expect(row).toMatchObject({
      priceMinor: 6050,
      currency: "EUR",
      languages: ["German", "English"],
      yearsExperience: 12,
      latitude: 52.52,
      longitude: 13.405,
      city: "Berlin",
    });
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, doctor.id), eq(auditLog.action, "doctor_profile.updated")));
    expect(audit!.after).toEqual({ fields: expect.arrayContaining(["priceMinor", "languages", "city"]) });
    expect(JSON.stringify(audit!.after)).not.toContain("Berlin");
  });

  it("saves a place chosen from the lists with the city's coordinates, and refuses one they would not offer, changing nothing", async () => {
    await specialization();
    const doctor = await createDoctor(db);
    await saveDoctorProfile(db, doctor.id, doctorProfileSchema.parse(doctorForm({ country: "DE", region: "BE", city: "Berlin", latitude: "", longitude: "" })));
    const [row] = await db.select().from(doctorProfiles).where(eq(doctorProfiles.userId, doctor.id));
    expect(row).toMatchObject({ countryCode: "DE", regionCode: "BE", city: "Berlin", latitude: 52.52437, longitude: 13.41053 });

    const error = await rejectionOf(saveDoctorProfile(db, doctor.id, doctorProfileSchema.parse(doctorForm({ country: "DE", region: "BE", city: "Munich" }))));
    expect(fieldErrorsOf(error)).toEqual({ city: ["Choose a city of Berlin from the list."] });
    const [after] = await db.select().from(doctorProfiles).where(eq(doctorProfiles.userId, doctor.id));
    expect(after).toEqual(row);
  });

  it("refuses an unknown specialization next to its field", async () => {
    const doctor = await createDoctor(db);
    const error = await rejectionOf(saveDoctorProfile(db, doctor.id, doctorProfileSchema.parse(doctorForm({ specializationId: crypto.randomUUID() }))));
    expect(fieldErrorsOf(error)).toEqual({ specializationId: ["Choose your specialization from the list."] });
  });

  it("validates price, coordinates in pairs and ranges, languages", () => {
    const errors = (form: Record<string, string>) => Object.keys(doctorProfileSchema.safeParse(doctorForm(form)).error?.flatten().fieldErrors ?? {});
    expect(errors({ price: "-5" })).toEqual(["price"]);
    expect(errors({ price: "12.345" })).toEqual(["price"]);
    expect(errors({ latitude: "91" })).toEqual(["latitude"]);
    expect(errors({ longitude: "" })).toEqual(["longitude"]);
    expect(errors({ latitude: "", longitude: "" })).toEqual([]);
    expect(errors({ languages: Array.from({ length: 11 }, (_, i) => `Lang${i}`).join(",") })).toEqual(["languages"]);
    expect(errors({ yearsExperience: "-1" })).toEqual(["yearsExperience"]);
    expect(errors({ currency: "XYZ" })).toEqual(["currency"]);
  });
});

describe("patient profile", () => {
  const form = {
    fullName: "Pia Profile",
    phone: "+49 30 1234567",
    dateOfBirth: "1990-02-28",
    gender: "female",
    city: "Berlin",
    latitude: "52.5",
    longitude: "13.4",
    timeZone: "Europe/Berlin",
    allergies: "Penicillin",
    chronicConditions: "",
    currentMedications: "Ibuprofen as needed",
    bloodType: "A+",
    emergencyContactName: "Paul Profile",
    emergencyContactPhone: "+49 170 0000000",
  };

  it("saves name and medical information; the audit names fields, never their values", async () => {
    const patient = await createPatient(db);
    await savePatientProfile(db, patient.id, patientProfileSchema.parse(form));
    const [user] = await db.select().from(users).where(eq(users.id, patient.id));
    const [profile] = await db.select().from(patientProfiles).where(eq(patientProfiles.userId, patient.id));
    expect(user!.fullName).toBe("Pia Profile");
    expect(profile).toMatchObject({ allergies: "Penicillin", chronicConditions: null, bloodType: "A+", dateOfBirth: "1990-02-28", timeZone: "Europe/Berlin" });
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, patient.id), eq(auditLog.action, "patient_profile.updated")));
    expect(JSON.stringify(audit!.after)).not.toContain("Penicillin");
  });

  it("rejects a future or impossible birth date, a bad phone, an unknown zone or blood type", () => {
    const errors = (overrides: Record<string, string>) =>
      Object.keys(patientProfileSchema.safeParse({ ...form, ...overrides }).error?.flatten().fieldErrors ?? {});
    expect(errors({ dateOfBirth: "2999-01-01" })).toEqual(["dateOfBirth"]);
    expect(errors({ dateOfBirth: "2001-02-30" })).toEqual(["dateOfBirth"]);
    expect(errors({ phone: "call me" })).toEqual(["phone"]);
    expect(errors({ timeZone: "Mars/Olympus" })).toEqual(["timeZone"]);
    expect(errors({ bloodType: "Z" })).toEqual(["bloodType"]);
  });

  it("shows the medical information to the doctor of that patient's appointment only", async () => {
    const [doctor, stranger] = [await createDoctor(db), await createDoctor(db)];
    const patient = await createPatient(db);
    await savePatientProfile(db, patient.id, patientProfileSchema.parse(form));
    const appointment = await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: new Date("2030-06-03T09:00:00Z") });
    expect(await getPatientInformationForAppointment(db, { doctorId: doctor.id, appointmentId: appointment.id })).toMatchObject({
      allergies: "Penicillin",
      bloodType: "A+",
    });
    expect(await getPatientInformationForAppointment(db, { doctorId: stranger.id, appointmentId: appointment.id })).toBeUndefined();
  });
});

describe("changing a password", () => {
  it("needs the current password, then ends every other session but this one", async () => {
    const patient = await createPatient(db);
    await db
      .update(users)
      .set({ passwordHash: await hashPassword("the old passphrase") })
      .where(eq(users.id, patient.id));
    const expiresAt = new Date(Date.now() + 3_600_000);
    const [mine, laptop, phone] = await db
      .insert(sessions)
      .values([
        { userId: patient.id, expiresAt },
        { userId: patient.id, expiresAt },
        { userId: patient.id, expiresAt },
      ])
      .returning();

    const wrong = await rejectionOf(
      changePassword(db, { userId: patient.id, keepSessionId: mine!.id, currentPassword: "not it", newPassword: "a brand new passphrase" }, new Date()),
    );
    expect(fieldErrorsOf(wrong)).toEqual({ currentPassword: ["That is not your current password."] });
    const same = await rejectionOf(
      changePassword(db, { userId: patient.id, keepSessionId: mine!.id, currentPassword: "the old passphrase", newPassword: "the old passphrase" }, new Date()),
    );
    expect(fieldErrorsOf(same)).toEqual({ newPassword: ["Choose a password different from your current one."] });
    expect((await db.select().from(sessions).where(eq(sessions.userId, patient.id))).every((s) => s.revokedAt === null)).toBe(true);

    const result = await changePassword(
      db,
      { userId: patient.id, keepSessionId: mine!.id, currentPassword: "the old passphrase", newPassword: "a brand new passphrase" },
      new Date(),
    );
    expect(result.endedSessions).toBe(2);
    const after = await db.select().from(sessions).where(eq(sessions.userId, patient.id));
    expect(after.find((s) => s.id === mine!.id)!.revokedAt).toBeNull();
    expect(
      after
        .filter((s) => s.id !== mine!.id)
        .map((s) => s.id)
        .sort(),
    ).toEqual([laptop!.id, phone!.id].sort());
    expect(after.filter((s) => s.id !== mine!.id).every((s) => s.revokedAt !== null)).toBe(true);
    const [user] = await db.select().from(users).where(eq(users.id, patient.id));
    expect(await verifyPassword(user!.passwordHash, "a brand new passphrase")).toBe(true);
    expect(user!.passwordHash).toMatch(/^\$argon2id\$/);
  });
});

describe("changing a password under guessing", () => {
  // Issue #13: 20 guesses of the current password went through in 0.6 s. The
  // form now shares sign-in's lockout: the same count, taken before verifying.
  it("counts wrong current passwords like sign-in: of 20 parallel guesses at most 3 are checked, the account locks, sign-in too, and the right one waits out the lock", async () => {
    const patient = await createPatient(db);
    await db
      .update(users)
      .set({ passwordHash: await hashPassword("the old passphrase") })
      .where(eq(users.id, patient.id));
    const now = new Date("2030-06-01T08:00:00Z");
    const attempt = (currentPassword: string, at: Date) =>
      changePassword(db, { userId: patient.id, keepSessionId: null, currentPassword, newPassword: "a brand new passphrase" }, at);

    const guesses = await Promise.all(Array.from({ length: 20 }, (_, k) => rejectionOf(attempt(`guess number ${k}`, now))));
    const codes = guesses.map((error) => (error as AppError).code);
    expect(codes.filter((code) => code === "invalid_input")).toHaveLength(2);
    expect(codes.filter((code) => code === "rate_limited")).toHaveLength(18);
    expect((guesses.find((error) => (error as AppError).code === "rate_limited") as AppError).message).toBe(
      "Too many wrong passwords. Please wait 60 seconds before trying again.",
    );
    expect(await getThrottle(db, patient.email)).toEqual({ failures: 3, windowStartedAt: now, lockedUntil: new Date(now.getTime() + 60_000) });

    // The right current password while locked is refused, and so is signing in.
    expect(await rejectionOf(attempt("the old passphrase", new Date(now.getTime() + 30_000)))).toMatchObject({ code: "rate_limited" });
    expect(await verifyCredentials(db, patient.email, "the old passphrase", new Date(now.getTime() + 30_000))).toMatchObject({ ok: false, reason: "locked" });
    const [unchanged] = await db.select().from(users).where(eq(users.id, patient.id));
    expect(await verifyPassword(unchanged!.passwordHash, "the old passphrase")).toBe(true);

    // After the lock it works, and the count starts again.
    await expect(attempt("the old passphrase", new Date(now.getTime() + 60_000))).resolves.toEqual({ endedSessions: 0 });
    expect(await getThrottle(db, patient.email)).toBeNull();
  });
});

describe("photos", () => {
  async function jpegWithMetadata(width: number, height: number): Promise<File> {
    const bytes = await sharp({ create: { width, height, channels: 3, background: "#3366aa" } })
      .jpeg()
      .withMetadata({ exif: { IFD0: { Copyright: "secret-camera-owner" } } })
      .toBuffer();
    return new File([new Uint8Array(bytes)], "me.jpg", { type: "image/jpeg" });
  }

  it("resizes to at most 512 px, re-encodes as WebP without metadata, and serves by the access rules", async () => {
    const doctor = await createDoctor(db, { verificationStatus: "pending" });
    const patient = await createPatient(db);
    const admin = await createAdmin(db);
    await setProfilePhoto(db, { userId: doctor.id, role: "doctor", file: await jpegWithMetadata(1600, 900) });
    const [profile] = await db.select().from(doctorProfiles).where(eq(doctorProfiles.userId, doctor.id));
    const stored = await readFile(profile!.photoKey!);
    const meta = await sharp(stored).metadata();
    expect(meta).toMatchObject({ format: "webp", width: 512, height: 288 });
    expect(meta.exif).toBeUndefined();
    expect(stored.includes(Buffer.from("secret-camera-owner"))).toBe(false);

    const id = photoUrl(profile!.photoKey)!.split("/").pop()!;
    // Pending doctor: the doctor and admins only.
    expect(await photoAccess(db, null, id)).toBeNull();
    expect(await photoAccess(db, { id: patient.id, role: "patient" }, id)).toBeNull();
    expect(await photoAccess(db, { id: doctor.id, role: "doctor" }, id)).toMatchObject({ cacheControl: "private, max-age=300" });
    expect(await photoAccess(db, { id: admin.id, role: "admin" }, id)).not.toBeNull();
    // Verified: public and cacheable.
    await db.update(doctorProfiles).set({ verificationStatus: "verified" }).where(eq(doctorProfiles.userId, doctor.id));
    expect(await photoAccess(db, null, id)).toEqual({ key: profile!.photoKey, cacheControl: "public, max-age=86400" });
    expect(await photoAccess(db, null, crypto.randomUUID())).toBeNull();
  });

  it("keeps a patient's photo to that patient, and refuses files that are not images by content", async () => {
    const [patient, other] = [await createPatient(db), await createPatient(db)];
    await setProfilePhoto(db, { userId: patient.id, role: "patient", file: await jpegWithMetadata(300, 300) });
    const [profile] = await db.select().from(patientProfiles).where(eq(patientProfiles.userId, patient.id));
    const id = profile!.photoKey!.split("/").pop()!;
    expect(await photoAccess(db, { id: patient.id, role: "patient" }, id)).not.toBeNull();
    expect(await photoAccess(db, { id: other.id, role: "patient" }, id)).toBeNull();
    expect(await photoAccess(db, null, id)).toBeNull();

    const fake = new File([new TextEncoder().encode("<script>alert(1)</script>")], "photo.png", { type: "image/png" });
    expect(fieldErrorsOf(await rejectionOf(setProfilePhoto(db, { userId: patient.id, role: "patient", file: fake })))).toHaveProperty("photo");
    const huge = new File([new Uint8Array(5 * 1024 * 1024 + 1)], "big.jpg", { type: "image/jpeg" });
    expect(fieldErrorsOf(await rejectionOf(setProfilePhoto(db, { userId: patient.id, role: "patient", file: huge })))!.photo![0]).toMatch(/larger than 5 MB/);
    const [unchanged] = await db.select().from(patientProfiles).where(eq(patientProfiles.userId, patient.id));
    expect(unchanged!.photoKey).toBe(profile!.photoKey);
  });
});

describe("certificates", () => {
  const pdf = () => new File([new TextEncoder().encode("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")], "licence.pdf", { type: "application/pdf" });

  it("stores a PDF for its doctor; only that doctor and admins may read it; others cannot remove it", async () => {
    const [doctor, other] = [await createDoctor(db), await createDoctor(db)];
    const admin = await createAdmin(db);
    const certificate = await addCertificate(db, { doctorId: doctor.id, file: pdf() });
    expect(certificate).toMatchObject({ originalName: "licence.pdf", contentType: "application/pdf", doctorId: doctor.id });
    expect((await readFile(certificate.fileKey)).subarray(0, 5).toString()).toBe("%PDF-");

    expect(mayReadCertificate({ id: doctor.id, role: "doctor" }, certificate)).toBe(true);
    expect(mayReadCertificate({ id: admin.id, role: "admin" }, certificate)).toBe(true);
    expect(mayReadCertificate({ id: other.id, role: "doctor" }, certificate)).toBe(false);
    expect(mayReadCertificate(null, certificate)).toBe(false);
    expect(await certificateForUser(db, { id: other.id, role: "doctor" }, certificate.id)).toBeUndefined();

    expect(((await rejectionOf(removeCertificate(db, { doctorId: other.id, certificateId: certificate.id }))) as AppError).code).toBe("not_found");
    await removeCertificate(db, { doctorId: doctor.id, certificateId: certificate.id });
    expect(await db.select().from(certificates).where(eq(certificates.id, certificate.id))).toEqual([]);
    await expect(readFile(certificate.fileKey)).rejects.toThrow();
  });

  it("refuses a file that is not a PDF, JPEG or PNG by its content", async () => {
    const doctor = await createDoctor(db);
    const renamed = new File([new TextEncoder().encode("just text pretending")], "certificate.pdf", { type: "application/pdf" });
    expect(fieldErrorsOf(await rejectionOf(addCertificate(db, { doctorId: doctor.id, file: renamed })))).toHaveProperty("certificate");
    expect(await db.select().from(certificates).where(eq(certificates.doctorId, doctor.id))).toEqual([]);
  });
});
