import { formatDateTime, formatTimeZone } from "@/lib/format";

/** A zone as people say it ("Berlin time (UTC+1)"), its IANA id in the tooltip. `at`: the instant whose offset applies (now by default). */
export function ZoneName({ timeZone, at }: { timeZone: string; at?: Date }) {
  return <span title={timeZone}>{formatTimeZone(timeZone, at)}</span>;
}

/** "Tue 15 Dec 2026, 10:30 Berlin time (UTC+1)", the offset being the one at that instant. */
export function DateTimeInZone({ instant, timeZone }: { instant: Date; timeZone: string }) {
  return (
    <>
      {formatDateTime(instant, timeZone)} <ZoneName timeZone={timeZone} at={instant} />
    </>
  );
}
