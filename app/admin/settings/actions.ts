"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { adminFromSession, SIGNED_OUT } from "@/lib/admin/session";
import { saveSettings } from "@/lib/admin/settings";
import { settingsLabels } from "@/lib/admin/schemas";
import { failure, type ActionResult } from "@/lib/errors";

export type SettingsFormState = ActionResult | null;

export async function saveSettingsAction(_previous: SettingsFormState, formData: FormData): Promise<SettingsFormState> {
  const admin = await adminFromSession();
  if (!admin) return failure(SIGNED_OUT);
  const raw = Object.fromEntries(Object.keys(settingsLabels).map((key) => [key, String(formData.get(key) ?? "")]));
  const result = await runService(() => saveSettings(getDb(), admin, raw));
  if (!result.ok) return { ...result, values: raw };
  revalidatePath("/admin/settings");
  return { ok: true, message: result.changed.length ? `Saved: ${result.changed.map((key) => settingsLabels[key].label.toLowerCase()).join(", ")}.` : "Nothing changed." };
}
