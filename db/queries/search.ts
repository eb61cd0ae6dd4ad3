import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";

/** Filters that SQL answers exactly. Availability is not one of them: see lib/search/service.ts. */
export interface CandidateFilters {
  specializationId?: string;
  /** ISO country code, and the dataset's region code within it (lib/places/dataset.ts). */
  countryCode?: string;
  regionCode?: string;
  city?: string;
  maxPriceMinor?: number;
  minYears?: number;
  minRating?: number;
  nameQuery?: string;
  point?: { latitude: number; longitude: number };
  radiusKm?: number;
  /** Doctors whose weekly hours reach into any of these parts of the week (their own clock). */
  dayParts?: DayPart[];
  /** A language the doctor speaks, any case. */
  language?: string;
}

export type DayPart = "mornings" | "afternoons" | "evenings" | "weekends";

/** Each part of the week as a condition on one weekly rule `r` (times are the doctor's local times). */
const DAY_PART_SQL: Record<DayPart, SQL> = {
  mornings: sql`r.start_time < time '12:00'`,
  afternoons: sql`(r.start_time < time '17:00' and r.end_time > time '12:00')`,
  evenings: sql`r.end_time > time '17:00'`,
  weekends: sql`r.weekday in (6, 7)`,
};

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
  /** The doctor's place in name order among all candidates (earliest order only): the tie-break SQL and the service share. */
  nameRank: number;
}

const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE_LATITUDE = 111.2;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function distanceSql(point: { latitude: number; longitude: number }): SQL {
  // Haversine; least(1, …) keeps asin's argument in range against rounding.
  return sql`(${EARTH_RADIUS_KM}::float8 * 2 * asin(least(1, sqrt(
      power(sin(radians(dp.latitude - ${point.latitude}::float8) / 2), 2)
      + cos(radians(${point.latitude}::float8)) * cos(radians(dp.latitude)) * power(sin(radians(dp.longitude - ${point.longitude}::float8) / 2), 2)))))`;
}

/** Only verified, active doctors are ever searchable; every other condition is the visitor's. */
function whereSql(filters: CandidateFilters): SQL {
  // role = 'doctor' lets the planner reach the doctors through users_role_idx instead of reading every user.
  const conditions: SQL[] = [sql`dp.verification_status = 'verified'`, sql`u.active`, sql`u.role = 'doctor'`];
  if (filters.specializationId) conditions.push(sql`dp.specialization_id = ${filters.specializationId}`);
  // doctor_profiles_country_region_idx serves both.
  if (filters.countryCode) conditions.push(sql`dp.country_code = ${filters.countryCode}`);
  if (filters.regionCode) conditions.push(sql`dp.region_code = ${filters.regionCode}`);
  // lower(city) is the doctor_profiles_city_lower_idx expression.
  if (filters.city) conditions.push(sql`lower(dp.city) = lower(${filters.city})`);
  if (filters.maxPriceMinor !== undefined) conditions.push(sql`dp.price_minor <= ${filters.maxPriceMinor}`);
  if (filters.minYears !== undefined) conditions.push(sql`dp.years_experience >= ${filters.minYears}`);
  // careslot_fold (unaccent + lower, migration 0004) on both sides: "jose" finds "José"; its trigram GIN index serves the LIKE.
  if (filters.nameQuery) conditions.push(sql`careslot_fold(u.full_name) like '%' || careslot_fold(${escapeLike(filters.nameQuery)}) || '%'`);
  if (filters.dayParts?.length) {
    // availability_rules_doctor_id_idx serves the lookup per candidate.
    const anyPart = sql.join(
      filters.dayParts.map((part) => DAY_PART_SQL[part]),
      sql` or `,
    );
    conditions.push(sql`exists (select 1 from availability_rules r where r.doctor_id = dp.user_id and (${anyPart}))`);
  }
  if (filters.language) conditions.push(sql`exists (select 1 from unnest(dp.languages) as l(name) where lower(l.name) = lower(${filters.language}))`);
  if (filters.point && filters.radiusKm !== undefined) {
    // A latitude band first (cheap), then the exact great-circle distance.
    const band = filters.radiusKm / KM_PER_DEGREE_LATITUDE;
    conditions.push(sql`dp.latitude between ${filters.point.latitude - band}::float8 and ${filters.point.latitude + band}::float8`);
    conditions.push(sql`${distanceSql(filters.point)} <= ${filters.radiusKm}::float8`);
  }
  return sql.join(conditions, sql` and `);
}

/**
 * The lower bound of each candidate's first open minute, over every candidate
 * at once: one row per weekly rule, no per-doctor date series.
 *
 * Zone conversion is what costs in PostgreSQL, so each distinct zone is
 * converted a few dozen times (its smallest and largest UTC offset over the
 * window, sampled every 3 h) and each rule then uses plain timestamp maths:
 * local start − largest offset ≤ the real start instant, local end − smallest
 * offset ≥ the real end instant, however a daylight-saving change resolves a
 * local time. Closed-day overrides are ignored and custom-hours overrides only
 * add openings: both can only lower the bound, which is all a bound must do.
 */
