import type { RatingSummary } from "@/lib/vocabulary";
import { Card } from "@/components/ui/card";
import { photoUrl } from "@/lib/profiles/photo-access";
import { formatMoney } from "@/lib/format";
import { Avatar } from "./avatar";
import { ConsultationHours, type HoursRow } from "./consultation-hours";
import { Fact, Facts } from "@/components/ui/facts";
import { ZoneName } from "@/components/ui/zone-name";

interface DoctorProfileCardProps {
  doctor: {
    fullName: string;
    specialization: string | null;
    priceMinor: number;
    currency: string;
    slotMinutes: number;
    clinicName: string | null;
    address: string | null;
    city: string | null;
    timeZone: string;
    bio: string;
    acceptingBookings: boolean;
  };
  details: { languages: string[]; photoKey: string | null; yearsExperience: number } | undefined;
  summary: RatingSummary;
  hours: HoursRow[];
}

/** The public face of a doctor: who, where, for how much, in which languages, and when they work. */
export function DoctorProfileCard({ doctor, details, summary, hours }: DoctorProfileCardProps) {
  // The address often names the city already ("Praxis Mitte, Berlin"): say it once.
  const place =
    doctor.address && doctor.city && !doctor.address.toLowerCase().includes(doctor.city.toLowerCase())
      ? `${doctor.address}, ${doctor.city}`
      : (doctor.address ?? doctor.city ?? "");
  return (
    <div className="flex flex-col gap-6">
      <Card>
        <div className="flex items-start gap-4">
          <Avatar name={doctor.fullName} src={photoUrl(details?.photoKey)} size={96} />
          <div>
            <h1 className="text-2xl font-bold text-slate-900">{doctor.fullName}</h1>
            <p className="text-brand-700">{doctor.specialization}</p>
            {summary.count > 0 && summary.average !== null ? (
              <a href="#reviews" className="text-sm text-slate-700 underline underline-offset-2 hover:no-underline">
                Rated {summary.average.toFixed(1)} out of 5 from {summary.count} {summary.count === 1 ? "review" : "reviews"}
              </a>
            ) : (
              <p className="text-sm text-slate-600">No reviews yet</p>
            )}
          </div>
        </div>
        <Facts className="mt-4">
          <Fact label="Consultation" className="font-medium">
            {formatMoney(doctor.priceMinor, doctor.currency)} · {doctor.slotMinutes} min
          </Fact>
          <Fact label="Experience">{details ? `${details.yearsExperience} ${details.yearsExperience === 1 ? "year" : "years"}` : "—"}</Fact>
          <Fact label="Clinic">{doctor.clinicName ?? "—"}</Fact>
          <Fact label="Address">{place || "—"}</Fact>
          <Fact label="Languages">{details?.languages.length ? details.languages.join(", ") : "—"}</Fact>
          <Fact label="Time zone">
            <ZoneName timeZone={doctor.timeZone} />
          </Fact>
          <Fact label="New bookings">{doctor.acceptingBookings ? "Accepting new bookings" : "Paused for now"}</Fact>
        </Facts>
        {doctor.bio ? <p className="mt-4 whitespace-pre-wrap text-slate-700">{doctor.bio}</p> : null}
      </Card>
      <Card title="Consultation hours">
        <ConsultationHours hours={hours} timeZone={doctor.timeZone} />
      </Card>
    </div>
  );
}
