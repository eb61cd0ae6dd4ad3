import "server-only";
import type { Db } from "@/db/client";
import { getPatientProfileForEdit } from "@/db/queries/profiles";
import { AppError, parseInput } from "@/lib/errors";
import { patientProfileSchema } from "@/lib/profiles/schemas";
import { savePatientProfile } from "@/lib/profiles/service";
import type { ApiCaller } from "./authenticate";

// GET/PATCH /me over the profile service, with the profile form's schema.

/** The API's field names beside the profile form's. */
const FIELDS = {
  full_name: "fullName",
  phone: "phone",
  date_of_birth: "dateOfBirth",
  gender: "gender",
  country: "country",
  region: "region",
  city: "city",
  latitude: "latitude",
  longitude: "longitude",
  time_zone: "timeZone",
  allergies: "allergies",
  chronic_conditions: "chronicConditions",
  current_medications: "currentMedications",
  blood_type: "bloodType",
  emergency_contact_name: "emergencyContactName",
  emergency_contact_phone: "emergencyContactPhone",
} as const;
type ApiField = keyof typeof FIELDS;

export async function meView(db: Db, caller: ApiCaller) {
  const base = { id: caller.id, email: caller.email, full_name: caller.name, role: caller.role, email_verified: caller.emailVerified };
  if (caller.role !== "patient") return { ...base, profile: null };
  const row = await getPatientProfileForEdit(db, caller.id);
  const p = row?.profile;
  return {
    ...base,
    full_name: row?.fullName ?? caller.name,
    profile: {
      phone: p?.phone ?? null,
      date_of_birth: p?.dateOfBirth ?? null,
      gender: p?.gender ?? null,
      country: p?.countryCode ?? null,
      region: p?.regionCode ?? null,
      city: p?.city ?? null,
      latitude: p?.latitude ?? null,
      longitude: p?.longitude ?? null,
      time_zone: p?.timeZone ?? "UTC",
      allergies: p?.allergies ?? null,
      chronic_conditions: p?.chronicConditions ?? null,
      current_medications: p?.currentMedications ?? null,
      blood_type: p?.bloodType ?? null,
      emergency_contact_name: p?.emergencyContactName ?? null,
      emergency_contact_phone: p?.emergencyContactPhone ?? null,
    },
  };
}

/** Merges the change into the current profile, as the form would send it whole, and saves it through the profile service. */
export async function patchMe(db: Db, caller: ApiCaller, change: Partial<Record<ApiField, string | number | null>>) {
  const current = (await meView(db, caller)) as { full_name: string; profile: Record<string, string | number | null> };
  const merged: Record<string, string> = {};
  for (const [apiName, formName] of Object.entries(FIELDS) as [ApiField, string][]) {
    const value = apiName in change ? change[apiName] : apiName === "full_name" ? current.full_name : current.profile[apiName];
    merged[formName] = value === null || value === undefined ? "" : String(value);
  }
  let input;
  try {
    input = parseInput(patientProfileSchema, merged);
  } catch (error) {
    if (!(error instanceof AppError) || !error.fieldErrors) throw error;
    const byFormName = Object.fromEntries(Object.entries(FIELDS).map(([api, form]) => [form, api]));
    const renamed = Object.fromEntries(Object.entries(error.fieldErrors).map(([name, messages]) => [byFormName[name] ?? name, messages]));
    throw new AppError("invalid_input", error.message, renamed);
  }
  await savePatientProfile(db, caller.id, input);
  return meView(db, { ...caller, name: input.fullName });
}
