import { z } from "zod";

/** Shared by forms (client) and actions (server); hashing lives in password.ts. */
export const PASSWORD_MIN_LENGTH = 12;

export const passwordSchema = z
  .string({ error: "Enter a password." })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(256, "Use at most 256 characters.")
  .refine((value) => value.trim().length >= PASSWORD_MIN_LENGTH, "A password cannot be mostly spaces.");
