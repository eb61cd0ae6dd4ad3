// Booking rules: small pure decisions the booking service runs inside its
// transaction. `now` is always passed in, so every boundary is testable.
// Reasons are written for the patient: safe to show as they are.

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;

export type RuleDecision = { allowed: true } | { allowed: false; reason: string };

const hours = (n: number) => `${n} ${n === 1 ? "hour" : "hours"}`;

/**
 * A patient may cancel or reschedule while now <= startsAt − windowHours;
 * exactly at the cut-off is still allowed, so a "24 hours" policy means what a
 * patient reading it expects. The clinic side is not bound by this window.
 */
export function cancellationAllowed(startsAt: Date, now: Date, windowHours: number): RuleDecision {
  if (!Number.isFinite(windowHours) || windowHours < 0) throw new RangeError("windowHours must be ≥ 0");
  if (now.getTime() <= startsAt.getTime() - windowHours * HOUR_MS) return { allowed: true };
  if (now.getTime() >= startsAt.getTime()) {
    return { allowed: false, reason: "This appointment has already started, so it can no longer be changed." };
  }
  return {
    allowed: false,
    reason: `Appointments can be cancelled or rescheduled up to ${hours(windowHours)} before the start.`,
  };
}

/** The two settings that bound a patient's own changes (cancel, reschedule). */
export interface PatientChangePolicy {
  cancellationWindowHours: number;
  bookingGraceMinutes: number;
}

/**
 * When the grace period of an appointment began: the moment the patient booked
 * it. A visit that came from a reschedule gets no fresh grace (null), or a
 * patient could keep moving a visit inside the window, one grace at a time.
 */
export function graceStartOf(appointment: { bookedAt: Date; rescheduledFromId: string | null }): Date | null {
  return appointment.rescheduledFromId ? null : appointment.bookedAt;
}

/** The end of the grace period, or null when there is none (0 minutes, or a rescheduled visit). */
export function graceEndsAt(bookedAt: Date | null, graceMinutes: number): Date | null {
  if (!Number.isFinite(graceMinutes) || graceMinutes < 0) throw new RangeError("graceMinutes must be ≥ 0");
  if (!bookedAt || graceMinutes === 0) return null;
  return new Date(bookedAt.getTime() + graceMinutes * MINUTE_MS);
}

/** Within the grace period: booked no more than graceMinutes ago (the last minute included). */
export function withinBookingGrace(bookedAt: Date | null, now: Date, graceMinutes: number): boolean {
  const ends = graceEndsAt(bookedAt, graceMinutes);
  return ends !== null && now.getTime() <= ends.getTime();
}

/**
 * What a patient may do to their own visit: cancel or reschedule before the
 * cancellation window, or, just after booking, within the grace period
 * whatever the window says, so a slip of the finger can be undone. Never
 * once the visit has started.
 */
export function patientChangeAllowed(
  appointment: { startsAt: Date; bookedAt: Date; rescheduledFromId: string | null },
  now: Date,
  policy: PatientChangePolicy,
): RuleDecision {
  const byWindow = cancellationAllowed(appointment.startsAt, now, policy.cancellationWindowHours);
  if (byWindow.allowed || now.getTime() >= appointment.startsAt.getTime()) return byWindow;
  if (withinBookingGrace(graceStartOf(appointment), now, policy.bookingGraceMinutes)) return { allowed: true };
  return byWindow;
}

/**
 * The rule told before booking, when the chosen time already lies inside the
 * cancellation window (null when it does not): after booking, the visit can be
 * changed online only during the grace period.
 */
export function insideWindowWarning(startsAt: Date, now: Date, policy: PatientChangePolicy): string | null {
  if (cancellationAllowed(startsAt, now, policy.cancellationWindowHours).allowed) return null;
  const opening = `This visit starts within ${hours(policy.cancellationWindowHours)}`;
  if (policy.bookingGraceMinutes === 0) return `${opening}: after booking it cannot be changed online.`;
  return `${opening}: after booking it can be changed online only in the next ${minutes(policy.bookingGraceMinutes)}`;
}

const minutes = (n: number) => `${n} ${n === 1 ? "minute" : "minutes"}`;

export interface BookingCaps {
  maxActiveAppointmentsPerPatient: number;
  maxActiveAppointmentsPerPatientPerDoctor: number;
}

const appointmentCount = (n: number) => `${n} upcoming ${n === 1 ? "appointment" : "appointments"}`;

/**
 * One patient cannot hold a doctor's whole day: a new booking is refused once
 * the patient already holds the cap of active future appointments (confirmed,
 * or held with time left to pay) with this doctor, or in all. `held` counts
 * them before the new one; a rescheduled appointment is left out of it.
 */
export function bookingCapAllows(held: { total: number; withDoctor: number }, caps: BookingCaps): RuleDecision {
  if (held.withDoctor >= caps.maxActiveAppointmentsPerPatientPerDoctor) {
    const cap = caps.maxActiveAppointmentsPerPatientPerDoctor;
    return {
      allowed: false,
      reason: `You can hold at most ${appointmentCount(cap)} with the same doctor, and you already have ${held.withDoctor}. Cancel one, or book again after a visit.`,
    };
  }
  if (held.total >= caps.maxActiveAppointmentsPerPatient) {
    const cap = caps.maxActiveAppointmentsPerPatient;
    return {
      allowed: false,
      reason: `You can hold at most ${appointmentCount(cap)} at a time, and you already have ${held.total}. Cancel one, or book again after a visit.`,
    };
  }
  return { allowed: true };
}

/** A no-show can only be recorded once the start has passed (strictly after it). */
export function noShowAllowed(startsAt: Date, now: Date): RuleDecision {
  if (now.getTime() > startsAt.getTime()) return { allowed: true };
  return { allowed: false, reason: "A no-show can only be recorded after the appointment has started." };
}

/** A visit can be marked completed once it has begun, not ahead of time. */
export function completionAllowed(startsAt: Date, now: Date): RuleDecision {
  if (now.getTime() >= startsAt.getTime()) return { allowed: true };
  return { allowed: false, reason: "A visit can only be marked completed once it has started." };
}

/** A reminder closer than this to the start is noise rather than help. */
export const MINIMUM_REMINDER_LEAD_MINUTES = 120;

/**
 * When to send the reminder. Normally startsAt − leadMinutes. If the booking
 * was made after that moment, a reminder at booking time would be pointless
 * (the patient just booked), so it goes at the midpoint between booking and
 * start — but only if that is still at least 2 hours before the start;
 * otherwise there is no reminder at all (null).
 */
export function reminderSendAt(input: { startsAt: Date; bookedAt: Date; leadMinutes: number }): Date | null {
  const { startsAt, bookedAt, leadMinutes } = input;
  if (!Number.isFinite(leadMinutes) || leadMinutes < 0) throw new RangeError("leadMinutes must be ≥ 0");
  const start = startsAt.getTime();
  const usual = start - leadMinutes * MINUTE_MS;
  if (bookedAt.getTime() <= usual) return new Date(usual);
  const midpoint = bookedAt.getTime() + Math.floor((start - bookedAt.getTime()) / 2);
  return start - midpoint >= MINIMUM_REMINDER_LEAD_MINUTES * MINUTE_MS ? new Date(midpoint) : null;
}
