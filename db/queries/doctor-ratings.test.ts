import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appointments, doctorRatings, reviews } from "@/db/schema";
import { useTestDb } from "@/tests/db";
import { createDoctor, createReview } from "@/tests/factories";

// doctor_ratings is kept by triggers on reviews; after anything that can happen to reviews it equals a recount.
const db = useTestDb();

async function kept(doctorId: string) {
  const [row] = await db.select().from(doctorRatings).where(eq(doctorRatings.doctorId, doctorId));
  return { count: row?.visibleCount ?? 0, sum: row?.ratingSum ?? 0 };
}

async function recount(doctorId: string) {
  const [row] = (await db.execute(
    sql`select count(*)::int as count, coalesce(sum(rating), 0)::int as sum from reviews where doctor_id = ${doctorId} and status = 'visible'`,
  )) as unknown as { count: number; sum: number }[];
  return row!;
}

describe("doctor ratings summary", () => {
  it("follows reviews written, edited, hidden, shown again and deleted, one at a time and many at once", async () => {
    const doctor = await createDoctor(db);
    const other = await createDoctor(db);
    const written = [];
    for (const rating of [5, 4, 2]) written.push((await createReview(db, doctor.id, rating)).review!);
    await createReview(db, other.id, 1);
    expect(await kept(doctor.id)).toEqual({ count: 3, sum: 11 });
    expect(await kept(other.id)).toEqual(await recount(other.id));

    await db.update(reviews).set({ rating: 1 }).where(eq(reviews.id, written[0]!.id));
    expect(await kept(doctor.id)).toEqual({ count: 3, sum: 7 });
    await db.update(reviews).set({ status: "hidden" }).where(eq(reviews.id, written[1]!.id));
    expect(await kept(doctor.id)).toEqual({ count: 2, sum: 3 });
    // A reply changes no rating.
    await db.update(reviews).set({ doctorReply: "Thank you" }).where(eq(reviews.doctorId, doctor.id));
    expect(await kept(doctor.id)).toEqual({ count: 2, sum: 3 });
    await db.update(reviews).set({ status: "visible" }).where(eq(reviews.doctorId, doctor.id));
    expect(await kept(doctor.id)).toEqual(await recount(doctor.id));
    await db.delete(reviews).where(eq(reviews.id, written[2]!.id));
    expect(await kept(doctor.id)).toEqual(await recount(doctor.id));
    // The visit going takes its review with it (cascade), and the sums follow.
    await db.delete(appointments).where(eq(appointments.id, written[0]!.appointmentId));
    expect(await kept(doctor.id)).toEqual(await recount(doctor.id));
    expect(await kept(other.id)).toEqual(await recount(other.id));
  });

  it("counts reviews committed at the same time (deltas, never a recount)", async () => {
    const doctor = await createDoctor(db);
    await Promise.all(Array.from({ length: 12 }, (_, i) => createReview(db, doctor.id, 1 + (i % 5))));
    expect(await kept(doctor.id)).toEqual({ count: 12, sum: 33 });
    expect(await kept(doctor.id)).toEqual(await recount(doctor.id));
  });
});
