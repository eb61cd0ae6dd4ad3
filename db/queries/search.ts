import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { earliestStatement, openBoundCtes } from "./search-earliest";
import { distanceSql, whereSql, type CandidateFilters } from "./search-filters";

export type { CandidateFilters, DayPart } from "./search-filters";

export type CandidateOrder = "rating" | "price" | "distance" | "earliest";

/**
 * When given, each candidate also gets `openLowerBoundMs`: an instant no later
 * than the doctor's first free slot in [now + notice, min(windowEnd, horizon)),
 * and doctors with no open hours at all in that window (or paused) drop out.
 * For a doctor whose free-time index row is fresh it is that first free slot
 * (and a doctor whose first free slot is after the window drops out); for the
 * others it is computed from weekly hours and overrides (openBoundCtes).
 * It is a prefilter and an ordering key, never an answer: the slot engine decides.
 */
export interface OpenWindow {
  now: Date;
  windowEnd: Date;
}

export interface CandidateRow {
  id: string;
  fullName: string;
  active: boolean;
  specialization: string | null;
  priceMinor: number;
  currency: string;
  bio: string;
  clinicName: string | null;
  address: string | null;
  city: string | null;
  timeZone: string;
  slotMinutes: number;
  bufferMinutes: number;
  minimumNoticeHours: number;
  bookingHorizonDays: number;
  acceptingBookings: boolean;
  verificationStatus: "pending" | "verified" | "rejected";
  yearsExperience: number;
  languages: string[];
  photoKey: string | null;
  distanceKm: number | null;
  /** Only when the query needed ratings (rating order or a minimum rating); otherwise see getRatingSummaries. */
  ratingAverage: number | null;
  ratingCount: number | null;
  openLowerBoundMs: number | null;
  /** The free-time index's first free slot (db/schema/free-time.ts); the engine's answer only when `freeTimeFresh`. */
  nextFreeAtMs: number | null;
  freeTimeFresh: boolean;
}

/**
 * Averages of visible reviews, from doctor_ratings (db/schema/reviews.ts): sums
 * kept by triggers in each review's own transaction, so as exact as averaging
 * the reviews, without reading ~200,000 of them for a search over all doctors.
 */
const ratingCte = sql`
    rating as (
      select dr.doctor_id, dr.rating_sum::float8 / dr.visible_count as average, dr.visible_count as count
      from doctor_ratings dr
      where dr.visible_count > 0 and dr.doctor_id in (select id from filtered)
    ),`;

function orderSql(order: CandidateOrder, withRating: boolean, bound: SQL): SQL {
  switch (order) {
    case "earliest":
      // Ties on the instant in name order, byte by byte, as db/queries/search-earliest.ts and lib/search/service.ts order them.
      return sql`${bound}, base.full_name collate "C", base.id`;
    case "price":
      return sql`base.price_minor, base.full_name, base.id`;
    case "distance":
      return sql`base.distance_km nulls last, base.full_name, base.id`;
    case "rating":
      return withRating ? sql`base.rating_average desc nulls last, base.rating_count desc, base.full_name, base.id` : sql`base.full_name, base.id`;
  }
}

export interface CandidateQuery {
  filters: CandidateFilters;
  order: CandidateOrder;
  /** Required for the earliest order; with it only doctors with open hours in the window are returned. */
  window?: OpenWindow;
  /** For the distance column (and order) without a radius filter. */
  point?: { latitude: number; longitude: number };
  limit: number;
  offset: number;
  /** When the free-time index's rows are judged fresh (default: the window's now, else the clock). */
  now?: Date;
}

/**
 * One page of candidates in a stable order. JIT is off for the statement:
 * PostgreSQL's cost model sees the 10,000-doctor bound query as "expensive"
 * and spends ~400 ms compiling a plan that runs in a fraction of that.
 */
export async function listSearchCandidates(db: Db, query: CandidateQuery): Promise<CandidateRow[]> {
  const statement = candidateStatement(query);
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    // The planner cannot tell how many index rows are fresh (a comparison of two columns), guesses a few dozen,
    // and would rather sort them all than walk the index in order and stop at the page's end (0.7 ms vs 35 ms).
    if (query.order === "earliest") await tx.execute(sql`set local enable_bitmapscan = off`);
    return (await tx.execute(statement)) as unknown as CandidateRow[];
  });
}

