import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getRatingSummary, listVisibleReviews } from "@/db/queries/reviews";
import { auditLog, reviewReports, reviews } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import { createDoctor, createPatient, insertAppointmentRow, rejectionOf } from "@/tests/factories";
import { createReview, deleteReview, replyToReview, reportReview, updateReview } from "./service";

const db = useTestDb();
const NOW = new Date("2030-05-01T10:00:00Z");
const DAY_MS = 86_400_000;
const text = (n: number) => `Visit ${n}: kind doctor, clear advice.`;

/** A completed visit `daysAgo` days before NOW; each call gets its own hour so a patient never overlaps. */
let hour = 0;
async function visit(doctorId: string, patientId: string, status: "completed" | "confirmed" | "no_show" | "cancelled" = "completed") {
  hour += 1;
  return insertAppointmentRow(db, { doctorId, patientId, startsAt: new Date(NOW.getTime() - 10 * DAY_MS + hour * 3_600_000), status });
}

function codeOf(error: unknown) {
  expect(error).toBeInstanceOf(AppError);
  return (error as AppError).code;
}

describe("writing a review", () => {
  it("is allowed once for the patient's own completed visit, and audited", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const appointment = await visit(doctor.id, patient.id);
    const review = await createReview(db, { patientId: patient.id, appointmentId: appointment.id, rating: 4, body: text(1) }, NOW);
    expect(review).toMatchObject({ doctorId: doctor.id, patientId: patient.id, rating: 4, status: "visible", createdAt: NOW });
    const audit = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "review"), eq(auditLog.entityId, review.id)));
    expect(audit.map((row) => row.action)).toEqual(["review.created"]);
  });

  it("is refused before the visit is marked completed (confirmed, no-show or cancelled)", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    for (const status of ["confirmed", "no_show", "cancelled"] as const) {
      const appointment = await visit(doctor.id, patient.id, status);
      const error = await rejectionOf(createReview(db, { patientId: patient.id, appointmentId: appointment.id, rating: 5, body: text(2) }, NOW));
      expect(codeOf(error)).toBe("conflict");
      expect((error as AppError).message).toMatch(/marked it completed/);
    }
    expect(await db.select().from(reviews).where(eq(reviews.patientId, patient.id))).toEqual([]);
  });

  it("is refused for another patient's appointment, which looks like a missing one", async () => {
    const doctor = await createDoctor(db);
    const [owner, stranger] = [await createPatient(db), await createPatient(db)];
    const appointment = await visit(doctor.id, owner.id);
    const error = await rejectionOf(createReview(db, { patientId: stranger.id, appointmentId: appointment.id, rating: 1, body: text(3) }, NOW));
    expect(codeOf(error)).toBe("not_found");
    const missing = await rejectionOf(createReview(db, { patientId: stranger.id, appointmentId: crypto.randomUUID(), rating: 1, body: text(3) }, NOW));
    expect((missing as AppError).message).toBe((error as AppError).message);
  });

  it("refuses a second review of the same visit, even when both are sent at once", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const appointment = await visit(doctor.id, patient.id);
    const attempts = await Promise.allSettled(
      Array.from({ length: 5 }, (_, i) => createReview(db, { patientId: patient.id, appointmentId: appointment.id, rating: 5, body: text(10 + i) }, NOW)),
    );
    expect(attempts.filter((a) => a.status === "fulfilled")).toHaveLength(1);
    for (const attempt of attempts.filter((a) => a.status === "rejected")) expect(codeOf((attempt as PromiseRejectedResult).reason)).toBe("conflict");
    const later = await rejectionOf(createReview(db, { patientId: patient.id, appointmentId: appointment.id, rating: 3, body: text(20) }, NOW));
    expect((later as AppError).message).toMatch(/already reviewed/);
    expect(await db.select().from(reviews).where(eq(reviews.appointmentId, appointment.id))).toHaveLength(1);
  });
});

