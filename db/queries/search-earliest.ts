import "server-only";
import { sql, type SQL } from "drizzle-orm";
import type { CandidateQuery, OpenWindow } from "./search";
import { distanceSql, whereSql } from "./search-filters";

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
export function openBoundCtes(window: OpenWindow): SQL {
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
 * "Earliest available first" without touching every doctor. Fresh free-time
 * index rows are read in first-free-slot order through
 * doctor_free_time_next_free_at_idx, joined to the filters, and stop at the
 * page's end; only doctors whose row is stale (few, between two runs of the
 * refresh job) get openBoundCtes' lower bound. Both streams meet in one order:
 * the instant, then the name byte by byte (collate "C"), then the id — the key
 * lib/search/service.ts compares with. A fresh row's name is the doctor's
 * current one (a rename bumps the version), so the index serves ties in name
 * order too: thousands of doctors share the first half hour of a morning. (A minimum rating needs every
 * candidate's reviews: candidateStatement's general form serves that.)
 */
export function earliestStatement(query: CandidateQuery, window: OpenWindow): SQL {
  const now = window.now.toISOString();
  const end = window.windowEnd.toISOString();
  const point = query.filters.point ?? query.point;
  const distance = point ? distanceSql(point) : sql`null::float8`;
  const fresh = sql`ft.computed_version = ft.version and ft.valid_until >= ${now}::timestamptz`;
  const enough = query.offset + query.limit;
  return sql`
    with fresh as (
      select ft.doctor_id as id, ft.next_free_at at time zone 'UTC' as open_lb, ft.doctor_name as name
      from doctor_free_time ft
      join users u on u.id = ft.doctor_id
      join doctor_profiles dp on dp.user_id = ft.doctor_id
      where ${whereSql(query.filters)} and dp.accepting_bookings and ${fresh} and ft.next_free_at < ${end}::timestamptz
      order by ft.next_free_at, ft.doctor_name collate "C", ft.doctor_id
      limit ${enough}
    ),
    stale as (
      select ft.doctor_id from doctor_free_time ft
      where ft.computed_version is distinct from ft.version or ft.valid_until is null or ft.valid_until < ${now}::timestamptz
    ),
    base as materialized (
      select u.id, u.full_name, dp.time_zone, dp.minimum_notice_hours, dp.booking_horizon_days, dp.accepting_bookings,
             false as free_time_fresh, null::timestamptz as next_free_at
      from stale
      join users u on u.id = stale.doctor_id
      join doctor_profiles dp on dp.user_id = stale.doctor_id
      where ${whereSql(query.filters)}
    )${openBoundCtes(window)},
    candidates as (
      select id, open_lb, name from fresh
      union all
      select bound.id, bound.open_lb, base.full_name from bound join base on base.id = bound.id
    ),
    page as (
      select id, open_lb, name from candidates
      order by open_lb, name collate "C", id
      limit ${query.limit} offset ${query.offset}
    )
    select p.id, u.full_name as "fullName", u.active, s.name as specialization, dp.price_minor as "priceMinor", dp.currency, dp.bio,
           dp.clinic_name as "clinicName", dp.address, dp.city, dp.time_zone as "timeZone", dp.slot_minutes as "slotMinutes",
           dp.buffer_minutes as "bufferMinutes", dp.minimum_notice_hours as "minimumNoticeHours", dp.booking_horizon_days as "bookingHorizonDays",
           dp.accepting_bookings as "acceptingBookings", dp.verification_status as "verificationStatus", dp.years_experience as "yearsExperience",
           dp.languages, dp.photo_key as "photoKey", ${distance} as "distanceKm", null::float8 as "ratingAverage", null::int as "ratingCount",
           (extract(epoch from p.open_lb) * 1000)::float8 as "openLowerBoundMs",
           (extract(epoch from ft.next_free_at) * 1000)::float8 as "nextFreeAtMs", coalesce(${fresh}, false) as "freeTimeFresh"
    from page p
    join users u on u.id = p.id
    join doctor_profiles dp on dp.user_id = p.id
    left join specializations s on s.id = dp.specialization_id
    left join doctor_free_time ft on ft.doctor_id = p.id
    order by p.open_lb, p.name collate "C", p.id`;
}
