import { z } from "zod";
import { passwordSchema } from "@/lib/auth/password-policy";
import { isSupportedTimeZone } from "@/lib/availability/time-zones";
import { countryField, regionField } from "@/lib/places/schema";
import { multiLineText, singleLineText } from "@/lib/validation/text";

// Shared by the profile forms (browser, instant messages) and the actions
// (server, the real check). Empty inputs mean "not given": optional fields
// become null so a cleared field clears the column.

const optionalText = (max: number, label: string, options: { multiLine?: boolean } = {}) =>
  (options.multiLine ? multiLineText() : singleLineText())
    .max(max, `${label} must be at most ${max.toLocaleString("en-GB")} characters.`)
    .transform((value) => (value === "" ? null : value));

const optionalNumber = (label: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .transform((value, ctx) => {
      if (value === "") return null;
      const parsed = /^-?\d+(\.\d+)?$/.test(value) ? Number(value) : Number.NaN;
      if (!Number.isFinite(parsed) || parsed < min || parsed > max) {
        ctx.addIssue({ code: "custom", message: `${label} must be a number from ${min} to ${max}.` });
        return z.NEVER;
      }
      return parsed;
    });

const PHONE = /^\+?[0-9][0-9 ()./-]{5,24}$/;
export const optionalPhone = z
  .string()
  .trim()
  .refine((value) => value === "" || PHONE.test(value), "Enter a phone number with digits only, e.g. +49 30 1234567.")
  .transform((value) => (value === "" ? null : value));

/** Latitude and longitude come together or not at all; no geocoding service is asked. */
function coordinatesTogether<T extends { latitude: number | null; longitude: number | null }>(value: T, ctx: z.RefinementCtx) {
  if ((value.latitude === null) !== (value.longitude === null)) {
    const missing = value.latitude === null ? "latitude" : "longitude";
    ctx.addIssue({ code: "custom", path: [missing], message: "Enter both latitude and longitude, or neither." });
  }
}

export const CURRENCIES = [
  "EUR",
  "GBP",
  "USD",
  "CAD",
  "AUD",
  "CHF",
  "INR",
  "JPY",
  "SEK",
  "NOK",
  "DKK",
  "PLN",
  "CZK",
  "NZD",
  "ZAR",
  "BRL",
  "MXN",
  "SGD",
  "AED",
] as const;
export const MAX_LANGUAGES = 10;

export const doctorProfileSchema = z
  .object({
    specializationId: z.uuid("Choose your specialization from the list."),
    yearsExperience: z
      .string()
      .trim()
      .regex(/^\d{1,2}$/, "Enter whole years, from 0 to 70.")
      .transform(Number)
      .refine((n) => n <= 70, "Enter whole years, from 0 to 70."),
    clinicName: optionalText(120, "Clinic or hospital name"),
    price: z
      .string()
      .trim()
      .regex(/^\d{1,6}([.,]\d{1,2})?$/, "Enter the price like 60 or 60.50.")
      .transform((value) => Math.round(Number(value.replace(",", ".")) * 100))
      .refine((minor) => minor <= 10_000_000, "That price is too high."),
    currency: z.enum(CURRENCIES, { error: "Choose a currency from the list." }),
    bio: optionalText(2000, "Your bio", { multiLine: true }).transform((value) => value ?? ""),
    languages: singleLineText()
      .max(400, "List at most 10 languages.")
      .transform((value, ctx) => {
        const list = [
          ...new Set(
            value
              .split(",")
              .map((item) => item.trim())
              .filter(Boolean),
          ),
        ];
        if (list.length > MAX_LANGUAGES) ctx.addIssue({ code: "custom", message: `List at most ${MAX_LANGUAGES} languages.` });
        if (list.some((item) => item.length > 40)) ctx.addIssue({ code: "custom", message: "Each language must be at most 40 characters." });
        return list;
      }),
    address: optionalText(200, "Clinic address"),
    country: countryField,
    region: regionField,
    city: optionalText(100, "City"),
    latitude: optionalNumber("Latitude", -90, 90),
    longitude: optionalNumber("Longitude", -180, 180),
  })
  .superRefine(coordinatesTogether);

export type DoctorProfileInput = z.infer<typeof doctorProfileSchema>;

export const GENDERS = [
  { value: "", label: "Prefer not to say" },
  { value: "female", label: "Female" },
  { value: "male", label: "Male" },
  { value: "non-binary", label: "Non-binary" },
  { value: "other", label: "Other" },
] as const;

export const BLOOD_TYPES = ["A+", "A-", "B+", "B-", "AB+", "AB-", "O+", "O-"] as const;

/** "YYYY-MM-DD", a real calendar date, not in the future, not before 1900. */
function validBirthDate(value: string, today: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value && value >= "1900-01-01" && value <= today;
}

export const patientProfileSchema = z
  .object({
    fullName: singleLineText().min(2, "Enter your full name.").max(120, "Use at most 120 characters."),
    phone: optionalPhone,
    dateOfBirth: z
      .string()
      .trim()
      .refine((value) => value === "" || validBirthDate(value, new Date().toISOString().slice(0, 10)), "Enter a real date of birth, not in the future.")
      .transform((value) => (value === "" ? null : value)),
    gender: z.enum(["", "female", "male", "non-binary", "other"], { error: "Choose one of the options." }).transform((value) => (value === "" ? null : value)),
    country: countryField,
    region: regionField,
    city: optionalText(100, "City"),
    latitude: optionalNumber("Latitude", -90, 90),
    longitude: optionalNumber("Longitude", -180, 180),
    timeZone: z.string().trim().refine(isSupportedTimeZone, "Choose a time zone from the list."),
    allergies: optionalText(1000, "Allergies", { multiLine: true }),
    chronicConditions: optionalText(1000, "Chronic conditions", { multiLine: true }),
    currentMedications: optionalText(1000, "Current medications", { multiLine: true }),
    bloodType: z.enum(["", ...BLOOD_TYPES], { error: "Choose a blood type from the list." }).transform((value) => (value === "" ? null : value)),
    emergencyContactName: optionalText(120, "Emergency contact name"),
    emergencyContactPhone: optionalPhone,
  })
  .superRefine(coordinatesTogether);

export type PatientProfileInput = z.infer<typeof patientProfileSchema>;

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "Enter your current password.").max(256),
    newPassword: passwordSchema,
    confirmPassword: z.string(),
  })
  .superRefine((value, ctx) => {
    if (value.confirmPassword !== value.newPassword)
      ctx.addIssue({ code: "custom", path: ["confirmPassword"], message: "The two new passwords do not match." });
  });

/** The named fields of a form, as strings ("" when absent), for the schemas above. */
export function formFields(formData: FormData, names: readonly string[]): Record<string, string> {
  return Object.fromEntries(names.map((name) => [name, String(formData.get(name) ?? "")]));
}

export const DOCTOR_PROFILE_FIELDS = [
  "specializationId",
  "yearsExperience",
  "clinicName",
  "price",
  "currency",
  "bio",
  "languages",
  "address",
  "country",
  "region",
  "city",
  "latitude",
  "longitude",
] as const;
export const PATIENT_PROFILE_FIELDS = [
  "fullName",
  "phone",
  "dateOfBirth",
  "gender",
  "country",
  "region",
  "city",
  "latitude",
  "longitude",
  "timeZone",
  "allergies",
  "chronicConditions",
  "currentMedications",
  "bloodType",
  "emergencyContactName",
  "emergencyContactPhone",
] as const;
