import { ZoneName } from "@/components/ui/zone-name";
/** Says in which zone times are shown and where the doctor is, so nobody arrives an hour early. */
export function TimeZoneNote({ viewerTimeZone, doctorTimeZone }: { viewerTimeZone: string; doctorTimeZone: string }) {
  return (
    <p className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-800">
      {viewerTimeZone === doctorTimeZone ? (
        <>
          Times are shown in{" "}
          <strong>
            <ZoneName timeZone={viewerTimeZone} />
          </strong>
          , the doctor&apos;s time zone and yours.
        </>
      ) : (
        <>
          Times are shown in your time zone,{" "}
          <strong>
            <ZoneName timeZone={viewerTimeZone} />
          </strong>
          . The doctor works in{" "}
          <strong>
            <ZoneName timeZone={doctorTimeZone} />
          </strong>
          .
        </>
      )}
    </p>
  );
}
