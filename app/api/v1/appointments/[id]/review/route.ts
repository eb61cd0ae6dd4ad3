import { reviewAppointment } from "@/lib/api/contract/appointments";
import { reviewView } from "@/lib/api/appointments";
import { preflight } from "@/lib/api/cors";
import { created, handle } from "@/lib/api/handler";
import { createReview } from "@/lib/reviews/service";

export const POST = handle(reviewAppointment, async ({ params, body }, { db, caller, now }) => {
  const review = await createReview(db, { patientId: caller.id, appointmentId: params.id, rating: body.rating, body: body.body }, now);
  return created(reviewView(review), `/api/v1/me/reviews`);
});

export const OPTIONS = preflight;
