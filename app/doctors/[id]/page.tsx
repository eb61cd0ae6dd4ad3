import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb, getReadDb } from "@/lib/db";
import { BookingForm } from "@/components/booking/booking-form";
import { DoctorProfileCard } from "@/components/profiles/doctor-profile-card";
import { ReviewsSection } from "@/components/reviews/reviews-section";
import { BookingBar } from "@/components/booking/booking-bar";
import { SlotPicker } from "@/components/booking/slot-picker";
import { SIGN_IN_TO_BOOK_FORM_ID, SignInToBookForm } from "@/components/booking/sign-in-to-book-form";
import { readReasonDraft } from "@/lib/booking/reason-draft";
import { TimeZoneNote } from "@/components/booking/time-zone-note";
import { Card } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { currentUser, type CurrentUser } from "@/lib/auth/guards";
import { bookingClosedReason } from "@/lib/booking/slot-input";
import { freeSlotDays, viewerTimeZoneFor } from "@/lib/booking/slot-view";
import { slotPanel, zonedDate } from "@/lib/booking/slot-week";
import { getDoctorForRequest, loadDoctorPublicData } from "@/lib/profiles/doctor-page";
import { formatCalendarDate, formatMoney, formatTime, formatTimeZone } from "@/lib/format";

type Params = Promise<{ id: string }>;
type Search = Promise<Record<string, string | string[] | undefined>>;

const one = (value: string | string[] | undefined) => (typeof value === "string" ? value : undefined);

async function loadDoctor(id: string) {
  if (!z.uuid().safeParse(id).success) return undefined;
  const doctor = await getDoctorForRequest(id);
  return doctor && doctor.active && doctor.verificationStatus === "verified" ? doctor : undefined;
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const doctor = await loadDoctor((await params).id);
  return { title: doctor ? `${doctor.fullName} — ${doctor.specialization ?? "Doctor"}` : "Doctor not found" };
}

/**
 * A time carried in the URL (a shared link, or back from sign-in) that is no
 * longer on offer: said plainly, instead of silently showing other times.
 */
function lostSlotNotice(requested: string | undefined, offered: unknown, viewerTimeZone: string, now: Date): string | null {
  if (!requested || offered) return null;
  const instant = new Date(requested);
  if (Number.isNaN(instant.getTime())) return null;
  const when = `${formatCalendarDate(zonedDate(instant, viewerTimeZone))}, ${formatTime(instant, viewerTimeZone)}`;
  if (instant.getTime() <= now.getTime()) return `The time you chose, ${when}, has passed. Here are the times that are still free.`;
  return `The time you chose, ${when}, is no longer free. Here are the times that are still free.`;
}

/** Who may book here; a visitor is sent to sign in and back to this very choice (`returnTo`). */
function whoMayBook(user: CurrentUser | null, returnTo: string) {
  if (!user)
    return {
      allowed: false as const,
      message: "Sign in as a patient to book.",
      link: { href: `/login?next=${encodeURIComponent(returnTo)}`, label: "Sign in to book" },
    };
  if (user.role !== "patient") return { allowed: false as const, message: "Only patient accounts can book appointments." };
  if (!user.emailVerified)
    return { allowed: false as const, message: "Confirm your email address to book: use the link we emailed you, or ask for a new one in your portal." };
  return { allowed: true as const };
}

