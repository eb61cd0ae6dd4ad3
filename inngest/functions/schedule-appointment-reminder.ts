import { getDb } from "@/lib/db";
import { getAppSettings } from "@/db/queries/settings";
import { reminderSendAt } from "@/lib/booking/rules";
import { sendReminder } from "@/lib/notifications/appointments";
import { textReminder } from "@/lib/notifications/sms/appointments";
import { inngest } from "../client";
import { appointmentBooked, appointmentCancelled, appointmentConfirmed, appointmentRescheduled } from "../events";

/**
 * One reminder per visit, at start − the admin's lead time (or earlier/none
 * for late bookings: the reminderSendAt rule). Cancelled while asleep when the
 * visit is cancelled or moved; and since cancelOn cannot stop
 * a step already running, the sending step re-reads the appointment and sends
 * only if it is still confirmed at the planned start.
 */
export const scheduleAppointmentReminder = inngest.createFunction(
  {
    id: "schedule-appointment-reminder",
    name: "Appointment reminder",
    triggers: [appointmentBooked, appointmentRescheduled, appointmentConfirmed],
    // One run per visit and start time: a hold's "booked" and its later "confirmed" make one reminder.
    idempotency: "event.data.appointmentId + '/' + event.data.startsAt",
    cancelOn: [
      { event: appointmentCancelled, match: "data.appointmentId" },
      // A move creates a new appointment; the old one's reminder stops, the new one gets its own run.
      { event: appointmentRescheduled, if: "async.data.previousAppointmentId == event.data.appointmentId" },
    ],
  },
  async ({ event, step }) => {
    const { appointmentId, startsAt } = event.data;
    const plan = await step.run("plan-reminder", async () => {
      const { reminderLeadMinutes } = await getAppSettings(getDb());
      // A lead time of zero switches reminders off.
      if (reminderLeadMinutes === 0) return { sendAt: null, leadMinutes: 0 };
      const bookedAt = new Date(event.ts ?? Date.now());
      const sendAt = reminderSendAt({ startsAt: new Date(startsAt), bookedAt, leadMinutes: reminderLeadMinutes });
      return { sendAt: sendAt?.toISOString() ?? null, leadMinutes: reminderLeadMinutes };
    });
    if (!plan.sendAt) return { appointmentId, sendAt: null, reminder: { outcome: "skipped", reason: "no reminder for this booking" } };

    await step.sleepUntil("wait-for-reminder-time", new Date(plan.sendAt));
    const reminder = await step.run("send-reminder", () => sendReminder(getDb(), { appointmentId, plannedStartsAt: startsAt, now: new Date() }));
    // Its own step, so a text that fails is retried without sending the email again; the same rule decides.
    const reminderSms = await step.run("send-reminder-sms", () => textReminder(getDb(), { appointmentId, plannedStartsAt: startsAt, now: new Date() }));
    return { appointmentId, sendAt: plan.sendAt, reminder, reminderSms };
  },
);
