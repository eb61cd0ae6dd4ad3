import { z } from "zod";
import { emailSchema } from "@/lib/auth/schemas";
import { optionalPhone } from "@/lib/profiles/schemas";
import { isValidTimeZone } from "@/lib/scheduling";
import { singleLineText } from "@/lib/validation/text";

// The admin's user CRUD (seed 004): a walk-in patient's account, and a user's
// name, email and phone. Shared by the forms and the actions.

const fullName = singleLineText({ error: "Enter the full name." }).min(2, "Enter the full name.").max(120, "Use at most 120 characters.");

export const walkInPatientSchema = z.object({
  fullName,
  email: emailSchema,
  phone: optionalPhone,
  // The admin's browser zone, like registration's; a missing or unknown one falls back to UTC (the patient can change it).
  timeZone: z
    .string()
    .optional()
    .transform((zone) => (zone && isValidTimeZone(zone) ? zone : "UTC")),
});

export const userDetailsSchema = z.object({
  userId: z.uuid({ error: "That user does not exist." }),
  fullName,
  email: emailSchema,
  // Only patients keep a phone number on file; for anyone else the field is not shown and stays empty.
  phone: optionalPhone.optional().transform((value) => value ?? null),
});

export type WalkInPatientInput = z.output<typeof walkInPatientSchema>;
export type UserDetailsInput = z.output<typeof userDetailsSchema>;
