// "Add to calendar" links for one visit: Google Calendar's and Outlook's own
// event templates, filled from the appointment. Times go as UTC instants, so
// each calendar shows them in its owner's zone.

export interface CalendarEvent {
  title: string;
  startsAt: Date;
  endsAt: Date;
  details: string;
  location?: string | null;
}

/** 20261215T103000Z: the basic ISO 8601 form Google's template wants. */
function basicUtc(instant: Date): string {
  return instant
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

export function googleCalendarUrl(event: CalendarEvent): string {
  const query = new URLSearchParams({
    action: "TEMPLATE",
    text: event.title,
    dates: `${basicUtc(event.startsAt)}/${basicUtc(event.endsAt)}`,
    details: event.details,
  });
  if (event.location) query.set("location", event.location);
  return `https://calendar.google.com/calendar/render?${query}`;
}

export function outlookCalendarUrl(event: CalendarEvent): string {
  const query = new URLSearchParams({
    path: "/calendar/action/compose",
    rru: "addevent",
    subject: event.title,
    startdt: event.startsAt.toISOString(),
    enddt: event.endsAt.toISOString(),
    body: event.details,
  });
  if (event.location) query.set("location", event.location);
  return `https://outlook.live.com/calendar/0/deeplink/compose?${query}`;
}

/** A map search for the clinic's address (OpenStreetMap: no key, no tracking script). */
export function mapSearchUrl(address: string): string {
  return `https://www.openstreetmap.org/search?${new URLSearchParams({ query: address })}`;
}