function openBoundCtes(window: OpenWindow): SQL {
  const now = window.now.toISOString();
  const end = window.windowEnd.toISOString();
  // Per doctor (not per rule): the window as UTC timestamps, the zone's offsets,
  // and the local date the search starts from with its ISO weekday.
  return sql`,
    zones as (
      select z.time_zone, ${now}::timestamptz at time zone z.time_zone as local_now,
             (${end}::timestamptz at time zone z.time_zone)::date as local_end_date,
             max(s.at at time zone z.time_zone - s.at at time zone 'UTC') as off_max,
             min(s.at at time zone z.time_zone - s.at at time zone 'UTC') as off_min
      from (select distinct time_zone from base where accepting_bookings and not free_time_fresh) z
      cross join generate_series(${now}::timestamptz - interval '1 day', ${end}::timestamptz + interval '1 day', interval '3 hours') as s(at)
      group by z.time_zone
    ),
    windowed as materialized (
      select w.id, w.t_from, w.t_to, w.off_min, w.off_max, w.local_now, w.local_end_date, w.d0, extract(isodow from w.d0)::int as dow0
      from (
        select b.id, z.off_min, z.off_max, z.local_now, z.local_end_date,
               (${now}::timestamptz at time zone 'UTC') + b.minimum_notice_hours * interval '1 hour' as t_from,
               least(${end}::timestamptz, ${now}::timestamptz + b.booking_horizon_days * interval '1 day') at time zone 'UTC' as t_to,
               (z.local_now + b.minimum_notice_hours * interval '1 hour')::date - 1 as d0
        from base b
        join zones z on z.time_zone = b.time_zone
        where b.accepting_bookings and not b.free_time_fresh
      ) w
    ),
    opening as (
      select o.id, o.t_from, o.t_to, o.day + o.start_time - o.off_max as starts_lb, o.day + o.end_time - o.off_min as ends_ub
      from (
        select c.id, c.t_from, c.t_to, c.off_min, c.off_max, r.start_time, r.end_time,
               -- The rule's first date on or after d0; a week later if that one is already over.
               case when c.d0 + (r.weekday - c.dow0 + 7) % 7 + r.end_time - c.off_min > c.t_from
                    then c.d0 + (r.weekday - c.dow0 + 7) % 7
                    else c.d0 + (r.weekday - c.dow0 + 7) % 7 + 7 end as day
        from windowed c
        join availability_rules r on r.doctor_id = c.id
      ) o
      union all
      select c.id, c.t_from, c.t_to, ao.date + ao.start_time - c.off_max, ao.date + ao.end_time - c.off_min
      from windowed c
      join availability_overrides ao on ao.doctor_id = c.id and not ao.closed and ao.date between c.local_now::date - 1 and c.local_end_date + 1
    ),
    bound as (
      select o.id, min(greatest(o.starts_lb, o.t_from)) as open_lb
      from opening o
      where o.ends_ub > o.t_from and o.starts_lb < o.t_to
      group by o.id
      union all
      -- A fresh index row is the engine's own answer: the bound is the first free slot itself.
      select b.id, b.next_free_at at time zone 'UTC'
      from base b
      where b.free_time_fresh and b.accepting_bookings and b.next_free_at < ${end}::timestamptz
    )`;
}

/**
 * Averages of visible reviews, computed by query (never stored, so they are
 * exact whatever is written concurrently). A semi-join on the candidates lets
 * the planner choose: a few index probes for a filtered search, one pass over
 * the covering index reviews_doctor_visible_rating_idx for all doctors.
 */
const ratingCte = sql`
    rating as (
      select r.doctor_id, avg(r.rating)::float8 as average, count(*)::int as count
      from reviews r
      where r.status = 'visible' and r.doctor_id in (select id from filtered)
      group by r.doctor_id
    ),`;

function orderSql(order: CandidateOrder, withRating: boolean, bound: SQL): SQL {
  switch (order) {
    case "earliest":
      return sql`${bound}, base.name_rank`;
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
    return (await tx.execute(statement)) as unknown as CandidateRow[];
  });
}

/** The statement behind listSearchCandidates, exposed for EXPLAIN in the bench. */
export function candidateStatement(query: CandidateQuery): SQL {
  if (query.order === "earliest" && !query.window) throw new Error("the earliest order needs an availability window");
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
             ${withRating ? sql`coalesce(rating.count, 0)` : sql`null::int`} as rating_count,
             ${query.order === "earliest" ? sql`row_number() over (order by f.full_name collate "C", f.id)` : sql`0`} as name_rank
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
           base.rating_count as "ratingCount", base.name_rank::int as "nameRank",
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

/** Cities that have at least one searchable doctor, for the City suggestions. */
export async function listSearchableCities(db: Db): Promise<string[]> {
  const rows = (await db.execute(sql`
    select min(dp.city) as city
    from doctor_profiles dp join users u on u.id = dp.user_id
    where dp.verification_status = 'verified' and u.active and dp.city is not null and dp.city <> ''
    group by lower(dp.city)
    order by 1
    limit 200`)) as unknown as { city: string }[];
  return rows.map((row) => row.city);
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
