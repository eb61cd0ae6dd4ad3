"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { jsonAction } from "@/lib/actions";
import { dateOverrideSchema } from "@/lib/availability/schemas";
import { saveDateOverride } from "@/lib/availability/service";

/** The calendar's drop: a date and its full list of ranges, none left meaning closed. */
const dateHoursSchema = z
  .object({ date: z.unknown(), ranges: z.array(z.unknown()).catch([]) })
  .transform(({ date, ranges }) => (ranges.length === 0 ? { date, kind: "closed" } : { date, kind: "custom", ranges }))
  .pipe(dateOverrideSchema);

/**
 * A block dragged or resized on the calendar: that date's full list of ranges
 * becomes its override (no ranges left = closed). The input is untrusted JSON
 * from the browser, parsed with the same schema as the form.
 */
export const saveDateHoursAction = jsonAction({
  access: ["doctor"],
  schema: dateHoursSchema,
  nestedFields: true,
  invalid: "Some fields need your attention. Nothing was saved.",
  run: async (override, { user, db, now }) => {
    const saved = await saveDateOverride(db, user.id, override, now);
    revalidatePath("/doctor/availability");
    revalidatePath("/doctor/calendar");
    return saved;
  },
});
