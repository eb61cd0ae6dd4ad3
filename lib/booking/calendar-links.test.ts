import { describe, expect, it } from "vitest";
import { googleCalendarUrl, mapSearchUrl, outlookCalendarUrl } from "./calendar-links";

const visit = {
  title: "Appointment with Dr. Chidi Okafor",
  // 10:30 in London on a winter day, 45 minutes.
  startsAt: new Date("2026-12-15T10:30:00Z"),
  endsAt: new Date("2026-12-15T11:15:00Z"),
  details: "Careslot appointment. Details: https://careslot.example/patient/appointments/1",
  location: "Harley Heart Clinic, 10 Harley Street, London",
};

describe("calendar links", () => {
  it("Google's template gets the title, UTC start/end in basic form, details and place", () => {
    const url = new URL(googleCalendarUrl(visit));
    expect(url.origin + url.pathname).toBe("https://calendar.google.com/calendar/render");
    expect(url.searchParams.get("action")).toBe("TEMPLATE");
    expect(url.searchParams.get("text")).toBe(visit.title);
    expect(url.searchParams.get("dates")).toBe("20261215T103000Z/20261215T111500Z");
    expect(url.searchParams.get("details")).toBe(visit.details);
    expect(url.searchParams.get("location")).toBe(visit.location);
  });

  it("Outlook's compose deeplink gets ISO instants in UTC", () => {
    const url = new URL(outlookCalendarUrl(visit));
    expect(url.origin + url.pathname).toBe("https://outlook.live.com/calendar/0/deeplink/compose");
    expect(url.searchParams.get("rru")).toBe("addevent");
    expect(url.searchParams.get("subject")).toBe(visit.title);
    expect(url.searchParams.get("startdt")).toBe("2026-12-15T10:30:00.000Z");
    expect(url.searchParams.get("enddt")).toBe("2026-12-15T11:15:00.000Z");
    expect(url.searchParams.get("location")).toBe(visit.location);
  });

  it("leaves the place out when there is none, and maps an address by search", () => {
    expect(new URL(googleCalendarUrl({ ...visit, location: null })).searchParams.has("location")).toBe(false);
    expect(new URL(mapSearchUrl("10 Harley Street, London")).searchParams.get("query")).toBe("10 Harley Street, London");
  });
});
