"use server";

import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { userWithRole } from "@/lib/auth/guards";
import { failure, fieldErrorsOf, type ActionResult } from "@/lib/errors";
import { reportSchema } from "@/lib/reviews/schemas";
import { reportReview } from "@/lib/reviews/service";

export type ReportState = ActionResult | null;

/** Anyone signed in may flag a review for the moderators; the reporter comes from the session. */
export async function reportReviewAction(_previous: ReportState, formData: FormData): Promise<ReportState> {
  const user = await userWithRole("patient", "doctor", "admin");
  if (!user) return failure("Sign in to report a review.");
  const parsed = reportSchema.safeParse({ reviewId: formData.get("reviewId"), reason: formData.get("reason") ?? "" });
  if (!parsed.success) return failure("Please correct the highlighted field.", fieldErrorsOf(parsed.error), { reason: String(formData.get("reason") ?? "") });
  const result = await runService(async () => {
    await reportReview(getDb(), { reporterId: user.id, reporterRole: user.role, reviewId: parsed.data.reviewId, reason: parsed.data.reason }, new Date());
    return { message: "Thank you. A moderator will look at this review." };
  });
  // No revalidation: nothing public changes, and the control answers in place ("Thank you…").
  return result;
}
