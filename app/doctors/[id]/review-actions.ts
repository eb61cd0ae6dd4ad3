"use server";

import { action } from "@/lib/actions";
import { reportSchema } from "@/lib/reviews/schemas";
import { reportReview } from "@/lib/reviews/service";
import { enforceRateLimit, perUserLimits } from "@/lib/security/rate-limits";

/** Anyone signed in may flag a review for the moderators; the reporter comes from the session. */
export const reportReviewAction = action({
  access: "signed-in",
  schema: reportSchema,
  run: async ({ reviewId, reason }, { user, db, now }) => {
    await enforceRateLimit(db, perUserLimits.reports, user.id);
    await reportReview(db, { reporterId: user.id, reporterRole: user.role, reviewId, reason }, now);
    // No revalidation: nothing public changes, and the control answers in place ("Thank you…").
    return "Thank you. A moderator will look at this review.";
  },
});
