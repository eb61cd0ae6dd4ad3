"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { userWithRole } from "@/lib/auth/guards";
import { failure, fieldErrorsOf } from "@/lib/errors";
import { replySchema } from "@/lib/reviews/schemas";
import { replyToReview } from "@/lib/reviews/service";
import type { ProfileFormState } from "@/components/profiles/form-kit";

/** The doctor answers a review of themselves, once; the service checks it is theirs. */
export async function replyToReviewAction(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const doctor = await userWithRole("doctor");
  if (!doctor) return failure("Your session has ended. Sign in again as a doctor to reply.");
  const raw = { reviewId: String(formData.get("reviewId") ?? ""), reply: String(formData.get("reply") ?? "") };
  const parsed = replySchema.safeParse(raw);
  if (!parsed.success) return failure("Please correct the highlighted field.", fieldErrorsOf(parsed.error), { reply: raw.reply });
  const result = await runService(async () => {
    await replyToReview(getDb(), { doctorId: doctor.id, ...parsed.data }, new Date());
    return { message: "Reply published." };
  });
  if (result.ok) {
    revalidatePath("/doctor/reviews");
    revalidatePath(`/doctors/${doctor.id}`);
  }
  return result.ok ? result : { ...result, values: { reply: raw.reply } };
}
