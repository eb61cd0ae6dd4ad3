import { buttonClasses } from "@/components/ui/button";
import { patientChangeAllowed, type PatientChangePolicy } from "@/lib/booking/rules";
import type { AppointmentStatus } from "@/lib/vocabulary";

/**
 * "Reschedule" and "Cancel appointment" for the patient, as plain GET forms to
 * their pages; inside the cancellation window they are shown disabled with the
 * reason (the grace period just after booking allows them whatever the
 * window). Nothing for a visit that is over or cancelled.
 */
export function ChangeActions({
  appointment,
  now,
  policy,
}: {
  appointment: { id: string; status: AppointmentStatus; startsAt: Date; bookedAt: Date; rescheduledFromId: string | null };
  now: Date;
  policy: PatientChangePolicy;
}) {
  if (appointment.status !== "confirmed" && appointment.status !== "pending_payment") return null;
  const rule = patientChangeAllowed(appointment, now, policy);
  if (!rule.allowed) {
    return (
      <div className="flex flex-col gap-1">
        <div className="flex flex-wrap gap-2">
          <button type="button" disabled aria-describedby={`locked-${appointment.id}`} className={buttonClasses("secondary")}>
            Reschedule
          </button>
          <button type="button" disabled aria-describedby={`locked-${appointment.id}`} className={buttonClasses("secondary")}>
            Cancel appointment
          </button>
        </div>
        <p id={`locked-${appointment.id}`} className="max-w-xs text-xs text-slate-600">
          {rule.reason}
        </p>
      </div>
    );
  }
  return (
    <div className="flex flex-wrap gap-2">
      {appointment.status === "confirmed" ? (
        <form method="get" action={`/patient/appointments/${appointment.id}/reschedule`}>
          <button type="submit" className={buttonClasses("secondary")}>
            Reschedule
          </button>
        </form>
      ) : null}
      <form method="get" action={`/patient/appointments/${appointment.id}/cancel`}>
        <button type="submit" className={buttonClasses("secondary")}>
          Cancel appointment
        </button>
      </form>
    </div>
  );
}
