import { RetryAfterError } from "inngest";
import { getDb } from "@/lib/db";
import { getAppointmentForNotice } from "@/db/queries/appointments";
import { releaseLapsedHolds } from "@/lib/payments/holds";
import { inngest } from "../client";
import { appointmentBooked, appointmentCancelled, appointmentConfirmed } from "../events";

/**
 * A booking held for payment keeps its slot only until hold_expires_at. This
 * run sleeps until then and releases it, unless the payment arrived: the
 * confirmation event stops the sleeping run, and releaseLapsedHolds is a
 * compare-and-set under the row lock, so a webhook confirming at the last
 * moment still wins. (Bookings release lapsed holds in their way without
 * waiting for this job.)
 */
export const expirePaymentHold = inngest.createFunction(
  {
    id: "expire-payment-hold",
    name: "Release an unpaid hold",
    triggers: [appointmentBooked],
    cancelOn: [
      { event: appointmentConfirmed, match: "data.appointmentId" },
      { event: appointmentCancelled, match: "data.appointmentId" },
    ],
  },
  async ({ event, step }) => {
    const { appointmentId } = event.data;
    const hold = await step.run("read-hold", async () => {
      const appointment = await getAppointmentForNotice(getDb(), appointmentId);
      if (!appointment || appointment.status !== "pending_payment" || !appointment.holdExpiresAt) return null;
      return { doctorId: appointment.doctorId, holdExpiresAt: appointment.holdExpiresAt.toISOString() };
    });
    if (!hold) return { appointmentId, released: false, reason: "not held for payment" };

    await step.sleepUntil("wait-for-hold-expiry", new Date(hold.holdExpiresAt));
    return step.run("release-expired-hold", async () => {
      const db = getDb();
      const now = new Date();
      // Scoped to the doctor: frees this hold and any other lapsed one blocking the same calendar.
      await releaseLapsedHolds(db, now, { doctorId: hold.doctorId });
      const after = await getAppointmentForNotice(db, appointmentId);
      if (after?.status === "pending_payment" && after.holdExpiresAt && after.holdExpiresAt > now) {
        // Woken early (clock skew) or the hold was extended: come back when it really ends.
        throw new RetryAfterError("the hold has not expired yet", after.holdExpiresAt);
      }
      const released = after?.status === "cancelled" && after.cancelledBy === "system";
      return { appointmentId, released, status: after?.status ?? "missing" };
    });
  },
);
