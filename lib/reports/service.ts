import "server-only";
import type { Db } from "@/db/client";
import { insertAuditEntry } from "@/db/queries/audit";
import {
  aggregateAppointments,
  aggregateMoney,
  aggregateRatings,
  aggregateWeekdays,
  listReportableDoctors,
  lockReportMonth,
  replaceMonthReports,
  type ReportRow,
} from "@/db/queries/reports";
import { AppError } from "@/lib/errors";
import { buildFigures } from "./figures";
import { isFutureMonth, monthSchema, monthToDate } from "./month";
import { requireActiveAdmin, type Actor } from "@/lib/admin/actor";

export interface GeneratedReports {
  month: string;
  systemReportId: string;
  /** `active`: the doctor had visits or reviews this month, so the report is worth announcing. */
  doctorReports: { id: string; doctorId: string; active: boolean }[];
}

type Scope = "doctor" | "system";

async function aggregatesFor(db: Db, scope: Scope, monthDate: string) {
  const [appointments, weekdays, money, ratings] = await Promise.all([
    aggregateAppointments(db, scope, monthDate),
    aggregateWeekdays(db, scope, monthDate),
    aggregateMoney(db, scope, monthDate),
    aggregateRatings(db, scope, monthDate),
  ]);
  const key = (id: string | null) => id ?? "system";
  const group = <T extends { doctor_id: string | null }>(rows: T[]) => {
    const map = new Map<string, T[]>();
    for (const row of rows) map.set(key(row.doctor_id), [...(map.get(key(row.doctor_id)) ?? []), row]);
    return map;
  };
  return { appointments: group(appointments), weekdays: group(weekdays), money: group(money), ratings: group(ratings) };
}

/**
 * Computes and stores one month's reports: one per doctor (in the doctor's
 * zone) and one system-wide (UTC). Running it again replaces the month, in
 * one transaction, serialised per month by an advisory lock.
 */
/** Computes and stores a month's reports: for the monthly job ("system") or an admin, re-checked here as an active admin. */
export async function generateMonthlyReports(db: Db, input: { month: string; now: Date; actor: Actor | "system" }): Promise<GeneratedReports> {
  const admin = input.actor === "system" ? null : await requireActiveAdmin(db, input.actor);
  const parsed = monthSchema.safeParse(input.month);
  if (!parsed.success) throw new AppError("invalid_input", "Choose a month, for example 2030-03.", { month: ["Choose a month, for example 2030-03."] });
  const month = parsed.data;
  if (isFutureMonth(month, input.now))
    throw new AppError("invalid_input", "That month has not started yet.", { month: ["Choose a month that has already started."] });
  const monthDate = monthToDate(month);

  return db.transaction(async (tx) => {
    await lockReportMonth(tx, month);
    // Sequential on purpose: one transaction is one connection.
    const doctors = await aggregatesFor(tx, "doctor", monthDate);
    const system = await aggregatesFor(tx, "system", monthDate);
    const reportable = await listReportableDoctors(tx);

    const zones = new Map<string, string>(reportable.map((row) => [row.doctor_id, row.time_zone]));
    // Every doctor with something to report, even if no longer verified.
    for (const rows of [doctors.appointments, doctors.ratings]) for (const [doctorId, [row]] of rows) zones.set(doctorId, row.time_zone);

    const rows: ReportRow[] = [...zones].map(([doctorId, timeZone]) => ({
      kind: "doctor_monthly",
      doctorId,
      figures: buildFigures({
        month,
        timeZone,
        generatedAt: input.now,
        appointments: doctors.appointments.get(doctorId)?.[0],
        weekdays: doctors.weekdays.get(doctorId) ?? [],
        money: doctors.money.get(doctorId) ?? [],
        rating: doctors.ratings.get(doctorId)?.[0],
      }),
    }));
    rows.push({
      kind: "system_monthly",
      doctorId: null,
      figures: buildFigures({
        month,
        timeZone: "UTC",
        generatedAt: input.now,
        appointments: system.appointments.get("system")?.[0],
        weekdays: system.weekdays.get("system") ?? [],
        money: system.money.get("system") ?? [],
        rating: system.ratings.get("system")?.[0],
        doctors: system.appointments.get("system")?.[0]?.doctors ?? 0,
      }),
    });

    const written = await replaceMonthReports(tx, monthDate, rows);
    const systemRow = written.find((row) => row.kind === "system_monthly");
    if (!systemRow) throw new Error("the system report was not written");
    // The monthly job's run is on record too, as the system's.
    await insertAuditEntry(tx, {
      actorId: admin?.id ?? null,
      actorRole: admin ? "admin" : "system",
      action: "reports.generated",
      entityType: "report_month",
      entityId: month,
      after: { reports: written.length },
    });
    return {
      month,
      systemReportId: systemRow.id,
      doctorReports: written
        .filter((row) => row.kind === "doctor_monthly")
        .map((row) => ({ id: row.id, doctorId: row.doctorId!, active: doctors.appointments.has(row.doctorId!) || doctors.ratings.has(row.doctorId!) })),
    };
  });
}
