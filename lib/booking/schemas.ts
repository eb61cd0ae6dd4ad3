import { z } from "zod";
import { DATE_RANGE_MESSAGE, isWithinDateYears, multiLineText } from "@/lib/validation/text";

/** An instant with an explicit offset, as the slot buttons send it: never a zone-less local time. */
export const instantSchema = z.iso
  .datetime({ offset: true, error: "Choose one of the times shown." })
  .transform((value) => new Date(value))
  .refine(isWithinDateYears, DATE_RANGE_MESSAGE);

export const appointmentIdSchema = z.uuid({ error: "That appointment does not exist." });

export const bookSchema = z.object({
  doctorId: z.uuid({ error: "Choose a doctor." }),
  startsAt: instantSchema,
  reason: multiLineText().max(500, "Keep the reason under 500 characters.").default(""),
  /** "wallet": pay from the wallet balance; anything else (or nothing): the doctor's usual way, by card or at the clinic. */
  payWith: z
    .enum(["usual", "wallet"], { error: "Choose how to pay." })
    .default("usual")
    .transform((value) => (value === "wallet" ? ("wallet" as const) : undefined)),
});

/** A visitor's reason kept while they sign in, and the doctor page to come back to. */
export const signInToBookSchema = bookSchema.pick({ doctorId: true, reason: true }).extend({ returnTo: z.string().max(2000) });

export const cancelSchema = z.object({
  appointmentId: appointmentIdSchema,
  reason: multiLineText({ error: "Tell the other side why you are cancelling." })
    .min(3, "Tell the other side why you are cancelling (at least 3 characters).")
    .max(500, "Keep the reason under 500 characters."),
  /** A card-paid visit's refund: back to the card (the default), or kept as wallet credit at once. */
  refundTo: z.enum(["card", "wallet"], { error: "Choose where the refund goes." }).default("card"),
});

export const rescheduleSchema = z.object({
  appointmentId: appointmentIdSchema,
  startsAt: instantSchema,
});

export const outcomeSchema = z.object({
  appointmentId: appointmentIdSchema,
  outcome: z.enum(["completed", "no_show"]),
});

export const consultationNoteSchema = z.object({
  appointmentId: appointmentIdSchema,
  body: multiLineText().max(20_000, "Notes are limited to 20,000 characters."),
  patientSummary: multiLineText()
    .max(5_000, "The summary is limited to 5,000 characters.")
    .transform((value) => (value === "" ? null : value)),
});

/** "Book for a patient": the patient, the doctor's slot, and how the fee is paid. */
export const frontDeskBookSchema = bookSchema.extend({
  patientId: z.uuid({ error: "Choose a patient." }),
  payment: z.enum(["clinic", "link"], { error: "Choose how the patient pays." }).default("clinic"),
});
