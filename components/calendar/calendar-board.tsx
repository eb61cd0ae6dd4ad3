"use client";

import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import dynamic from "next/dynamic";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useMemo, useState, useSyncExternalStore } from "react";
import { Temporal } from "temporal-polyfill";
import { saveDateHoursAction } from "@/app/doctor/calendar/actions";
import { Notice } from "@/components/ui/notice";
import { quietWeekendDays, rangesAfterEdit, visibleHours } from "@/lib/availability/calendar-grid-time";
import type { CalendarData, CalendarRange } from "@/lib/availability/calendar-range";
import { dateOverrideSchema } from "@/lib/availability/schemas";
import type { TimeRange } from "@/lib/scheduling";
import { calendarEvents, statusStyles } from "./calendar-events";
import { ZoneName } from "@/components/ui/zone-name";

// FullCalendar reads `window` while loading, so it never renders on the server.
const CalendarGrid = dynamic(() => import("./calendar-grid"), {
  ssr: false,
  loading: () => <p className="py-24 text-center text-slate-600">Loading calendar…</p>,
});

async function fetchCalendar(range: CalendarRange): Promise<CalendarData> {
  const response = await fetch(`/api/doctor/calendar?start=${range.start}&end=${range.end}`, { headers: { accept: "application/json" } });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? "The calendar could not be loaded.");
  }
  return response.json();
}

interface HoursChange {
  date: string;
  ranges: TimeRange[];
  revert?: () => void;
}

function problemText(message: string, fieldErrors?: Record<string, string[] | undefined>): string {
  return [message, ...Object.values(fieldErrors ?? {}).flatMap((messages) => messages ?? [])].join(" ");
}

const subscribeToNothing = () => () => {};

/** False in the server's HTML and while hydrating, true once React runs in the browser. */
function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribeToNothing,
    () => true,
    () => false,
  );
}

