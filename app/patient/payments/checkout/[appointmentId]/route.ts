import { redirect } from "next/navigation";
import { getDb } from "@/lib/db";
import { userWithRole } from "@/lib/auth/guards";
import { AppError } from "@/lib/errors";
import { requestLogger } from "@/lib/logger";
import { appointmentPagePath, openCheckout } from "@/lib/payments/checkout";
import { appointmentPaymentSchema } from "@/lib/payments/schemas";

export const dynamic = "force-dynamic";

/**
 * "Continue to payment": a plain link, so it works without JavaScript and is
 * not a form submission (the CSP's form-action keeps forms on our own site).
 * It reopens the appointment's Checkout Session (the same one while it is
 * open: the idempotency key comes from the appointment) and sends the patient
 * there. Only the patient who holds the appointment gets anywhere.
 */
export async function GET(_request: Request, { params }: { params: Promise<{ appointmentId: string }> }) {
  const { appointmentId } = await params;
  const patient = await userWithRole("patient");
  if (!patient) redirect(`/login?next=${encodeURIComponent(`/patient/payments/checkout/${appointmentId}`)}`);
  const parsed = appointmentPaymentSchema.safeParse({ appointmentId });
  if (!parsed.success) return Response.json({ error: "That appointment does not exist." }, { status: 404 });
  let url: string;
  try {
    url = (await openCheckout(getDb(), { appointmentId: parsed.data.appointmentId, patientId: patient.id }, new Date())).url;
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") return Response.json({ error: error.message }, { status: 404 });
    // Already paid, released, or Stripe unreachable: the appointment page tells which.
    if (!(error instanceof AppError)) (await requestLogger()).error({ appointmentId, err: error }, "checkout not reopened");
    redirect(`${appointmentPagePath(parsed.data.appointmentId)}${error instanceof AppError ? "" : "?checkout=error"}`);
  }
  redirect(url);
}
