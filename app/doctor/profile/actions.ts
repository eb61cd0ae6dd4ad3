"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { userWithRole } from "@/lib/auth/guards";
import { failure, fieldErrorsOf } from "@/lib/errors";
import { DOCTOR_PROFILE_FIELDS, doctorProfileSchema, formFields } from "@/lib/profiles/schemas";
import { addCertificate, removeCertificate, removeProfilePhoto, saveDoctorProfile, setProfilePhoto } from "@/lib/profiles/service";
import type { ProfileFormState } from "@/components/profiles/form-kit";

// Thin: the doctor is whoever the session says (never a form field); the
// shared schema validates; the service writes in one transaction with its audit row.

const SIGNED_OUT = "Your session has ended. Sign in again as a doctor to change your profile.";

function refresh(doctorId: string) {
  revalidatePath("/doctor/profile");
  revalidatePath(`/doctors/${doctorId}`);
}

export async function saveDoctorProfileAction(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const doctor = await userWithRole("doctor");
  if (!doctor) return failure(SIGNED_OUT);
  const raw = formFields(formData, DOCTOR_PROFILE_FIELDS);
  const parsed = doctorProfileSchema.safeParse(raw);
  if (!parsed.success) return failure("Some fields need your attention. Nothing was saved.", fieldErrorsOf(parsed.error), raw);
  const result = await runService(async () => {
    await saveDoctorProfile(getDb(), doctor.id, parsed.data);
    return { message: "Profile saved." };
  });
  if (result.ok) refresh(doctor.id);
  return result.ok ? result : { ...result, values: raw };
}

export async function uploadDoctorPhotoAction(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const doctor = await userWithRole("doctor");
  if (!doctor) return failure(SIGNED_OUT);
  const file = formData.get("photo");
  const result = await runService(async () => {
    await setProfilePhoto(getDb(), { userId: doctor.id, role: "doctor", file: file instanceof File ? file : null });
    return { message: "Photo updated." };
  });
  if (result.ok) refresh(doctor.id);
  return result;
}

export async function removeDoctorPhotoAction(): Promise<ProfileFormState> {
  const doctor = await userWithRole("doctor");
  if (!doctor) return failure(SIGNED_OUT);
  const result = await runService(async () => {
    await removeProfilePhoto(getDb(), { userId: doctor.id, role: "doctor" });
    return { message: "Photo removed." };
  });
  if (result.ok) refresh(doctor.id);
  return result;
}

export async function uploadCertificateAction(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const doctor = await userWithRole("doctor");
  if (!doctor) return failure(SIGNED_OUT);
  const file = formData.get("certificate");
  const result = await runService(async () => {
    const certificate = await addCertificate(getDb(), { doctorId: doctor.id, file: file instanceof File ? file : null });
    return { message: `${certificate.originalName} uploaded. An administrator will review it.` };
  });
  if (result.ok) revalidatePath("/doctor/profile");
  return result;
}

export async function removeCertificateAction(_previous: ProfileFormState, formData: FormData): Promise<ProfileFormState> {
  const doctor = await userWithRole("doctor");
  if (!doctor) return failure(SIGNED_OUT);
  const parsed = z.uuid().safeParse(formData.get("certificateId"));
  if (!parsed.success) return failure("We could not find that certificate.");
  const result = await runService(async () => {
    await removeCertificate(getDb(), { doctorId: doctor.id, certificateId: parsed.data });
    return { message: "Certificate removed." };
  });
  if (result.ok || result.code === "not_found") revalidatePath("/doctor/profile");
  return result;
}
