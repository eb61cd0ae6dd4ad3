import { getDb } from "@/lib/db";
import { sendReviewReplyEmail } from "@/lib/notifications/reviews";
import { inngest } from "../client";
import { reviewReplied } from "../events";

/** Tells the patient their review was answered. */
export const sendReviewReplyNotice = inngest.createFunction(
  { id: "send-review-reply-notice", name: "Review reply email", triggers: [reviewReplied] },
  async ({ event, step }) => {
    const notice = await step.run("email-review-reply", () => sendReviewReplyEmail(getDb(), event.data));
    return { reviewId: event.data.reviewId, notice };
  },
);
