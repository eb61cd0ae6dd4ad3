"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { action } from "@/lib/actions";
import { createSpecializationSchema, renameSpecializationSchema, specializationIdSchema } from "@/lib/admin/schemas";
import { createSpecialization, deleteSpecialization, renameSpecialization } from "@/lib/admin/specializations";

export const createSpecializationAction = action({
  access: ["admin"],
  schema: createSpecializationSchema,
  run: async (input, { user, db }) => {
    const created = await createSpecialization(db, user, input);
    revalidatePath("/admin/specializations");
    return `"${created.name}" added.`;
  },
});

export const renameSpecializationAction = action({
  access: ["admin"],
  schema: renameSpecializationSchema,
  run: async (input, { user, db }) => {
    const renamed = await renameSpecialization(db, user, input);
    revalidatePath("/admin/specializations");
    return `Renamed to "${renamed.name}".`;
  },
});

export const deleteSpecializationAction = action({
  access: ["admin"],
  schema: specializationIdSchema,
  run: async (input, { user, db }) => {
    await deleteSpecialization(db, user, input);
    revalidatePath("/admin/specializations");
    redirect("/admin/specializations?notice=deleted");
  },
});
