import { z } from "zod";
import { PASSWORD_MIN_LENGTH } from "./password-length";

/** The actions' password rule (server); the forms take the length from ./password-length; hashing lives in password.ts. */

export const passwordSchema = z
  .string({ error: "Enter a password." })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(256, "Use at most 256 characters.")
  .refine((value) => value.trim().length >= PASSWORD_MIN_LENGTH, "A password cannot be mostly spaces.");
