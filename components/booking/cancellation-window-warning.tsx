import { Notice } from "@/components/ui/notice";
import { bookingWindowWarning } from "@/lib/booking/window-warning";

/** Told before booking, never after: a time inside the cancellation window can be changed online only during the grace period. */
export async function CancellationWindowWarning({ startsAt }: { startsAt: string }) {
  const instant = new Date(startsAt);
  if (Number.isNaN(instant.getTime())) return null;
  const warning = await bookingWindowWarning(instant, new Date());
  return warning ? <Notice tone="warning">{warning}</Notice> : null;
}
