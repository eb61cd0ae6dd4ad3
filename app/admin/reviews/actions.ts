"use server";

import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { getDb } from "@/db";
import { runService } from "@/lib/actions";
import { adminFromSession, SIGNED_OUT } from "@/lib/admin/session";
import { failure, type ActionResult } from "@/lib/errors";
import { hideReview, resolveReviewReports, restoreReview } from "@/lib/reviews/moderation";

export type ModerationFormState = ActionResult | null;

const views = new Set(["reported", "recent", "hidden"]);

/** The review may leave the queue it was in, so the confirmation is shown at the top of the page. */
function done(formData: FormData, notice: "hidden" | "restored" | "dismissed"): never {
  revalidatePath("/doctors", "layout");
  const view = String(formData.get("view") ?? "");
  redirect(`/admin/reviews?view=${views.has(view) ? view : "reported"}&notice=${notice}`);
}

export async function moderateReviewAction(_previous: ModerationFormState, formData: FormData): Promise<ModerationFormState> {
  const admin = await adminFromSession();
  if (!admin) return failure(SIGNED_OUT);
  const reason = String(formData.get("reason") ?? "");
  const input = { reviewId: String(formData.get("reviewId") ?? ""), reason };
  const hide = formData.get("decision") === "hide";
  const result = await runService(() => (hide ? hideReview : restoreReview)(getDb(), admin, input, new Date()));
  if (!result.ok) return { ...result, values: { reason } };
  done(formData, hide ? "hidden" : "restored");
}

export async function resolveReportsAction(_previous: ModerationFormState, formData: FormData): Promise<ModerationFormState> {
  const admin = await adminFromSession();
  if (!admin) return failure(SIGNED_OUT);
  const result = await runService(() => resolveReviewReports(getDb(), admin, { reviewId: String(formData.get("reviewId") ?? "") }, new Date()));
  if (!result.ok) return result;
  done(formData, "dismissed");
}
