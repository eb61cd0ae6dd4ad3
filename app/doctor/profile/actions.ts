"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions";
import { placeFormChoices, refusePlaceStep } from "@/lib/places/resolve";
import { fileSchema } from "@/lib/storage/uploads";
import { DOCTOR_PROFILE_FIELDS, doctorProfileSchema, formFields } from "@/lib/profiles/schemas";
import { addCertificate, removeCertificate, removeProfilePhoto, saveDoctorProfile, setProfilePhoto } from "@/lib/profiles/service";

// The doctor is whoever the session says (never a form field); the shared
// schema validates; the service writes in one transaction with its audit row.

function refresh(doctorId: string) {
  revalidatePath("/doctor/profile");
  revalidatePath(`/doctors/${doctorId}`);
}

export const saveDoctorProfileAction = action({
  access: ["doctor"],
  schema: doctorProfileSchema,
  fields: (formData) => formFields(formData, DOCTOR_PROFILE_FIELDS),
  invalid: "Some fields need your attention. Nothing was saved.",
  choices: placeFormChoices,
  run: async (profile, { user, db, formData }) => {
    refusePlaceStep(formData);
    await saveDoctorProfile(db, user.id, profile);
    refresh(user.id);
    return "Profile saved.";
  },
});

export const uploadDoctorPhotoAction = action({
  access: ["doctor"],
  schema: z.object({ photo: fileSchema }),
  run: async ({ photo }, { user, db }) => {
    await setProfilePhoto(db, { userId: user.id, role: "doctor", file: photo });
    refresh(user.id);
    return "Photo updated.";
  },
});

export const removeDoctorPhotoAction = action({
  access: ["doctor"],
  schema: z.object({}),
  run: async (_input, { user, db }) => {
    await removeProfilePhoto(db, { userId: user.id, role: "doctor" });
    refresh(user.id);
    return "Photo removed.";
  },
});

export const uploadCertificateAction = action({
  access: ["doctor"],
  schema: z.object({ certificate: fileSchema }),
  run: async ({ certificate: file }, { user, db }) => {
    const certificate = await addCertificate(db, { doctorId: user.id, file });
    revalidatePath("/doctor/profile");
    return `${certificate.originalName} uploaded. An administrator will review it.`;
  },
});

export const removeCertificateAction = action({
  access: ["doctor"],
  schema: z.object({ certificateId: z.uuid({ error: "We could not find that certificate." }) }),
  invalid: "We could not find that certificate.",
  run: async ({ certificateId }, { user, db }) => {
    // A stale row (removed in another tab) refreshes too, so the list stops showing it.
    revalidatePath("/doctor/profile");
    await removeCertificate(db, { doctorId: user.id, certificateId });
    return "Certificate removed.";
  },
});
