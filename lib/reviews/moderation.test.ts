import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { atBoundary } from "@/tests/boundary";
import { moderateReviewSchema } from "@/lib/admin/schemas";
import { countReviewsForModeration, getVisibleRating, listReviewsForModeration } from "@/db/queries/reviews";
import { reviewReports, reviews } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { useTestDb } from "@/tests/db";
import { TEST_NOW as NOW, adminActor, auditRowsFor, createDoctor, createPatient, createReview, rejectionOf } from "@/tests/factories";
import { hideReview, resolveReviewReports, restoreReview } from "./moderation";

const db = useTestDb({ max: 4 });

async function report(reviewId: string, reason = "Contains a phone number") {
  const reporter = await createPatient(db);
  await db.insert(reviewReports).values({ reviewId, reporterId: reporter.id, reason });
}

const openReportsOf = async (reviewId: string) =>
  (await db.select().from(reviewReports).where(eq(reviewReports.reviewId, reviewId))).filter((r) => r.resolvedAt === null).length;

describe("review moderation", () => {
  it("hiding takes a review out of the doctor's average; restoring puts it back; both audited with the reason", async () => {
    const admin = await adminActor(db);
    const doctor = await createDoctor(db);
    await createReview(db, doctor.id, 5);
    const { review: bad } = await createReview(db, doctor.id, 1, "Rude and unhelpful, call me on 0123.");
    expect(await getVisibleRating(db, doctor.id)).toEqual({ average: 3, count: 2 });

    await hideReview(db, admin, { reviewId: bad.id, reason: "Personal data in the text" }, NOW);
    expect(await getVisibleRating(db, doctor.id)).toEqual({ average: 5, count: 1 });
    const [hidden] = await db.select().from(reviews).where(eq(reviews.id, bad.id));
    expect(hidden).toMatchObject({ status: "hidden", moderationReason: "Personal data in the text", body: bad.body });

    await restoreReview(db, admin, { reviewId: bad.id, reason: "Patient removed the number" }, NOW);
    expect(await getVisibleRating(db, doctor.id)).toEqual({ average: 3, count: 2 });

    const audit = await auditRowsFor(db, "review", bad.id);
    expect(audit.map((row) => row.action)).toEqual(["review.hidden", "review.restored"]);
    expect(audit[0]).toMatchObject({
      actorId: admin.id,
      before: { status: "visible" },
      after: { status: "hidden", moderationReason: "Personal data in the text" },
    });
  });

  it("a reported review is in the reported queue until a decision resolves its reports", async () => {
    const admin = await adminActor(db);
    const doctor = await createDoctor(db);
    const { review } = await createReview(db, doctor.id, 2);
    await report(review.id);
    await report(review.id, "Not about the visit");
    const queued = (await listReviewsForModeration(db, "reported", NOW)).find((r) => r.id === review.id);
    expect(queued).toMatchObject({ openReports: 2, doctorAverage: 2, doctorVisibleCount: 1 });
    expect(queued?.reports.map((r) => r.reason).sort()).toEqual(["Contains a phone number", "Not about the visit"]);

    const result = await hideReview(db, admin, { reviewId: review.id, reason: "Off-topic" }, NOW);
    expect(result.reportsResolved).toBe(2);
    expect(await openReportsOf(review.id)).toBe(0);
    expect((await listReviewsForModeration(db, "reported", NOW)).some((r) => r.id === review.id)).toBe(false);
    expect((await listReviewsForModeration(db, "hidden", NOW)).find((r) => r.id === review.id)?.doctorAverage).toBeNull();
  });

  it("reports can be dismissed without changing the review", async () => {
    const admin = await adminActor(db);
    const doctor = await createDoctor(db);
    const { review } = await createReview(db, doctor.id, 4);
    await report(review.id);
    expect(await resolveReviewReports(db, admin, { reviewId: review.id }, NOW)).toEqual({ resolved: 1 });
    expect(await openReportsOf(review.id)).toBe(0);
    expect(await getVisibleRating(db, doctor.id)).toEqual({ average: 4, count: 1 });
    expect((await auditRowsFor(db, "review", review.id)).map((row) => row.action)).toEqual(["review.reports_resolved"]);
    expect(((await rejectionOf(resolveReviewReports(db, admin, { reviewId: review.id }, NOW))) as AppError).code).toBe("conflict");
  });

  it("needs a reason, and refuses hiding twice", async () => {
    const admin = await adminActor(db);
    const doctor = await createDoctor(db);
    const { review } = await createReview(db, doctor.id, 3);
    const missing = (await rejectionOf(
      atBoundary(moderateReviewSchema, { reviewId: review.id, reason: "" }, (input) => hideReview(db, admin, input, NOW)),
    )) as AppError;
    expect(missing.fieldErrors?.reason).toEqual(["Give a reason for the record (at least 3 characters)."]);
    await hideReview(db, admin, { reviewId: review.id, reason: "Spam" }, NOW);
    expect(((await rejectionOf(hideReview(db, admin, { reviewId: review.id, reason: "Spam" }, NOW))) as AppError).message).toBe(
      "This review is already hidden.",
    );
  });

  it("patients and doctors cannot moderate", async () => {
    const doctor = await createDoctor(db);
    const { review, patientId } = await createReview(db, doctor.id, 1);
    for (const actor of [
      { id: patientId, role: "patient" as const },
      { id: doctor.id, role: "doctor" as const },
    ]) {
      expect(((await rejectionOf(hideReview(db, actor, { reviewId: review.id, reason: "I do not like it" }, NOW))) as AppError).code).toBe("forbidden");
    }
    expect(await getVisibleRating(db, doctor.id)).toEqual({ average: 1, count: 1 });
  });

  it("pages a queue and counts it in all", async () => {
    const admin = await adminActor(db);
    const doctor = await createDoctor(db);
    for (const rating of [1, 2, 3]) {
      const { review } = await createReview(db, doctor.id, rating);
      await hideReview(db, admin, { reviewId: review.id, reason: "Paging test" }, NOW);
    }
    const total = await countReviewsForModeration(db, "hidden", NOW);
    expect(total).toBeGreaterThanOrEqual(3);
    const first = await listReviewsForModeration(db, "hidden", NOW, { page: 1, pageSize: 2 });
    const second = await listReviewsForModeration(db, "hidden", NOW, { page: 2, pageSize: 2 });
    expect(first).toHaveLength(2);
    expect(second.length).toBeGreaterThanOrEqual(1);
    expect(second.map((row) => row.id)).not.toContain(first[0]!.id);
    expect(second.map((row) => row.id)).not.toContain(first[1]!.id);
  });
});
