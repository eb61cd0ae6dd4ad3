"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action } from "@/lib/actions";
import { reviewSchema } from "@/lib/reviews/schemas";
import { createReview, deleteReview, updateReview } from "@/lib/reviews/service";
import { enforceRateLimit, perUserLimits } from "@/lib/security/rate-limits";

// The patient comes from the session; the service checks the appointment (or
// review) is theirs, completed, and within the 30-day window.

const appointmentId = z.uuid({ error: "We could not find that appointment." });

function published(appointmentId: string, doctorId: string, outcome: "saved" | "deleted"): never {
  revalidatePath(`/doctors/${doctorId}`);
  revalidatePath(`/patient/appointments/${appointmentId}`);
  redirect(`/patient/appointments/${appointmentId}/review?${outcome}=1`);
}

export const saveReviewAction = action({
  access: ["patient"],
  schema: reviewSchema.extend({ appointmentId, reviewId: z.preprocess((value) => value || undefined, z.uuid().optional()) }),
  run: async ({ appointmentId, reviewId, ...review }, { user, db, now }) => {
    // Writing reviews is limited; changing one's own within its 30 days is not.
    if (!reviewId) await enforceRateLimit(db, perUserLimits.reviews, user.id);
    const saved = reviewId
      ? await updateReview(db, { patientId: user.id, reviewId, ...review }, now)
      : await createReview(db, { patientId: user.id, appointmentId, ...review }, now);
    published(appointmentId, saved.doctorId, "saved");
  },
});

export const deleteReviewAction = action({
  access: ["patient"],
  schema: z.object({ appointmentId, reviewId: z.uuid(), doctorId: z.uuid() }),
  invalid: "We could not find that review.",
  run: async ({ appointmentId, reviewId, doctorId }, { user, db, now }) => {
    await deleteReview(db, { patientId: user.id, reviewId }, now);
    // doctorId only picks which public page to refresh; the service decided whose review it was.
    published(appointmentId, doctorId, "deleted");
  },
});
