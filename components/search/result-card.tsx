import Link from "next/link";
import { Avatar } from "@/components/profiles/avatar";
import { RatingLine } from "@/components/reviews/stars";
import { photoUrl } from "@/lib/profiles/photo-access";
import type { SearchResult } from "@/lib/search/service";
import { formatCalendarDate, formatMoney, formatTimeZone } from "@/lib/format";

function distanceText(km: number): string {
  return km < 10 ? `${km.toFixed(1)} km away` : `${Math.round(km)} km away`;
}

/**
 * One doctor in the results; the name is THE link to their page (its accessible name is the doctor's name).
 * Its links are not prefetched: a page of results would otherwise ask the server for two dynamic
 * pages per doctor in view while the visitor reads, and the browser would decode them all (TBT).
 */
export function ResultCard({ result, viewerTimeZone }: { result: SearchResult; viewerTimeZone: string | null }) {
  const { doctor, rating, firstSlot } = result;
  const href = `/doctors/${doctor.id}`;
  return (
    <article aria-labelledby={`doctor-${doctor.id}`} className="flex gap-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
      <Avatar name={doctor.fullName} src={photoUrl(doctor.photoKey)} size={72} />
      <div className="flex min-w-0 flex-1 flex-col gap-1">
        <h2 className="text-lg font-semibold">
          <Link id={`doctor-${doctor.id}`} href={href} prefetch={false} className="text-brand-700 underline-offset-2 hover:underline">
            {doctor.fullName}
          </Link>
        </h2>
        <p className="text-slate-800">{doctor.specialization ?? "Doctor"}</p>
        <p className="text-sm text-slate-700">
          {doctor.city ?? "City not given"}
          {doctor.distanceKm !== null ? ` · ${distanceText(doctor.distanceKm)}` : ""} · {formatMoney(doctor.priceMinor, doctor.currency)} per visit
        </p>
        <RatingLine rating={rating} />
        <p className="text-sm">
          {firstSlot ? (
            <Link
              href={`${href}?slot=${encodeURIComponent(firstSlot.startsAt.toISOString())}`}
              prefetch={false}
              className="font-medium text-emerald-800 underline underline-offset-2 hover:no-underline"
            >
              {/* Without a known zone for the visitor, the doctor's own clock is the honest one to show. */}
              {viewerTimeZone
                ? `Next free: ${formatCalendarDate(firstSlot.viewerDate)} at ${firstSlot.viewerTime}`
                : `Next free: ${formatCalendarDate(firstSlot.doctorDate)} at ${firstSlot.doctorTime} ${formatTimeZone(doctor.timeZone, firstSlot.startsAt)}`}
            </Link>
          ) : (
            <span className="text-slate-600">{doctor.acceptingBookings ? "No free times in the booking window" : "Not accepting new bookings"}</span>
          )}
        </p>
      </div>
    </article>
  );
}