export default async function DoctorPage({ params, searchParams }: { params: Params; searchParams: Search }) {
  const [{ id }, query] = await Promise.all([params, searchParams]);
  const doctor = await loadDoctor(id);
  if (!doctor) notFound();
  // The public page reads the replica when there is one (DATABASE_READ_URL). The visitor's own data comes
  // from the primary, and so do the free times just after a booking was refused as taken (they must show
  // that booking); a booking re-checks its slot on the primary whatever this page showed.
  const db = getDb();
  const publicDb = getReadDb();
  const user = await currentUser();
  const now = new Date();
  const viewerTimeZone = await viewerTimeZoneFor(db, user, one(query.tz), doctor.timeZone);
  const closedReason = bookingClosedReason(doctor);
  const days = closedReason ? [] : await freeSlotDays(query.taken ? db : publicDb, doctor, { viewerTimeZone, now });
  const panel = slotPanel(days, { now, viewerTimeZone, horizonDays: doctor.bookingHorizonDays, date: one(query.date), slot: one(query.slot) });
  const { selected } = panel;
  const lostChoice = closedReason ? null : lostSlotNotice(one(query.slot), selected, viewerTimeZone, now);
  const basePath = `/doctors/${doctor.id}`;
  const choiceQuery = selected ? `?${new URLSearchParams({ date: selected.viewerDate, slot: selected.startsAt.toISOString() })}` : "";
  const eligibility = whoMayBook(user, `${basePath}${choiceQuery}`);
  const choice = selected ? `${formatCalendarDate(selected.viewerDate)}, ${selected.viewerTime}` : null;
  const signInLink = "link" in eligibility ? eligibility.link : undefined;
  const visitorChoosing = Boolean(selected && signInLink && !closedReason);
  const bookingBarAction = eligibility.allowed
    ? { href: "#reason", label: "Book appointment", focusId: "reason" }
    : signInLink
      ? { ...signInLink, formId: visitorChoosing ? SIGN_IN_TO_BOOK_FORM_ID : undefined }
      : undefined;
  const draftReason = selected && eligibility.allowed ? await readReasonDraft(doctor.id) : undefined;
  const { hours, summary, reviews, reported, reviewPages, reviewPage } = await loadDoctorPublicData(publicDb, doctor.id, {
    reviewPage: one(query.reviews),
    viewerId: user?.id,
    viewerDb: db,
  });

  return (
    // On a phone the booking bar is fixed at the bottom: room for it below the reviews.
    <div className={choice ? "pb-20 sm:pb-0" : undefined}>
      <div className="grid gap-6 lg:grid-cols-[1fr_1.4fr]">
        <DoctorProfileCard doctor={doctor} details={doctor} summary={summary} hours={hours} />

        <Card title="Book an appointment">
          <div className="flex flex-col gap-4">
            {query.taken ? <Notice tone="error">That time was just taken by someone else. Here are the times that are still free.</Notice> : null}
            {lostChoice && !query.taken ? <Notice tone="warning">{lostChoice}</Notice> : null}
            {closedReason ? <Notice tone="warning">{closedReason}</Notice> : null}
            <TimeZoneNote viewerTimeZone={viewerTimeZone} doctorTimeZone={doctor.timeZone} />
            {closedReason ? null : (
              <SlotPicker {...panel} selectedSlot={selected?.startsAt.toISOString()} basePath={basePath} viewerTimeZone={viewerTimeZone} />
            )}
            <p role="status" className="sr-only">
              {closedReason ? "" : choice ? `Chosen: ${choice}.` : `${formatCalendarDate(panel.week.date, "long")}: ${panel.slots.length} free times.`}
            </p>
            {selected && eligibility.allowed ? (
              <BookingForm
                patientId={user!.id}
                doctorId={doctor.id}
                startsAt={selected.startsAt.toISOString()}
                summary={`${formatCalendarDate(selected.viewerDate, "long")} at ${selected.viewerTime} ${formatTimeZone(viewerTimeZone, selected.startsAt)}${viewerTimeZone === doctor.timeZone ? "" : ` — ${formatTime(selected.startsAt, doctor.timeZone)} ${formatTimeZone(doctor.timeZone, selected.startsAt)}`}`}
                draftReason={draftReason}
                paymentNote={`Pay at the clinic: ${formatMoney(doctor.priceMinor, doctor.currency)}, due at your visit. Nothing is charged now.`}
              />
            ) : null}
            {visitorChoosing && signInLink ? (
              <SignInToBookForm doctorId={doctor.id} returnTo={`${basePath}${choiceQuery}`} signInHref={signInLink.href} />
            ) : null}
            {!eligibility.allowed && !closedReason && !visitorChoosing ? (
              <Notice tone="info">
                {eligibility.message}{" "}
                {eligibility.link ? (
                  <Link href={eligibility.link.href} className="font-medium underline">
                    {eligibility.link.label}
                  </Link>
                ) : null}
              </Notice>
            ) : null}
            {choice && bookingBarAction ? <BookingBar choice={choice} action={bookingBarAction} /> : null}
          </div>
        </Card>
      </div>
      <ReviewsSection
        summary={summary}
        reviews={reviews}
        reported={reported}
        page={reviewPage}
        pages={reviewPages}
        doctor={doctor}
        viewer={user}
        timeZone={viewerTimeZone}
        basePath={basePath}
      />
    </div>
  );
}
