import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { CalendarView } from "@/components/calendar/calendar-view";
import { UpcomingList } from "@/components/calendar/upcoming-list";
import { WeekAgenda } from "@/components/calendar/week-agenda";
import { PageHeading } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { requireRole } from "@/lib/auth/guards";
import { loadCalendarWeek, loadUpcomingWeek } from "@/lib/availability/calendar-service";
import { quietWeekendDays } from "@/lib/availability/calendar-grid-time";
import { ZoneName } from "@/components/ui/zone-name";

export const metadata: Metadata = { title: "Calendar" };

export default async function DoctorCalendarPage({ searchParams }: { searchParams: Promise<{ week?: string | string[] }> }) {
  const doctor = await requireRole("doctor");
  const { week: requested } = await searchParams;
  const db = getDb();
  const now = new Date();
  const [{ timeZone, appointments }, shown] = await Promise.all([loadUpcomingWeek(db, doctor.id, now), loadCalendarWeek(db, doctor.id, { requested, now })]);
  return (
    <>
      <PageHeading
        title="Calendar"
        subtitle={
          <>
            Your appointments and open hours, on your clock in <ZoneName timeZone={timeZone} />.
          </>
        }
      />
      <div className="flex flex-col gap-6">
        {shown?.week.refused ? <Notice tone="warning">{shown.week.refused} This week is shown instead.</Notice> : null}
        {/* The grid opens on today (a phone's day view too) unless a week was asked for. */}
        <CalendarView
          timeZone={timeZone}
          initialDate={requested && !shown?.week.refused ? shown?.week.start : undefined}
          initialQuietDays={quietWeekendDays(shown?.data)}
        />
        {/* Without JavaScript the grid cannot run: the same week, as a list with links. */}
        {shown ? (
          <noscript>
            <WeekAgenda week={shown.week} data={shown.data} />
          </noscript>
        ) : null}
        <UpcomingList appointments={appointments} timeZone={timeZone} />
      </div>
    </>
  );
}
