"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { userWithRole } from "@/lib/auth/guards";
import { failure, fieldErrorsOf } from "@/lib/errors";
import { reviewSchema } from "@/lib/reviews/schemas";
import { createReview, deleteReview, updateReview } from "@/lib/reviews/service";
import type { ProfileFormState } from "@/components/profiles/form-kit";

// The patient comes from the session; the service checks the appointment (or
// review) is theirs, completed, and within the 30-day window.

const SIGNED_OUT = "Your session has ended. Sign in again to review your visit.";
const ids = z.object({ appointmentId: z.uuid(), reviewId: z.uuid().optional() });

function published(appointmentId: string, doctorId: string, outcome: "saved" | "deleted"): never {
  revalidatePath(`/doctors/${doctorId}`);
  revalidatePath(`/patient/appointments/${appointmentId}`);
  redirect(`/patient/appointments/${appointmentId}/review?${outcome}=1`);
}

export async function saveReviewAction(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const patient = await userWithRole("patient");
  if (!patient) return failure(SIGNED_OUT);
  const target = ids.safeParse({ appointmentId: formData.get("appointmentId"), reviewId: formData.get("reviewId") || undefined });
  if (!target.success) return failure("We could not find that appointment.");
  const raw = { rating: String(formData.get("rating") ?? ""), body: String(formData.get("body") ?? "") };
  const parsed = reviewSchema.safeParse(raw);
  if (!parsed.success) return failure("Please correct the highlighted field.", fieldErrorsOf(parsed.error), raw);
  const { appointmentId, reviewId } = target.data;
  const result = await runService(async () => ({
    review: reviewId
      ? await updateReview(getDb(), { patientId: patient.id, reviewId, ...parsed.data }, new Date())
      : await createReview(getDb(), { patientId: patient.id, appointmentId, ...parsed.data }, new Date()),
  }));
  if (result.ok) published(appointmentId, result.review.doctorId, "saved");
  return { ...result, values: raw };
}

export async function deleteReviewAction(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const patient = await userWithRole("patient");
  if (!patient) return failure(SIGNED_OUT);
  const target = ids.extend({ reviewId: z.uuid(), doctorId: z.uuid() }).safeParse({
    appointmentId: formData.get("appointmentId"),
    reviewId: formData.get("reviewId"),
    doctorId: formData.get("doctorId"),
  });
  if (!target.success) return failure("We could not find that review.");
  const result = await runService(async () => {
    await deleteReview(getDb(), { patientId: patient.id, reviewId: target.data.reviewId }, new Date());
    return {};
  });
  // doctorId only picks which public page to refresh; the service decided whose review it was.
  if (result.ok) published(target.data.appointmentId, target.data.doctorId, "deleted");
  return result.ok ? null : result;
}
