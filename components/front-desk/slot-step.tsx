import type { ReactNode } from "react";
import { SlotPicker } from "@/components/booking/slot-picker";
import { Notice } from "@/components/ui/notice";
import { ZoneName } from "@/components/ui/zone-name";
import type { frontDeskSlots } from "@/lib/front-desk/slots";
import { formatCalendarDate, formatTimeZone } from "@/lib/format";

export type FrontDeskSlots = NonNullable<Awaited<ReturnType<typeof frontDeskSlots>>>;

/**
 * The doctor's free times (in the doctor's zone: the front desk works in the
 * clinic's time), with the step's form once a time is chosen. Rendered on the
 * server; the picker is plain GET forms and links.
 */
export function FrontDeskSlotStep({
  slots,
  basePath,
  patientTimeZone,
  taken,
  form,
}: {
  slots: FrontDeskSlots;
  basePath: string;
  patientTimeZone: string;
  taken?: boolean;
  /** The form for the chosen time, given its start and a sentence naming it. */
  form: (startsAt: string, summary: string) => ReactNode;
}) {
  const { panel, zone } = slots;
  const { selected } = panel;
  return (
    <div className="flex flex-col gap-4">
      {taken ? <Notice tone="error">That time was just taken. Nothing was booked; choose another time.</Notice> : null}
      <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800">
        Times are shown in the doctor&apos;s time zone,{" "}
        <strong>
          <ZoneName timeZone={zone} />
        </strong>
        {patientTimeZone !== zone ? (
          <>
            . The patient&apos;s emails give them in{" "}
            <strong>
              <ZoneName timeZone={patientTimeZone} />
            </strong>
          </>
        ) : null}
        .
      </p>
      {panel.anyFree ? null : <Notice tone="warning">The doctor has no free times in the booking window.</Notice>}
      <SlotPicker {...panel} selectedSlot={selected?.startsAt.toISOString()} basePath={basePath} viewerTimeZone={zone} />
      {selected
        ? form(
            selected.startsAt.toISOString(),
            `${formatCalendarDate(selected.viewerDate, "long")} at ${selected.viewerTime} ${formatTimeZone(zone, selected.startsAt)} with ${slots.doctor.fullName}.`,
          )
        : null}
    </div>
  );
}
