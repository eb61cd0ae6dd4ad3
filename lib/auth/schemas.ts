import { z } from "zod";
import { countryField, regionField } from "@/lib/places/schema";
import { isValidTimeZone } from "@/lib/scheduling";
import type { Role } from "@/lib/vocabulary";
import { singleLineText } from "@/lib/validation/text";
import { passwordSchema } from "./password-policy";

export const emailSchema = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "That email address is too long.")
  .pipe(z.email("Enter a valid email address, like name@example.com."));

// Where to go after signing in (checked again by safeReturnPath); one that is not a clean line is dropped, not an error.
const returnPathField = singleLineText().max(2048).optional().catch(undefined);

export const signInSchema = z.object({
  email: emailSchema,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(256),
  next: returnPathField,
  // "Keep me signed in": a ticked checkbox sends "on"; anything else is no.
  remember: z.preprocess((value) => value === "on" || value === "true" || value === true, z.boolean()).default(false),
});

/** The second step of sign-in (lib/auth/two-factor): the challenge cookie's token and the code typed ("Authentication code"). */
export const secondStepSignInSchema = z.object({
  challenge: z.string().min(1).max(200),
  code: z.string().max(64).optional(),
});

/** "Authentication code": six digits from the app, or a recovery code. */
export const authenticationCodeSchema = z
  .string({ error: "Enter the code from your authenticator app, or a recovery code." })
  .trim()
  .min(1, "Enter the code from your authenticator app, or a recovery code.")
  .max(64, "That is not a code: enter the 6 digits your app shows, or a recovery code.");

export const registerSchema = z.object({
  fullName: singleLineText({ error: "Enter your full name." }).min(2, "Enter your full name.").max(120, "Use at most 120 characters."),
  email: emailSchema,
  password: passwordSchema,
  // Where the visitor was going (a doctor and a chosen time): kept through sign-in and the emailed confirmation link.
  next: returnPathField,
  // Admins are made by an admin, never by signing up.
  role: z.enum(["patient", "doctor"] as const satisfies readonly Role[], { error: "Choose Patient or Doctor." }),
  // Filled in by the browser; an unknown or missing zone falls back to UTC, shown and changeable later.
  timeZone: z
    .string()
    .optional()
    .transform((zone) => (zone && isValidTimeZone(zone) ? zone : "UTC")),
  // "Where are you?", optional: checked against the places dataset by the service (lib/places/resolve.ts).
  country: countryField,
  region: regionField,
  city: singleLineText()
    .max(100, "Choose a city from the list.")
    .optional()
    .transform((value) => value || null),
});

export const forgotPasswordSchema = z.object({ email: emailSchema });

export const resetPasswordSchema = z.object({
  token: singleLineText().min(10, "This reset link is incomplete. Request a new one.").max(200, "This reset link is not valid. Request a new one."),
  password: passwordSchema,
});

export type RegisterInput = Omit<z.infer<typeof registerSchema>, "timeZone" | "country" | "region" | "city"> & {
  timeZone?: string;
  country?: string | null;
  region?: string | null;
  city?: string | null;
};

export const sessionIdSchema = z.object({ sessionId: z.uuid({ error: "That session does not exist." }) });

/** The emailed 6-digit code, typed with the address it was sent to. */
export const verifyEmailCodeSchema = z.object({
  email: emailSchema,
  code: z
    .string({ error: "Enter the 6-digit code from the email." })
    .transform((value) => value.replace(/\s+/g, ""))
    .pipe(z.string().regex(/^\d{6}$/, "Enter the 6-digit code from the email.")),
  next: returnPathField,
});
