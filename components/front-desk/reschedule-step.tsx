import type { ReactNode } from "react";
import { Notice } from "@/components/ui/notice";
import { FrontDeskSlotStep, type FrontDeskSlots } from "./slot-step";

/** A staff reschedule's body: only a confirmed visit moves; the free times exclude the visit itself. */
export function StaffRescheduleStep({
  status,
  slots,
  basePath,
  patientTimeZone,
  form,
}: {
  status: string;
  slots: FrontDeskSlots | null;
  basePath: string;
  patientTimeZone: string;
  form: (startsAt: string, summary: string) => ReactNode;
}) {
  if (status !== "confirmed") return <Notice tone="warning">Only confirmed appointments can be rescheduled.</Notice>;
  if (!slots) return <Notice tone="warning">This doctor takes no bookings on Careslot.</Notice>;
  return <FrontDeskSlotStep slots={slots} basePath={basePath} patientTimeZone={patientTimeZone} form={form} />;
}
