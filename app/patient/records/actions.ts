"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { userWithRole } from "@/lib/auth/guards";
import { failure, type ActionResult } from "@/lib/errors";
import { deleteRecord, shareRecord, unshareRecord, uploadRecord } from "@/lib/records/service";

export type RecordFormState = ActionResult | null;

const SIGNED_OUT = "Please sign in again as a patient.";

/** An empty file input still posts a nameless, empty File: that means "nothing chosen". */
function chosenFile(value: FormDataEntryValue | null): File | null {
  return value instanceof File && (value.size > 0 || value.name !== "") ? value : null;
}

function done(message: string): RecordFormState {
  revalidatePath("/patient/records");
  return { ok: true, message };
}

export async function uploadRecordAction(_previous: RecordFormState, formData: FormData): Promise<RecordFormState> {
  const patient = await userWithRole("patient");
  if (!patient) return failure(SIGNED_OUT);
  const file = formData.get("file");
  const title = String(formData.get("title") ?? "");
  const recordType = String(formData.get("recordType") ?? "");
  const result = await runService(() => uploadRecord(getDb(), { id: patient.id, role: "patient" }, { title, recordType, file: chosenFile(file) }));
  if (!result.ok) return { ...result, values: { title, recordType } };
  return done(`"${result.title}" uploaded. Only you can see it until you share it with a doctor.`);
}

export async function deleteRecordAction(_previous: RecordFormState, formData: FormData): Promise<RecordFormState> {
  const patient = await userWithRole("patient");
  if (!patient) return failure(SIGNED_OUT);
  const result = await runService(() => deleteRecord(getDb(), { id: patient.id, role: "patient" }, { recordId: formData.get("recordId") }));
  if (!result.ok) return result;
  revalidatePath("/patient/records");
  // The document leaves the list, so the confirmation is shown at the top of the page.
  redirect("/patient/records?notice=deleted");
}

export async function shareRecordAction(_previous: RecordFormState, formData: FormData): Promise<RecordFormState> {
  const patient = await userWithRole("patient");
  if (!patient) return failure(SIGNED_OUT);
  const result = await runService(() => shareRecord(getDb(), { id: patient.id, role: "patient" }, { recordId: formData.get("recordId"), appointmentId: formData.get("appointmentId") }));
  return result.ok ? done(result.shared ? "Shared. The doctor can open it from that appointment." : "It was already shared on that appointment.") : result;
}

export async function unshareRecordAction(_previous: RecordFormState, formData: FormData): Promise<RecordFormState> {
  const patient = await userWithRole("patient");
  if (!patient) return failure(SIGNED_OUT);
  const result = await runService(() => unshareRecord(getDb(), { id: patient.id, role: "patient" }, { recordId: formData.get("recordId"), appointmentId: formData.get("appointmentId") }));
  return result.ok ? done(result.unshared ? "No longer shared. The doctor cannot open it any more." : "It was not shared on that appointment.") : result;
}
