"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { userWithRole } from "@/lib/auth/guards";
import { failure, fieldErrorsOf } from "@/lib/errors";
import { PATIENT_PROFILE_FIELDS, changePasswordSchema, formFields, patientProfileSchema } from "@/lib/profiles/schemas";
import { changePassword, removeProfilePhoto, savePatientProfile, setProfilePhoto } from "@/lib/profiles/service";
import { currentSessionId } from "@/lib/profiles/session";
import type { ProfileFormState } from "@/components/profiles/form-kit";

// The patient is whoever the session says; ids in the form are never trusted.

const SIGNED_OUT = "Your session has ended. Sign in again to change your profile.";

export async function savePatientProfileAction(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const patient = await userWithRole("patient");
  if (!patient) return failure(SIGNED_OUT);
  const raw = formFields(formData, PATIENT_PROFILE_FIELDS);
  const parsed = patientProfileSchema.safeParse(raw);
  if (!parsed.success) return failure("Some fields need your attention. Nothing was saved.", fieldErrorsOf(parsed.error), raw);
  const result = await runService(async () => {
    await savePatientProfile(getDb(), patient.id, parsed.data);
    return { message: "Profile saved." };
  });
  if (result.ok) revalidatePath("/patient/profile");
  return result.ok ? result : { ...result, values: raw };
}

export async function uploadPatientPhotoAction(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const patient = await userWithRole("patient");
  if (!patient) return failure(SIGNED_OUT);
  const file = formData.get("photo");
  const result = await runService(async () => {
    await setProfilePhoto(getDb(), { userId: patient.id, role: "patient", file: file instanceof File ? file : null });
    return { message: "Photo updated." };
  });
  if (result.ok) revalidatePath("/patient/profile");
  return result;
}

export async function removePatientPhotoAction(): Promise<ProfileFormState> {
  const patient = await userWithRole("patient");
  if (!patient) return failure(SIGNED_OUT);
  const result = await runService(async () => {
    await removeProfilePhoto(getDb(), { userId: patient.id, role: "patient" });
    return { message: "Photo removed." };
  });
  if (result.ok) revalidatePath("/patient/profile");
  return result;
}

/** Passwords are never sent back to the form, not even on a refusal. */
export async function changePasswordAction(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const patient = await userWithRole("patient");
  if (!patient) return failure(SIGNED_OUT);
  const parsed = changePasswordSchema.safeParse({
    currentPassword: String(formData.get("currentPassword") ?? ""),
    newPassword: String(formData.get("newPassword") ?? ""),
    confirmPassword: String(formData.get("confirmPassword") ?? ""),
  });
  if (!parsed.success) return failure("Please correct the highlighted field.", fieldErrorsOf(parsed.error));
  const keepSessionId = await currentSessionId();
  const result = await runService(async () => {
    const { endedSessions } = await changePassword(getDb(), { userId: patient.id, keepSessionId, ...parsed.data }, new Date());
    const others = endedSessions === 0 ? "" : ` ${endedSessions} other ${endedSessions === 1 ? "session was" : "sessions were"} signed out.`;
    return { message: `Password changed.${others}` };
  });
  return result;
}
