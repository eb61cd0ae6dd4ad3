import "server-only";
import { sql, type SQL } from "drizzle-orm";

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

const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE_LATITUDE = 111.2;

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function distanceSql(point: { latitude: number; longitude: number }): SQL {
  // Haversine; least(1, …) keeps asin's argument in range against rounding.
  return sql`(${EARTH_RADIUS_KM}::float8 * 2 * asin(least(1, sqrt(
      power(sin(radians(dp.latitude - ${point.latitude}::float8) / 2), 2)
      + cos(radians(${point.latitude}::float8)) * cos(radians(dp.latitude)) * power(sin(radians(dp.longitude - ${point.longitude}::float8) / 2), 2)))))`;
}

/** Only verified, active doctors are ever searchable; every other condition is the visitor's. */
export function whereSql(filters: CandidateFilters): SQL {
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
