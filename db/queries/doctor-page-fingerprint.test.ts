import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { doctorProfiles, reviews, users } from "@/db/schema";
import { refreshFreeTime } from "@/lib/search/free-time";
import { useTestDb } from "@/tests/db";
import { TEST_NOW, closeDate, createDoctor, createPatient, createReview, insertAppointmentRow, localInstant } from "@/tests/factories";
import { doctorPageFingerprint } from "./doctor-page-fingerprint";

// The page cache (lib/page-cache) answers a doctor's page again only while this fingerprint is
// unchanged: every change the page shows must change it, and nothing of another doctor may.
const db = useTestDb();

describe("a doctor page's fingerprint", () => {
  it("changes with each booking, closed day, review, reply, profile or account edit, and with nothing of another doctor", async () => {
    const doctor = await createDoctor(db);
    const other = await createDoctor(db);
    const patient = await createPatient(db);
    const seen = new Set<string>();
    const expectChanged = async () => {
      const fingerprint = await doctorPageFingerprint(db, doctor.id);
      expect(fingerprint).not.toBeNull();
      expect(seen.has(fingerprint!)).toBe(false);
      seen.add(fingerprint!);
    };
    await expectChanged();

    const changes: [string, () => Promise<unknown>][] = [
      ["a booking", () => insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: localInstant("2030-03-05", "10:00") })],
      ["a closed day", () => closeDate(db, doctor.id, "2030-03-06")],
      ["a review", () => createReview(db, doctor.id, 5)],
      ["a reply", () => db.update(reviews).set({ doctorReply: "Thank you" }).where(eq(reviews.doctorId, doctor.id))],
      ["a profile edit", () => db.update(doctorProfiles).set({ bio: "New bio" }).where(eq(doctorProfiles.userId, doctor.id))],
      ["an account edit", () => db.update(users).set({ fullName: "Dr. Renamed" }).where(eq(users.id, doctor.id))],
    ];
    for (const [, change] of changes) {
      const before = await doctorPageFingerprint(db, other.id);
      await change();
      await expectChanged();
      expect(await doctorPageFingerprint(db, other.id)).toBe(before);
    }
  });

  it("changes when time alone moves the first free time past the minimum notice", async () => {
    const doctor = await createDoctor(db);
    await refreshFreeTime(db, { now: TEST_NOW, doctorIds: [doctor.id] });
    const fresh = await doctorPageFingerprint(db, doctor.id);
    await db.execute(sql`update doctor_free_time set valid_until = now() - interval '1 second' where doctor_id = ${doctor.id}`);
    expect(await doctorPageFingerprint(db, doctor.id)).not.toBe(fresh);
  });

  it("is null for an id with no doctor's profile (the page is a 404)", async () => {
    const patient = await createPatient(db);
    expect(await doctorPageFingerprint(db, patient.id)).toBeNull();
    expect(await doctorPageFingerprint(db, "00000000-0000-4000-8000-000000000000")).toBeNull();
  });
});
