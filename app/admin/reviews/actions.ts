"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { z } from "zod";
import { action } from "@/lib/actions";
import { moderateReviewSchema, reviewIdSchema } from "@/lib/admin/schemas";
import { hideReview, resolveReviewReports, restoreReview } from "@/lib/reviews/moderation";

const views = new Set(["reported", "recent", "hidden"]);
const view = z.string().optional();

/** The review may leave the queue it was in, so the confirmation is shown at the top of the page. */
function done(view: string | undefined, notice: "hidden" | "restored" | "dismissed"): never {
  revalidatePath("/doctors", "layout");
  redirect(`/admin/reviews?view=${view && views.has(view) ? view : "reported"}&notice=${notice}`);
}

export const moderateReviewAction = action({
  access: ["admin"],
  schema: moderateReviewSchema.extend({ decision: z.string().optional(), view }),
  run: async ({ reviewId, reason, decision, view }, { user, db, now }) => {
    const hide = decision === "hide";
    await (hide ? hideReview : restoreReview)(db, user, { reviewId, reason }, now);
    done(view, hide ? "hidden" : "restored");
  },
});

export const resolveReportsAction = action({
  access: ["admin"],
  schema: reviewIdSchema.extend({ view }),
  run: async ({ reviewId, view }, { user, db, now }) => {
    await resolveReviewReports(db, user, { reviewId }, now);
    done(view, "dismissed");
  },
});
