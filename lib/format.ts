import type { AppointmentStatus } from "@/lib/vocabulary";

/** Formatting for people: always in a named zone, never the server's. */
export function formatDateTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone }).format(instant);
}

export function formatDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone }).format(instant);
}

export function formatTime(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(instant);
}

export function formatMoney(minor: number, currency: string): string {
  return new Intl.NumberFormat("en-GB", { style: "currency", currency }).format(minor / 100);
}

export const statusLabels = {
  pending_payment: "Awaiting payment",
  confirmed: "Confirmed",
  completed: "Completed",
  cancelled: "Cancelled",
  no_show: "No-show",
} as const satisfies Record<AppointmentStatus, string>;

/** A calendar date ("YYYY-MM-DD", already in the viewer's zone) for people: "Tue 24 Nov". */
export function formatCalendarDate(date: string, style: "short" | "long" = "short"): string {
  const noonUtc = new Date(`${date}T12:00:00Z`);
  return new Intl.DateTimeFormat(
    "en-GB",
    style === "short"
      ? { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }
      : { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" },
  ).format(noonUtc);
}
