import Link from "next/link";
import { Fact, Facts } from "@/components/ui/facts";
import { mapSearchUrl } from "@/lib/booking/calendar-links";
import { DateTimeInZone } from "@/components/ui/zone-name";
import { place } from "@/lib/notifications/appointments";
import type { ReactNode } from "react";

export interface VisitForFacts {
  doctorId: string;
  doctorName: string;
  specialization: string | null;
  startsAt: Date;
  doctorTimeZone: string;
  patientTimeZone: string;
  clinicName: string | null;
  address: string | null;
  city: string | null;
  reason: string | null;
}

/** Who, where (with a map link), when in the patient's zone and the doctor's, and why. */
export function VisitFacts({ visit, payment }: { visit: VisitForFacts; payment?: ReactNode }) {
  const where = place(visit);
  return (
    <Facts>
      <Fact label="Doctor">
        <Link href={`/doctors/${visit.doctorId}`} className="text-brand-700 underline">
          {visit.doctorName}
        </Link>
        {visit.specialization ? ` · ${visit.specialization}` : ""}
      </Fact>
      <Fact label="When">
        <DateTimeInZone instant={visit.startsAt} timeZone={visit.patientTimeZone} />
      </Fact>
      {visit.doctorTimeZone !== visit.patientTimeZone ? (
        <Fact label="Doctor's local time">
          <DateTimeInZone instant={visit.startsAt} timeZone={visit.doctorTimeZone} />
        </Fact>
      ) : null}
      <Fact label="Where">
        <ClinicPlace where={where} />
      </Fact>
      <Fact label="Reason">{visit.reason || "—"}</Fact>
      {payment ? <Fact label="Payment">{payment}</Fact> : null}
    </Facts>
  );
}

/** The clinic's address with a link to it on a map. */
export function ClinicPlace({ where }: { where: string | null }) {
  if (!where) return <>The doctor has not given an address yet.</>;
  return (
    <>
      {where}{" "}
      <a href={mapSearchUrl(where)} target="_blank" rel="noopener noreferrer" className="whitespace-nowrap text-brand-700 underline">
        Open map<span className="sr-only"> of {where} (opens in a new tab)</span>
      </a>
    </>
  );
}
