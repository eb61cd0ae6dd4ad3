import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { getDb } from "@/lib/db";
import { OverrideForm } from "@/components/availability/override-form";
import { OverrideList } from "@/components/availability/override-list";
import { SchedulingSettingsForm } from "@/components/availability/scheduling-settings-form";
import { WeeklyHoursForm } from "@/components/availability/weekly-hours-form";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { loadAvailability } from "@/lib/availability/service";
import { timeZoneOptions } from "@/lib/availability/time-zones";
import { formatDate } from "@/lib/format";
import { ZoneName } from "@/components/ui/zone-name";

export const metadata: Metadata = { title: "Availability" };

/** A calendar date for people, e.g. "Thu, 12 Mar 2026": noon UTC names the same date in UTC. */
function dateLabel(date: string): string {
  return formatDate(new Date(`${date}T12:00:00Z`), "UTC");
}

export default async function DoctorAvailabilityPage() {
  const doctor = await requireRole("doctor");
  const availability = await loadAvailability(getDb(), doctor.id, new Date());
  if (!availability) notFound();
  const { settings, weekly, overrides, today } = availability;
  return (
    <>
      <PageHeading
        title="Availability"
        subtitle={
          <>
            Hours are on your clock in{" "}
            <strong className="font-semibold text-slate-800">
              <ZoneName timeZone={settings.timeZone} />
            </strong>
            . You can also drag hours on the{" "}
            <Link href="/doctor/calendar" className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline">
              calendar
            </Link>
            .
          </>
        }
      />
      <div className="flex flex-col gap-6">
        <Card title="Weekly hours">
          <WeeklyHoursForm initial={weekly} />
        </Card>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title="Date overrides">
            <p className="mb-4 text-sm text-slate-600">Holidays, a late start, an extra Saturday: an override replaces that date&apos;s weekly hours.</p>
            <OverrideForm today={today} />
          </Card>
          <Card title="Upcoming overrides">
            <OverrideList overrides={overrides.map((override) => ({ ...override, label: dateLabel(override.date) }))} />
          </Card>
        </div>
        <Card title="Booking settings">
          <SchedulingSettingsForm values={settings} timeZones={timeZoneOptions(settings.timeZone)} />
        </Card>
      </div>
    </>
  );
}
