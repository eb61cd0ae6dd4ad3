import { z } from "zod";
import { multiLineText } from "@/lib/validation/text";
import { REPLY, REPORT_REASON, REVIEW_BODY } from "./limits";

// The review actions' input (server); the forms take their limits from ./limits.

export const reviewSchema = z.object({
  rating: z.coerce
    .number({ error: "Choose a rating from 1 to 5 stars." })
    .int("Choose a rating from 1 to 5 stars.")
    .min(1, "Choose a rating from 1 to 5 stars.")
    .max(5, "Choose a rating from 1 to 5 stars."),
  body: multiLineText({ error: "Write a few words about your visit." })
    .min(REVIEW_BODY.min, `Write at least ${REVIEW_BODY.min} characters.`)
    .max(REVIEW_BODY.max, `Keep it under ${REVIEW_BODY.max.toLocaleString("en-GB")} characters.`),
});

export const replySchema = z.object({
  reviewId: z.uuid("That review could not be found."),
  reply: multiLineText({ error: "Write your reply." })
    .min(REPLY.min, "Write your reply.")
    .max(REPLY.max, `Keep it under ${REPLY.max.toLocaleString("en-GB")} characters.`),
});

export const reportSchema = z.object({
  reviewId: z.uuid("That review could not be found."),
  reason: multiLineText({ error: "Say briefly what is wrong with this review." })
    .min(REPORT_REASON.min, "Say briefly what is wrong with this review.")
    .max(REPORT_REASON.max, `Keep it under ${REPORT_REASON.max} characters.`),
});

export type ReviewInput = z.infer<typeof reviewSchema>;