export function CalendarBoard({ timeZone, initialDate, initialQuietDays }: { timeZone: string; initialDate?: string; initialQuietDays?: number[] }) {
  const hydrated = useHydrated();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [range, setRange] = useState<CalendarRange | null>(null);
  const [showCancelled, setShowCancelled] = useState(false);
  const [editing, setEditing] = useState(false);
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string } | null>(null);

  const calendar = useQuery({
    queryKey: ["doctor-calendar", range?.start, range?.end],
    queryFn: () => fetchCalendar(range!),
    enabled: range !== null,
    placeholderData: keepPreviousData,
  });

  const save = useMutation({
    mutationFn: async ({ date, ranges }: HoursChange) => {
      const result = await saveDateHoursAction({ date, ranges });
      if (!result.ok) throw new Error(problemText(result.message, result.fieldErrors));
      return result;
    },
    onSuccess: (_result, change) => setStatus({ tone: "success", text: `Hours for ${change.date} saved as an override for that date.` }),
    onError: (error, change) => {
      change.revert?.();
      setStatus({ tone: "error", text: error.message });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ["doctor-calendar"] }),
  });

  /** Checked with the form's own schema first, so an overlap is refused without a round trip. */
  const saveHours = useCallback(
    (change: HoursChange) => {
      const checked = dateOverrideSchema.safeParse({ date: change.date, kind: "custom", ranges: change.ranges });
      if (!checked.success) {
        change.revert?.();
        setStatus({ tone: "error", text: problemText("Those hours were not saved.", { issues: checked.error.issues.map((i) => i.message) }) });
        return;
      }
      save.mutate(change);
    },
    [save],
  );

  const data = calendar.data;
  const events = useMemo(() => calendarEvents(data, { showCancelled, editing }), [data, showCancelled, editing]);
  const hours = useMemo(() => visibleHours(data), [data]);
  // The server knew the first week's quiet weekend days, so the grid opens with the right columns.
  const quietDays = useMemo(() => quietWeekendDays(data) ?? initialQuietDays ?? [], [data, initialQuietDays]);
  // The grid's "now" is the doctor's wall clock written as UTC, like every event on it.
  const now = useCallback(() => new Date(`${Temporal.Now.plainDateTimeISO(timeZone).toString({ smallestUnit: "second" })}Z`), [timeZone]);

  return (
    // Hidden until scripts run: without them the page lists the week instead (app/doctor/calendar/page.tsx).
    <div className="flex flex-col gap-4" hidden={!hydrated}>
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex flex-wrap gap-4">
          <label className="flex cursor-pointer items-center gap-2 text-sm font-medium text-slate-800">
            <input type="checkbox" checked={showCancelled} onChange={(e) => setShowCancelled(e.target.checked)} className="size-4 accent-brand-700" />
            Show cancelled
          </label>
          <label className="flex cursor-pointer items-center gap-2 text-sm font-medium text-slate-800">
            <input type="checkbox" checked={editing} onChange={(e) => setEditing(e.target.checked)} className="size-4 accent-brand-700" />
            Edit open hours by dragging
          </label>
        </div>
        <ul aria-label="Status colours" className="flex flex-wrap gap-3 text-xs text-slate-700">
          {Object.entries(statusStyles).map(([key, style]) => (
            <li key={key} className="flex items-center gap-1.5">
              <span aria-hidden="true" className="inline-block size-3 rounded-sm border" style={{ background: style.background, borderColor: style.border }} />
              {style.label}
            </li>
          ))}
        </ul>
      </div>
      {editing ? (
        <Notice tone="info">
          Drag a green block to move it, drag its lower edge to change when it ends, or drag across empty time to add hours. Each change is saved as an override
          for that date only; your weekly hours stay as they are.
        </Notice>
      ) : null}
      {status ? <Notice tone={status.tone}>{status.text}</Notice> : null}
      {calendar.isError ? (
        <Notice tone="error">
          {calendar.error.message}{" "}
          <button type="button" onClick={() => calendar.refetch()} className="font-semibold underline underline-offset-2">
            Try again
          </button>
        </Notice>
      ) : null}
      <div
        aria-busy={calendar.isFetching || save.isPending}
        className="careslot-calendar rounded-lg border border-slate-200 bg-white p-3 shadow-sm [--fc-bg-event-opacity:1] [--fc-button-active-bg-color:#115e59] [--fc-button-bg-color:#0f766e] [--fc-button-border-color:#0f766e] [--fc-button-hover-bg-color:#115e59] [--fc-today-bg-color:rgba(250,204,21,0.12)] [&_.fc-bg-event_.fc-event-title]:font-medium! [&_.fc-bg-event_.fc-event-title]:not-italic! [&_.fc-bg-event_.fc-event-title]:text-emerald-950! [&_.fc-header-toolbar]:flex-wrap [&_.fc-header-toolbar]:gap-3 [&_.fc-toolbar-title]:text-xl! [&_.fc-toolbar-title]:font-semibold!"
      >
        <CalendarGrid
          events={events}
          editing={editing}
          slotMinTime={hours.slotMinTime}
          slotMaxTime={hours.slotMaxTime}
          hiddenWeekDays={editing ? [] : quietDays}
          now={now}
          initialDate={initialDate}
          onRangeChange={(next) => setRange((current) => (current?.start === next.start && current.end === next.end ? current : next))}
          onHoursChanged={({ date, index, range: next, revert }) => {
            const day = data?.days.find((d) => d.date === date);
            if (!day) return revert();
            saveHours({ date, ranges: rangesAfterEdit(day, index, next), revert });
          }}
          onHoursAdded={({ date, range: added }) => {
            const day = data?.days.find((d) => d.date === date);
            if (day) saveHours({ date, ranges: [...day.ranges, added] });
          }}
          onOpenAppointment={(href) => router.push(href)}
        />
      </div>
      <p className="text-sm text-slate-600">
        Times on your clock in <ZoneName timeZone={timeZone} />. A Saturday or Sunday with no hours and no visits is left out of the week (editing shows it).
        Prefer the keyboard? Change hours on the{" "}
        <Link href="/doctor/availability" className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline">
          Availability
        </Link>{" "}
        page.
      </p>
    </div>
  );
}
