// FormData → the plain objects the availability schemas read. Shared by the
// client (to check before sending) and the actions, so both see the same shape.
// Input names are the schema paths ("days.0.ranges.1.startTime"), which is
// also how errors come back, keyed to the field that caused them.

type Fields = Pick<FormData, "get" | "getAll"> & { keys(): Iterable<string> };

const RANGE_KEY = /^(?:days\.(\d)\.)?ranges\.(\d{1,3})\.(startTime|endTime)$/;

function text(formData: Fields, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}

/**
 * Ranges in the order of their index; a half-filled range keeps "" so the
 * schema can point at it. A range with neither time is no range: the empty row
 * a form without JavaScript offers for adding one, or a range cleared to remove it.
 */
function collectRanges(formData: Fields, day: string | undefined): { startTime: string; endTime: string }[] {
  const byIndex = new Map<number, { startTime: string; endTime: string }>();
  for (const key of new Set(formData.keys())) {
    const match = RANGE_KEY.exec(key);
    if (!match || match[1] !== day) continue;
    const index = Number(match[2]);
    const range = byIndex.get(index) ?? { startTime: "", endTime: "" };
    range[match[3] as "startTime" | "endTime"] = text(formData, key) ?? "";
    byIndex.set(index, range);
  }
  return [...byIndex.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, range]) => range)
    .filter((range) => range.startTime.trim() !== "" || range.endTime.trim() !== "");
}

export function weeklyHoursFromFormData(formData: Fields) {
  return { days: Array.from({ length: 7 }, (_, day) => ({ ranges: collectRanges(formData, String(day)) })) };
}

export function dateOverrideFromFormData(formData: Fields) {
  return { date: text(formData, "date") ?? "", kind: text(formData, "kind"), ranges: collectRanges(formData, undefined) };
}

export function schedulingSettingsFromFormData(formData: Fields) {
  return {
    slotMinutes: text(formData, "slotMinutes"),
    bufferMinutes: text(formData, "bufferMinutes"),
    minimumNoticeHours: text(formData, "minimumNoticeHours"),
    bookingHorizonDays: text(formData, "bookingHorizonDays"),
    timeZone: text(formData, "timeZone"),
    // An unticked checkbox is simply absent from a posted form.
    acceptingBookings: formData.get("acceptingBookings") !== null,
  };
}
