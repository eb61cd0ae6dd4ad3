// For tests that go through the server actions, whose clock is the real one:
// a time a default test doctor (Europe/Berlin, Mon–Fri 09:00–17:00, 2 h
// notice, 60-day horizon) offers, counted from today.

/** Tuesday 10:00 in Berlin, two (plus `weeks`) to three weeks from now, as the slot buttons send it (with its offset). */
export function bookableTuesdayTen(weeks = 0): string {
  const day = new Date(Date.now() + (14 + weeks * 7) * 86_400_000);
  day.setUTCDate(day.getUTCDate() + ((2 - day.getUTCDay() + 7) % 7));
  const date = day.toISOString().slice(0, 10);
  const offset = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/Berlin", timeZoneName: "longOffset" })
    .formatToParts(new Date(`${date}T10:00:00Z`))
    .find((part) => part.type === "timeZoneName")!
    .value.replace("GMT", "");
  return `${date}T10:00:00${offset || "+00:00"}`;
}