describe("changing a review", () => {
  it("edits and deletes within 30 days, refuses after, and refuses other patients", async () => {
    const doctor = await createDoctor(db);
    const [patient, other] = [await createPatient(db), await createPatient(db)];
    const first = await createReview(db, { patientId: patient.id, appointmentId: (await visit(doctor.id, patient.id)).id, rating: 2, body: text(30) }, NOW);
    const day30 = new Date(NOW.getTime() + 30 * DAY_MS);
    const edited = await updateReview(db, { patientId: patient.id, reviewId: first.id, rating: 5, body: "Changed my mind, it went well." }, day30);
    expect(first.editedAt).toBeNull();
    expect(edited).toMatchObject({ rating: 5, body: "Changed my mind, it went well.", editedAt: day30 });

    const late = new Date(day30.getTime() + 1);
    expect(codeOf(await rejectionOf(updateReview(db, { patientId: patient.id, reviewId: first.id, rating: 1, body: text(31) }, late)))).toBe("conflict");
    expect(codeOf(await rejectionOf(deleteReview(db, { patientId: patient.id, reviewId: first.id }, late)))).toBe("conflict");
    expect(codeOf(await rejectionOf(updateReview(db, { patientId: other.id, reviewId: first.id, rating: 1, body: text(32) }, NOW)))).toBe("not_found");
    expect(codeOf(await rejectionOf(deleteReview(db, { patientId: other.id, reviewId: first.id }, NOW)))).toBe("not_found");

    await deleteReview(db, { patientId: patient.id, reviewId: first.id }, day30);
    expect(await db.select().from(reviews).where(eq(reviews.id, first.id))).toEqual([]);
    const actions = await db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "review"), eq(auditLog.entityId, first.id)));
    expect(actions.map((a) => a.action).sort()).toEqual(["review.created", "review.deleted", "review.updated"]);
  });
});