/** The statement behind listSearchCandidates, exposed for EXPLAIN in the bench. */
export function candidateStatement(query: CandidateQuery): SQL {
  if (query.order === "earliest" && !query.window) throw new Error("the earliest order needs an availability window");
  if (query.order === "earliest" && query.filters.minRating === undefined) return earliestStatement(query, query.window!);
  const withRating = query.order === "rating" || query.filters.minRating !== undefined;
  const point = query.filters.point ?? query.point;
  const now = (query.now ?? query.window?.now ?? new Date()).toISOString();
  // The CTEs carry only what filtering and ordering need (narrow rows, cheap for
  // 10,000 doctors); the display columns are joined for the returned page only.
  const statement = sql`
    with filtered as materialized (
      select u.id, u.full_name, dp.price_minor, dp.time_zone, dp.minimum_notice_hours, dp.booking_horizon_days, dp.accepting_bookings,
             ${point ? distanceSql(point) : sql`null::float8`} as distance_km,
             ft.next_free_at, coalesce(ft.computed_version = ft.version and ft.valid_until >= ${now}::timestamptz, false) as free_time_fresh
      from doctor_profiles dp
      join users u on u.id = dp.user_id
      left join doctor_free_time ft on ft.doctor_id = dp.user_id
      where ${whereSql(query.filters)}
    ),${withRating ? ratingCte : sql``}
    base as materialized (
      select f.*,
             ${withRating ? sql`rating.average` : sql`null::float8`} as rating_average,
             ${withRating ? sql`coalesce(rating.count, 0)` : sql`null::int`} as rating_count
      from filtered f
      ${withRating ? sql`left join rating on rating.doctor_id = f.id` : sql``}
      ${query.filters.minRating !== undefined ? sql`where rating.average >= ${query.filters.minRating}::float8` : sql``}
    )${query.window ? openBoundCtes(query.window) : sql``},
    page as (
      select base.*${query.window ? sql`, bound.open_lb` : sql`, null::timestamp as open_lb`}
      from base
      ${query.window ? sql`join bound on bound.id = base.id` : sql``}
      order by ${orderSql(query.order, withRating, sql`bound.open_lb`)}
      limit ${query.limit} offset ${query.offset}
    )
    select base.id, base.full_name as "fullName", u.active, s.name as specialization, base.price_minor as "priceMinor", dp.currency, dp.bio,
           dp.clinic_name as "clinicName", dp.address, dp.city, base.time_zone as "timeZone", dp.slot_minutes as "slotMinutes",
           dp.buffer_minutes as "bufferMinutes", base.minimum_notice_hours as "minimumNoticeHours", base.booking_horizon_days as "bookingHorizonDays",
           base.accepting_bookings as "acceptingBookings", dp.verification_status as "verificationStatus", dp.years_experience as "yearsExperience",
           dp.languages, dp.photo_key as "photoKey", base.distance_km as "distanceKm", base.rating_average as "ratingAverage",
           base.rating_count as "ratingCount",
           (extract(epoch from base.open_lb) * 1000)::float8 as "openLowerBoundMs",
           (extract(epoch from base.next_free_at) * 1000)::float8 as "nextFreeAtMs", base.free_time_fresh as "freeTimeFresh"
    from page base
    join users u on u.id = base.id
    join doctor_profiles dp on dp.user_id = base.id
    left join specializations s on s.id = dp.specialization_id
    order by ${orderSql(query.order, withRating, sql`base.open_lb`)}`;
  return statement;
}

/** How many doctors the SQL filters let through (availability aside). */
export async function countSearchCandidates(db: Db, filters: CandidateFilters): Promise<number> {
  const statement =
    filters.minRating === undefined
      ? sql`select count(*)::int as count from doctor_profiles dp join users u on u.id = dp.user_id where ${whereSql(filters)}`
      : sql`
        with filtered as materialized (select u.id from doctor_profiles dp join users u on u.id = dp.user_id where ${whereSql(filters)}),
        ${ratingCte}
        counted as (select 1 from filtered f join rating on rating.doctor_id = f.id where rating.average >= ${filters.minRating}::float8)
        select count(*)::int as count from counted`;
  const [row] = (await db.execute(statement)) as unknown as { count: number }[];
  return row?.count ?? 0;
}

/** Average and count of visible reviews for a handful of doctors (a result page). */
export async function getRatingSummaries(db: Db, doctorIds: string[]): Promise<Map<string, { average: number; count: number }>> {
  if (doctorIds.length === 0) return new Map();
  const rows = (await db.execute(sql`
    select r.doctor_id as "doctorId", avg(r.rating)::float8 as average, count(*)::int as count
    from reviews r
    where r.doctor_id in ${sql`(${sql.join(
      doctorIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`} and r.status = 'visible'
    group by r.doctor_id`)) as unknown as { doctorId: string; average: number; count: number }[];
  return new Map(rows.map((row) => [row.doctorId, { average: row.average, count: row.count }]));
}

/** The languages verified doctors speak, for the search's language filter (each once, any case). */
export async function listSearchableLanguages(db: Db): Promise<string[]> {
  const rows = (await db.execute(sql`
    select min(l.name) as language
    from doctor_profiles dp join users u on u.id = dp.user_id, unnest(dp.languages) as l(name)
    where dp.verification_status = 'verified' and u.active and btrim(l.name) <> ''
    group by lower(l.name)
    order by 1
    limit 100`)) as unknown as { language: string }[];
  return rows.map((row) => row.language);
}
