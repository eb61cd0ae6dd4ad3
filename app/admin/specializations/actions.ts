"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { adminFromSession, SIGNED_OUT } from "@/lib/admin/session";
import { createSpecialization, deleteSpecialization, renameSpecialization } from "@/lib/admin/specializations";
import { failure, type ActionResult } from "@/lib/errors";

export type SpecializationFormState = ActionResult | null;

function done(message: string): SpecializationFormState {
  revalidatePath("/admin/specializations");
  return { ok: true, message };
}

export async function createSpecializationAction(_previous: SpecializationFormState, formData: FormData): Promise<SpecializationFormState> {
  const admin = await adminFromSession();
  if (!admin) return failure(SIGNED_OUT);
  const name = String(formData.get("name") ?? "");
  const result = await runService(() => createSpecialization(getDb(), admin, { name }));
  return result.ok ? done(`"${result.name}" added.`) : { ...result, values: { name } };
}

export async function renameSpecializationAction(_previous: SpecializationFormState, formData: FormData): Promise<SpecializationFormState> {
  const admin = await adminFromSession();
  if (!admin) return failure(SIGNED_OUT);
  const name = String(formData.get("name") ?? "");
  const result = await runService(() => renameSpecialization(getDb(), admin, { id: String(formData.get("id") ?? ""), name }));
  return result.ok ? done(`Renamed to "${result.name}".`) : { ...result, values: { name } };
}

export async function deleteSpecializationAction(_previous: SpecializationFormState, formData: FormData): Promise<SpecializationFormState> {
  const admin = await adminFromSession();
  if (!admin) return failure(SIGNED_OUT);
  const result = await runService(() => deleteSpecialization(getDb(), admin, { id: String(formData.get("id") ?? "") }));
  if (!result.ok) return result;
  revalidatePath("/admin/specializations");
  redirect("/admin/specializations?notice=deleted");
}
