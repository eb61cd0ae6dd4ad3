"use server";

import { revalidatePath } from "next/cache";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { bulkCancelAppointments } from "@/lib/admin/appointments";
import { adminFromSession, SIGNED_OUT } from "@/lib/admin/session";
import { failure, type ActionResult } from "@/lib/errors";

export type BulkCancelState = ActionResult<{ failures?: string[] }> | null;

export async function bulkCancelAction(_previous: BulkCancelState, formData: FormData): Promise<BulkCancelState> {
  const admin = await adminFromSession();
  if (!admin) return failure(SIGNED_OUT);
  const reason = String(formData.get("reason") ?? "");
  const result = await runService(() => bulkCancelAppointments(getDb(), admin, { appointmentIds: formData.getAll("appointmentIds").map(String), reason }, new Date()));
  if (!result.ok) return { ...result, values: { reason } };
  revalidatePath("/admin/appointments");
  const failures = result.outcomes.flatMap((o) => (o.ok ? [] : [o.message]));
  const message = `${result.cancelled === 1 ? "1 appointment" : `${result.cancelled} appointments`} cancelled; each patient and doctor will be told${result.cancelled ? ", and refunds follow the policy" : ""}.`;
  if (failures.length) return { ok: false, message: `${message} ${failures.length} could not be cancelled: ${[...new Set(failures)].join(" ")}`, values: { reason } };
  return { ok: true, message };
}
