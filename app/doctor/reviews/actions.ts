"use server";

import { revalidatePath } from "next/cache";
import { action } from "@/lib/actions";
import { replySchema } from "@/lib/reviews/schemas";
import { replyToReview } from "@/lib/reviews/service";

/** The doctor answers a review of themselves, once; the service checks it is theirs. */
export const replyToReviewAction = action({
  access: ["doctor"],
  schema: replySchema,
  run: async (reply, { user, db, now }) => {
    await replyToReview(db, { doctorId: user.id, ...reply }, now);
    revalidatePath("/doctor/reviews");
    revalidatePath(`/doctors/${user.id}`);
    return "Reply published.";
  },
});
