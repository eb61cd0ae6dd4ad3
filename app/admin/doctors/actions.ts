"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { approveDoctor, rejectDoctor } from "@/lib/admin/doctors";
import { adminFromSession, SIGNED_OUT } from "@/lib/admin/session";
import { failure, type ActionResult } from "@/lib/errors";

export type VerificationFormState = ActionResult | null;

export async function approveDoctorAction(_previous: VerificationFormState, formData: FormData): Promise<VerificationFormState> {
  const admin = await adminFromSession();
  if (!admin) return failure(SIGNED_OUT);
  const result = await runService(() => approveDoctor(getDb(), admin, { doctorId: String(formData.get("doctorId") ?? "") }, new Date()));
  if (!result.ok) return result;
  revalidatePath("/doctors");
  redirect(`/admin/doctors?status=${formData.get("view") === "rejected" ? "rejected" : "pending"}&notice=approved`);
}

export async function rejectDoctorAction(_previous: VerificationFormState, formData: FormData): Promise<VerificationFormState> {
  const admin = await adminFromSession();
  if (!admin) return failure(SIGNED_OUT);
  const reason = String(formData.get("reason") ?? "");
  const result = await runService(() => rejectDoctor(getDb(), admin, { doctorId: String(formData.get("doctorId") ?? ""), reason }));
  if (!result.ok) return { ...result, values: { reason } };
  revalidatePath("/doctors");
  redirect(`/admin/doctors?status=${formData.get("view") === "verified" ? "verified" : "pending"}&notice=rejected`);
}
