import { createEvent, type EventAttributes } from "ics";
import type { EmailAttachment } from "./mailer";

export interface CalendarEntry {
  /** Stable for the whole reschedule chain, so calendars update one entry. */
  uid: string;
  /** Grows with every change of the entry; a calendar ignores a lower one. */
  sequence: number;
  method: "REQUEST" | "CANCEL";
  startsAt: Date;
  endsAt: Date;
  title: string;
  description: string;
  location?: string;
  url?: string;
  organizer: { name: string; email: string };
  attendee: { name: string; email: string };
}

/** The calendar UID of an appointment chain, from its first appointment's id. */
export function calendarUid(rootAppointmentId: string): string {
  return `${rootAppointmentId}@careslot`;
}

/**
 * An iCalendar file for one visit. Times are written in UTC (DTSTART…Z), so
 * every calendar shows them in its owner's zone and daylight saving cannot
 * shift them.
 */
export function buildCalendarFile(entry: CalendarEntry): string {
  const attributes: EventAttributes = {
    uid: entry.uid,
    sequence: entry.sequence,
    method: entry.method,
    status: entry.method === "CANCEL" ? "CANCELLED" : "CONFIRMED",
    productId: "careslot/appointments",
    start: entry.startsAt.getTime(),
    startInputType: "utc",
    startOutputType: "utc",
    end: entry.endsAt.getTime(),
    endInputType: "utc",
    endOutputType: "utc",
    title: entry.title,
    description: entry.description,
    location: entry.location,
    url: entry.url,
    busyStatus: entry.method === "CANCEL" ? "FREE" : "BUSY",
    organizer: { name: entry.organizer.name, email: entry.organizer.email },
    attendees: [{ name: entry.attendee.name, email: entry.attendee.email, rsvp: false, partstat: "ACCEPTED", role: "REQ-PARTICIPANT" }],
  };
  const { error, value } = createEvent(attributes);
  if (error || !value) throw error ?? new Error("could not build the calendar file");
  return value;
}

export function calendarAttachment(entry: CalendarEntry): EmailAttachment {
  return {
    filename: entry.method === "CANCEL" ? "cancelled-appointment.ics" : "appointment.ics",
    content: buildCalendarFile(entry),
    contentType: `text/calendar; method=${entry.method}; charset=UTF-8`,
  };
}
