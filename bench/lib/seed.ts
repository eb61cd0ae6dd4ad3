// Bench data written with multi-row INSERTs straight through postgres.js: the
// service is what is measured, so it must not also be what sets the table.
import { randomUUID } from "node:crypto";
import type { Sql } from "postgres";
import { computeSlots, type AvailabilityRule, type IsoWeekday } from "../../lib/scheduling";

/** Monday 2030-03-04, 09:00 in Berlin: every part books the weeks after this instant. */
export const BENCH_NOW = new Date("2030-03-04T08:00:00Z");
export const TIME_ZONE = "Europe/Berlin";
export const SLOT_MINUTES = 30;
const RULES: AvailabilityRule[] = ([1, 2, 3, 4, 5] as IsoWeekday[]).map((weekday) => ({ weekday, startTime: "09:00", endTime: "17:00" }));
// A string, not a Date: postgres.js cannot bind a Date in a multi-row insert once the statement is prepared.
const VERIFIED_AT = "2030-01-01T00:00:00Z";
const CHUNK = 1000;

async function insertChunked<T extends Record<string, unknown>>(rows: T[], insert: (chunk: T[]) => Promise<{ id: string }[]>): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) ids.push(...(await insert(rows.slice(i, i + CHUNK))).map((row) => row.id));
  return ids;
}

const userRows = (role: "doctor" | "patient", count: number, label: string) =>
  Array.from({ length: count }, (_, i) => ({
    email: `${label}-${i}-${randomUUID().slice(0, 8)}@bench.careslot.test`,
    full_name: `${label} ${i}`,
    password_hash: "bench-not-a-hash",
    role,
    email_verified_at: VERIFIED_AT,
  }));

/** Verified, accepting Berlin doctors with Mon–Fri 09:00–17:00, 30-minute slots, 2 h notice, 60-day horizon. */
export async function seedDoctors(sql: Sql, count: number, label: string): Promise<string[]> {
  const ids = await insertChunked(userRows("doctor", count, label), (chunk) => sql<{ id: string }[]>`insert into users ${sql(chunk)} returning id`);
  const profiles = ids.map((id) => ({
    user_id: id,
    time_zone: TIME_ZONE,
    slot_minutes: SLOT_MINUTES,
    minimum_notice_hours: 2,
    booking_horizon_days: 60,
    price_minor: 6000,
    currency: "EUR",
    verification_status: "verified",
    verified_at: VERIFIED_AT,
  }));
  await insertChunked(profiles, (chunk) => sql<{ id: string }[]>`insert into doctor_profiles ${sql(chunk)} returning user_id as id`);
  const rules = ids.flatMap((id) => RULES.map((rule) => ({ doctor_id: id, weekday: rule.weekday, start_time: rule.startTime, end_time: rule.endTime })));
  await insertChunked(rules, (chunk) => sql<{ id: string }[]>`insert into availability_rules ${sql(chunk)} returning id`);
  return ids;
}

export async function seedPatients(sql: Sql, count: number, label: string): Promise<string[]> {
  const ids = await insertChunked(userRows("patient", count, label), (chunk) => sql<{ id: string }[]>`insert into users ${sql(chunk)} returning id`);
  await insertChunked(
    ids.map((id) => ({ user_id: id, time_zone: TIME_ZONE })),
    (chunk) => sql<{ id: string }[]>`insert into patient_profiles ${sql(chunk)} returning user_id as id`,
  );
  return ids;
}

/** The first `count` slots every seeded doctor offers from `now` (BENCH_NOW), by the real slot engine. */
export function firstSlots(count: number, now: Date = BENCH_NOW): Date[] {
  const slots = computeSlots({
    rules: RULES,
    overrides: [],
    busy: [],
    settings: { timeZone: TIME_ZONE, slotMinutes: SLOT_MINUTES, bufferMinutes: 0, minimumNoticeMinutes: 120, horizonDays: 60 },
    now,
    viewerTimeZone: TIME_ZONE,
  });
  if (slots.length < count) throw new Error(`only ${slots.length} slots in the horizon`);
  return slots.slice(0, count).map((slot) => slot.startsAt);
}
