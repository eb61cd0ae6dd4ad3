import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { CalendarView } from "@/components/calendar/calendar-view";
import { UpcomingList } from "@/components/calendar/upcoming-list";
import { PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { loadUpcomingWeek } from "@/lib/availability/calendar-service";
import { ZoneName } from "@/components/ui/zone-name";

export const metadata: Metadata = { title: "Calendar" };

export default async function DoctorCalendarPage() {
  const doctor = await requireRole("doctor");
  const { timeZone, appointments } = await loadUpcomingWeek(getDb(), doctor.id, new Date());
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
        <CalendarView timeZone={timeZone} />
        <UpcomingList appointments={appointments} timeZone={timeZone} />
      </div>
    </>
  );
}
