import { z } from "zod";
import { changePasswordSchema } from "@/lib/profiles/schemas";
import { operation } from "../operation";

// The caller's own account.

export const meSchema = z
  .object({
    id: z.uuid(),
    email: z.string(),
    full_name: z.string(),
    role: z.enum(["patient", "doctor", "admin"]),
    email_verified: z.boolean(),
    profile: z
      .object({
        phone: z.string().nullable(),
        date_of_birth: z.string().nullable(),
        gender: z.string().nullable(),
        country: z.string().nullable(),
        region: z.string().nullable(),
        city: z.string().nullable(),
        latitude: z.number().nullable(),
        longitude: z.number().nullable(),
        time_zone: z.string(),
        allergies: z.string().nullable(),
        chronic_conditions: z.string().nullable(),
        current_medications: z.string().nullable(),
        blood_type: z.string().nullable(),
        emergency_contact_name: z.string().nullable(),
        emergency_contact_phone: z.string().nullable(),
      })
      .nullable()
      .meta({ description: "A patient's profile; null for doctors and admins (their profiles are edited in the portal)." }),
  })
  .meta({ id: "Me" });

const field = (description: string) => z.string().max(2000).nullable().optional().meta({ description });

/** A patient profile change: only the fields sent change; null or "" clears one. Checked by the profile form's own schema. */
export const patchMeSchema = z
  .object({
    full_name: z.string().max(200).optional(),
    phone: field("Phone number."),
    date_of_birth: field("YYYY-MM-DD."),
    gender: field("female, male, non-binary, other."),
    country: field("ISO country code."),
    region: field("Region code."),
    city: field("City."),
    latitude: z.number().nullable().optional(),
    longitude: z.number().nullable().optional(),
    time_zone: z.string().max(64).optional(),
    allergies: field("Allergies."),
    chronic_conditions: field("Chronic conditions."),
    current_medications: field("Current medications."),
    blood_type: field("A+, A-, B+, B-, AB+, AB-, O+ or O-."),
    emergency_contact_name: field("Emergency contact's name."),
    emergency_contact_phone: field("Emergency contact's phone."),
  })
  .strict()
  .meta({ id: "PatchMe" });

export const changePasswordBody = z
  .object({
    current_password: changePasswordSchema.shape.currentPassword,
    new_password: z.string().min(1).max(256).meta({ description: "Checked by the same password policy as the account page." }),
  })
  .meta({ id: "ChangePassword" });

export const getMe = operation({
  id: "getMe",
  method: "get",
  path: "/me",
  summary: "My account",
  tag: "Me",
  access: "signed-in",
  responses: { 200: { description: "The caller's account.", schema: meSchema } },
});

export const updateMe = operation({
  id: "updateMe",
  method: "patch",
  path: "/me",
  summary: "Change my patient profile",
  tag: "Me",
  access: ["patient"],
  body: patchMeSchema,
  responses: { 200: { description: "The account after the change.", schema: meSchema } },
});

export const changeMyPassword = operation({
  id: "changeMyPassword",
  method: "post",
  path: "/me/password",
  summary: "Change my password",
  description: "Held to the sign-in lockout. Every other sign-in of the account (browsers and API clients) ends; this one stays.",
  tag: "Me",
  access: "signed-in",
  body: changePasswordBody,
  responses: { 204: { description: "Changed." } },
});

export const meOperations = [getMe, updateMe, changeMyPassword];
