"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { action } from "@/lib/actions";
import { signOut } from "@/lib/auth";
import { deletePatientAccount } from "@/lib/privacy/deletion";
import { deleteAccountSchema } from "@/lib/privacy/schemas";
import { PATIENT_PROFILE_FIELDS, formFields, patientProfileSchema } from "@/lib/profiles/schemas";
import { removeProfilePhoto, savePatientProfile, setProfilePhoto } from "@/lib/profiles/service";
import { placeFormChoices, refusePlaceStep } from "@/lib/places/resolve";
import { fileSchema } from "@/lib/storage/uploads";

// The patient is whoever the session says; ids in the form are never trusted.

export const savePatientProfileAction = action({
  access: ["patient"],
  schema: patientProfileSchema,
  fields: (formData) => formFields(formData, PATIENT_PROFILE_FIELDS),
  invalid: "Some fields need your attention. Nothing was saved.",
  choices: placeFormChoices,
  run: async (profile, { user, db, formData }) => {
    refusePlaceStep(formData);
    await savePatientProfile(db, user.id, profile);
    revalidatePath("/patient/profile");
    return "Profile saved.";
  },
});

export const uploadPatientPhotoAction = action({
  access: ["patient"],
  schema: z.object({ photo: fileSchema }),
  run: async ({ photo }, { user, db }) => {
    await setProfilePhoto(db, { userId: user.id, role: "patient", file: photo });
    revalidatePath("/patient/profile");
    return "Photo updated.";
  },
});

export const removePatientPhotoAction = action({
  access: ["patient"],
  schema: z.object({}),
  run: async (_input, { user, db }) => {
    await removeProfilePhoto(db, { userId: user.id, role: "patient" });
    revalidatePath("/patient/profile");
    return "Photo removed.";
  },
});

/**
 * "Delete my account": the password (under the sign-in lockout) and the typed
 * confirmation, then lib/privacy/deletion.ts does the rest. The sessions are
 * already revoked in the erasing transaction; signing out also drops this
 * browser's cookie on the way to the page that says it is done.
 */
export const deleteAccountAction = action({
  access: ["patient"],
  schema: deleteAccountSchema,
  invalid: "Please correct the highlighted fields. Your account was not deleted.",
  run: async ({ password }, { user, db, now }) => {
    await deletePatientAccount(db, { patientId: user.id, password }, now);
    await signOut({ redirectTo: "/account-deleted" });
  },
});