describe("doctor replies and reports", () => {
  it("lets the reviewed doctor reply exactly once, and nobody else", async () => {
    const [doctor, otherDoctor] = [await createDoctor(db), await createDoctor(db)];
    const patient = await createPatient(db);
    const review = await createReview(db, { patientId: patient.id, appointmentId: (await visit(doctor.id, patient.id)).id, rating: 3, body: text(40) }, NOW);
    expect(codeOf(await rejectionOf(replyToReview(db, { doctorId: otherDoctor.id, reviewId: review.id, reply: "Not mine" }, NOW)))).toBe("not_found");
    const replies = await Promise.allSettled(
      [1, 2, 3].map((n) => replyToReview(db, { doctorId: doctor.id, reviewId: review.id, reply: `Thank you (${n})` }, NOW)),
    );
    expect(replies.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const [row] = await db.select().from(reviews).where(eq(reviews.id, review.id));
    expect(row!.doctorReply).toMatch(/^Thank you \(\d\)$/);
    expect(row!.doctorRepliedAt).toEqual(NOW);
    expect(row!.editedAt).toBeNull(); // a reply is not the patient editing their review
  });

  it("takes one report per person, never from the author, and not on hidden reviews", async () => {
    const doctor = await createDoctor(db);
    const [author, reader] = [await createPatient(db), await createPatient(db)];
    const review = await createReview(db, { patientId: author.id, appointmentId: (await visit(doctor.id, author.id)).id, rating: 1, body: text(50) }, NOW);
    expect(
      codeOf(await rejectionOf(reportReview(db, { reporterId: author.id, reporterRole: "patient", reviewId: review.id, reason: "my own review" }, NOW))),
    ).toBe("forbidden");
    await reportReview(db, { reporterId: reader.id, reporterRole: "patient", reviewId: review.id, reason: "Insults the staff" }, NOW);
    await reportReview(db, { reporterId: doctor.id, reporterRole: "doctor", reviewId: review.id, reason: "This never happened" }, NOW);
    expect(
      codeOf(await rejectionOf(reportReview(db, { reporterId: reader.id, reporterRole: "patient", reviewId: review.id, reason: "Again, please" }, NOW))),
    ).toBe("conflict");
    expect(await db.select().from(reviewReports).where(eq(reviewReports.reviewId, review.id))).toHaveLength(2);

    await db.update(reviews).set({ status: "hidden" }).where(eq(reviews.id, review.id));
    const other = await createPatient(db);
    expect(
      codeOf(await rejectionOf(reportReview(db, { reporterId: other.id, reporterRole: "patient", reviewId: review.id, reason: "Hidden already" }, NOW))),
    ).toBe("not_found");
  });
});

describe("rating summary", () => {
  it("counts visible reviews only, and follows edits, hiding and deletion", async () => {
    const doctor = await createDoctor(db);
    const patients = await Promise.all([1, 2, 3, 4].map(() => createPatient(db)));
    const written = [];
    for (const [i, rating] of [5, 4, 2, 1].entries()) {
      written.push(
        await createReview(db, { patientId: patients[i]!.id, appointmentId: (await visit(doctor.id, patients[i]!.id)).id, rating, body: text(60 + i) }, NOW),
      );
    }
    expect(await getRatingSummary(db, doctor.id)).toEqual({ average: 3, count: 4, distribution: [1, 1, 0, 1, 1] });

    await db.update(reviews).set({ status: "hidden" }).where(eq(reviews.id, written[3]!.id)); // the 1-star one, as an admin would
    expect(await getRatingSummary(db, doctor.id)).toEqual({ average: 11 / 3, count: 3, distribution: [0, 1, 0, 1, 1] });
    expect((await listVisibleReviews(db, doctor.id, { limit: 10, offset: 0 })).map((r) => r.id)).not.toContain(written[3]!.id);

    await updateReview(db, { patientId: patients[2]!.id, reviewId: written[2]!.id, rating: 5, body: "Much better on reflection." }, NOW);
    expect(await getRatingSummary(db, doctor.id)).toEqual({ average: 14 / 3, count: 3, distribution: [0, 0, 0, 1, 2] });

    await deleteReview(db, { patientId: patients[0]!.id, reviewId: written[0]!.id }, NOW);
    expect(await getRatingSummary(db, doctor.id)).toEqual({ average: 4.5, count: 2, distribution: [0, 0, 0, 1, 1] });
  });

  it("stays exact under many concurrent writes, edits and deletions", async () => {
    const doctor = await createDoctor(db);
    const patients = await Promise.all(Array.from({ length: 24 }, () => createPatient(db)));
    const appointments = await Promise.all(patients.map((patient) => visit(doctor.id, patient.id)));
    const created = await Promise.all(
      patients.map((patient, i) =>
        createReview(db, { patientId: patient.id, appointmentId: appointments[i]!.id, rating: 1 + (i % 5), body: text(100 + i) }, NOW),
      ),
    );
    // Half are edited to 5 stars while a third are deleted, all at once.
    await Promise.all([
      ...created
        .filter((_, i) => i % 2 === 0)
        .map((review) => updateReview(db, { patientId: review.patientId, reviewId: review.id, rating: 5, body: "Edited concurrently." }, NOW)),
      ...created.filter((_, i) => i % 3 === 1).map((review) => deleteReview(db, { patientId: review.patientId, reviewId: review.id }, NOW)),
    ]);
    const expected = created.flatMap((review, i) => (i % 3 === 1 ? [] : [i % 2 === 0 ? 5 : review.rating]));
    const distribution = [1, 2, 3, 4, 5].map((star) => expected.filter((r) => r === star).length);
    expect(await getRatingSummary(db, doctor.id)).toEqual({
      average: expected.reduce((a, b) => a + b, 0) / expected.length,
      count: expected.length,
      distribution,
    });
  });
});
