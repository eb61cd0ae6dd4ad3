// The search bench's data: 10,000 doctors, 50,000 patients, 1,000,000
// appointments and ~190,000 reviews, written by set-based SQL (generate_series,
// INSERT … SELECT) so PostgreSQL does the work in a few statements instead of
// a million round trips. Ids are derived from a counter (md5 → a v4-shaped
// uuid), so every table can name a doctor or patient by number without a
// lookup table, and two runs produce the same data.
import type { Sql } from "postgres";

export const LARGE = { doctors: 10_000, patients: 50_000, appointmentsPerDoctor: 100 } as const;

/**
 * The real clock at the start of the run, to the minute: the HTTP part (bench/http.ts) serves this data
 * with a server that reads the real clock, so upcoming visits, date overrides and reviews are placed
 * relative to it, and the in-process parts search "now" as the server does.
 */
export const LARGE_NOW = new Date(Math.floor(Date.now() / 60_000) * 60_000);
/** 08:00 UTC of LARGE_NOW's day: upcoming visits start from it, inside open hours for the European zones. */
const LARGE_DAY_START = new Date(Date.UTC(LARGE_NOW.getUTCFullYear(), LARGE_NOW.getUTCMonth(), LARGE_NOW.getUTCDate(), 8));

/** 20 cities × 10 specializations: a specialization + city search meets ~50 doctors, as in a real mid-size market. */
export const BENCH_CITIES = [
  ["Berlin", 52.52, 13.405, "Europe/Berlin", "EUR"],
  ["Hamburg", 53.5511, 9.9937, "Europe/Berlin", "EUR"],
  ["Munich", 48.1351, 11.582, "Europe/Berlin", "EUR"],
  ["London", 51.5074, -0.1278, "Europe/London", "GBP"],
  ["Manchester", 53.4808, -2.2426, "Europe/London", "GBP"],
  ["Paris", 48.8566, 2.3522, "Europe/Paris", "EUR"],
  ["Lyon", 45.764, 4.8357, "Europe/Paris", "EUR"],
  ["Madrid", 40.4168, -3.7038, "Europe/Madrid", "EUR"],
  ["Barcelona", 41.3874, 2.1686, "Europe/Madrid", "EUR"],
  ["Rome", 41.9028, 12.4964, "Europe/Rome", "EUR"],
  ["Milan", 45.4642, 9.19, "Europe/Rome", "EUR"],
  ["New York", 40.7128, -74.006, "America/New_York", "USD"],
  ["Boston", 42.3601, -71.0589, "America/New_York", "USD"],
  ["Chicago", 41.8781, -87.6298, "America/Chicago", "USD"],
  ["Los Angeles", 34.0522, -118.2437, "America/Los_Angeles", "USD"],
  ["Toronto", 43.6532, -79.3832, "America/Toronto", "CAD"],
  ["Mumbai", 19.076, 72.8777, "Asia/Kolkata", "INR"],
  ["Delhi", 28.7041, 77.1025, "Asia/Kolkata", "INR"],
  ["Bangalore", 12.9716, 77.5946, "Asia/Kolkata", "INR"],
  ["Sydney", -33.8688, 151.2093, "Australia/Sydney", "AUD"],
] as const;

export const BENCH_SPECIALIZATIONS = [
  "General Medicine",
  "Mental Health",
  "Dentistry",
  "Physiotherapy",
  "Chiropractic",
  "Audiology",
  "Optometry",
  "Cardiology",
  "Dermatology",
  "Pediatrics",
] as const;

const slugOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-");

// A v4-shaped uuid from a label and a number (z.uuid() checks version and variant).
const idOf = (label: string, n: string) => `overlay(overlay(md5('${label}-' || ${n}) placing '4' from 13) placing '8' from 17)::uuid`;
export const doctorIdSql = (n: string) => idOf("careslot-bench-doctor", n);
const patientIdSql = (n: string) => idOf("careslot-bench-patient", n);

export async function largeDatasetPresent(sql: Sql): Promise<boolean> {
  const [row] = await sql<{ n: number }[]>`select count(*)::int as n from users where email like 'bench-search-doctor-%'`;
  return row!.n >= LARGE.doctors;
}

type Log = (message: string) => void;

/** Seeds everything in order; each step is one or a few statements. Returns seconds taken. */
export async function seedLargeDataset(sql: Sql, log: Log = () => {}): Promise<number> {
  const started = Date.now();
  const step = async (label: string, work: () => Promise<unknown>) => {
    const t0 = Date.now();
    await work();
    log(`  ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  };
  const cities = JSON.stringify(BENCH_CITIES.map(([name, lat, lng, tz, currency], i) => ({ i, name, lat, lng, tz, currency })));
  const now = LARGE_NOW.toISOString();
  const dayStart = LARGE_DAY_START.toISOString();
  const today = dayStart.slice(0, 10);
  // The first Sunday after today (ISO weekday 7), for the one-in-twenty-five doctors who open one.
  const sunday = new Date(LARGE_DAY_START.getTime() + (7 - (LARGE_DAY_START.getUTCDay() || 7) || 7) * 86_400_000).toISOString().slice(0, 10);

  await step(
    "specializations",
    () =>
      sql`insert into specializations (name, slug)
        select name, slug from jsonb_to_recordset(${sql.json(BENCH_SPECIALIZATIONS.map((name) => ({ name, slug: slugOf(name) })) as never)}::jsonb) as s(name text, slug text)
        on conflict do nothing`,
  );

  // Names mix accents and plain spellings so the folded-name search has real work to do.
  await step(`${LARGE.doctors} doctors`, async () => {
    await sql.unsafe(`
      insert into users (id, email, full_name, password_hash, role, email_verified_at, active)
      select ${doctorIdSql("n")}, 'bench-search-doctor-' || n || '@bench.careslot.test',
             'Dr. ' || (array['José','Zoë','Lena','Chidi','Sofia','Priya','Camille','Jonas','Arjun','Mai','Kavya','Hugo','Emily','Daniel','Marie','Noah','Amélie','Björn','Inés','Łukasz'])[1 + n % 20]
                    || ' ' || (array['Weber','Okafor','Rivera','Sharma','Dubois','Schmidt','Patel','Nguyen','Iyer','Martin','Brown','Cohen','Fischer','Müller','García','Rossi','Kowalski','Novák','Jensen','Silva','Costa','Moreau','Schäfer','Lopez','Kim'])[1 + (n / 20) % 25]
                    || ' ' || n,
             'bench-not-a-hash', 'doctor', '${now}', n % 100 <> 99
      from generate_series(0, ${LARGE.doctors - 1}) as n
      on conflict do nothing`);
    await sql.unsafe(
      `insert into doctor_profiles (user_id, specialization_id, price_minor, currency, bio, clinic_name, years_experience, address, city,
                                    latitude, longitude, time_zone, slot_minutes, buffer_minutes, minimum_notice_hours, booking_horizon_days,
                                    accepting_bookings, languages, verification_status, verified_at)
       select ${doctorIdSql("d.n")}, s.id, 3000 + (d.n * 37 % 28) * 1000, c.currency, 'Bench doctor ' || d.n, 'Clinic ' || d.n, d.n % 41,
              (d.n % 300) || ' Main Street', c.name,
              c.lat + ((d.n * 7919) % 2001 - 1000) / 10000.0, c.lng + ((d.n * 104729) % 2001 - 1000) / 10000.0,
              c.tz, 30, case when d.n % 3 = 0 then 10 else 0 end, 2, 60,
              d.n % 53 <> 7, array['English'],
              (case when d.n % 100 in (97, 98) then 'pending' when d.n % 100 = 96 then 'rejected' else 'verified' end)::verification_status,
              case when d.n % 100 in (96, 97, 98) then null else '${now}'::timestamptz end
       from generate_series(0, ${LARGE.doctors - 1}) as d(n)
       join jsonb_to_recordset($cities$${cities}$cities$::jsonb) as c(i int, name text, lat float8, lng float8, tz text, currency text) on c.i = (d.n / 10) % 20
       join specializations s on s.slug = (array[${BENCH_SPECIALIZATIONS.map((name) => `'${slugOf(name)}'`).join(",")}])[1 + d.n % 10]
       on conflict do nothing`,
    );
  });

  // Four weekly patterns, as the demo seed: weekdays, split day, mornings incl. Saturday, late shifts.
  await step("availability rules", () =>
    sql.unsafe(`
      insert into availability_rules (doctor_id, weekday, start_time, end_time)
      select ${doctorIdSql("d.n")}, p.weekday, p.start_time::time, p.end_time::time
      from generate_series(0, ${LARGE.doctors - 1}) as d(n)
      join (values
        (0, 1, '09:00', '17:00'), (0, 2, '09:00', '17:00'), (0, 3, '09:00', '17:00'), (0, 4, '09:00', '17:00'), (0, 5, '09:00', '17:00'),
        (1, 1, '09:00', '12:00'), (1, 1, '13:00', '17:00'), (1, 2, '09:00', '12:00'), (1, 2, '13:00', '17:00'), (1, 3, '09:00', '12:00'),
        (1, 3, '13:00', '17:00'), (1, 4, '09:00', '12:00'), (1, 4, '13:00', '17:00'), (1, 5, '09:00', '12:00'), (1, 5, '13:00', '17:00'),
        (2, 1, '08:00', '12:30'), (2, 2, '08:00', '12:30'), (2, 3, '08:00', '12:30'), (2, 4, '08:00', '12:30'), (2, 5, '08:00', '12:30'), (2, 6, '08:00', '12:30'),
        (3, 2, '12:00', '20:00'), (3, 3, '12:00', '20:00'), (3, 4, '12:00', '20:00'), (3, 5, '12:00', '20:00'), (3, 6, '12:00', '20:00')
      ) as p(pattern, weekday, start_time, end_time) on p.pattern = d.n % 4`),
  );

  // One doctor in ten closes one of the next 14 days; one in twenty-five opens a Sunday.
  await step("availability overrides", () =>
    sql.unsafe(`
      insert into availability_overrides (doctor_id, date, closed, start_time, end_time)
      select ${doctorIdSql("n")}, date '${today}' + (n % 14), true, null, null from generate_series(0, ${LARGE.doctors - 1}, 10) as n
      union all
      select ${doctorIdSql("n")}, date '${sunday}', false, '10:00'::time, '14:00'::time from generate_series(5, ${LARGE.doctors - 1}, 25) as n`),
  );

  await step(`${LARGE.patients} patients`, async () => {
    await sql.unsafe(`
      insert into users (id, email, full_name, password_hash, role, email_verified_at)
      select ${patientIdSql("n")}, 'bench-search-patient-' || n || '@bench.careslot.test', 'Bench Patient ' || n, 'bench-not-a-hash', 'patient', '${now}'
      from generate_series(0, ${LARGE.patients - 1}) as n
      on conflict do nothing`);
    await sql.unsafe(
      `insert into patient_profiles (user_id, time_zone) select ${patientIdSql("n")}, 'Europe/Berlin' from generate_series(0, ${LARGE.patients - 1}) as n on conflict do nothing`,
    );
  });

  // Per doctor: 85 visits in the past (one every 3 days, mostly completed) and
  // 15 upcoming (one a day from today, inside open hours for the European
  // zones), so early slots are sometimes taken and "earliest" must look past them.
  // Appointment k of every doctor shares a day; the patient (d + 7919k) mod
  // 50,000 is distinct across doctors for one k, so nobody is double-booked.
  const perDoctor = LARGE.appointmentsPerDoctor;
  const batches = 10;
  const perBatch = LARGE.doctors / batches;
  for (let b = 0; b < batches; b++) {
    await step(`appointments for doctors ${b * perBatch}–${(b + 1) * perBatch - 1}`, () =>
      sql.unsafe(`
        insert into appointments (doctor_id, patient_id, starts_at, ends_at, status, reason, price_minor, currency)
        select ${doctorIdSql("d.n")}, ${patientIdSql("((d.n + k.k * 7919) % " + LARGE.patients + ")")}, t.starts_at, t.starts_at + interval '30 minutes',
               (case when k.k >= 85 then 'confirmed' when k.k % 20 = 0 then 'cancelled' when k.k % 20 = 10 then 'no_show' else 'completed' end)::appointment_status,
               'Bench visit', 6000, 'EUR'
        from generate_series(${b * perBatch}, ${(b + 1) * perBatch - 1}) as d(n)
        cross join generate_series(0, ${perDoctor - 1}) as k(k)
        cross join lateral (select case
            when k.k < 85 then timestamptz '${now}' - (k.k + 1) * interval '3 days' + interval '2 hours' + (d.n % 8) * interval '30 minutes'
            else timestamptz '${dayStart}' + interval '3 hours' + (k.k - 85) * interval '1 day' + (d.n % 6) * interval '30 minutes'
          end as starts_at) as t`),
    );
  }

  // A quarter of completed visits are reviewed, ratings leaning to 4–5 as on real sites; 2% are hidden by moderators.
  await step("reviews", () =>
    sql.unsafe(`
      insert into reviews (appointment_id, doctor_id, patient_id, rating, body, status, created_at, updated_at)
      select a.id, a.doctor_id, a.patient_id,
             (array[5,5,4,5,4,3,5,4,2,5,4,1,5,4,5,3])[1 + abs(hashtext(a.id::text)) % 16],
             'Bench review of a completed visit, written by a patient.',
             (case when abs(hashtext(a.id::text)) % 50 = 0 then 'hidden' else 'visible' end)::review_status,
             a.starts_at + interval '1 day', a.starts_at + interval '1 day'
      from appointments a
      where a.status = 'completed' and a.reason = 'Bench visit' and abs(hashtext(a.id::text)) % 4 = 0
      on conflict do nothing`),
  );

  await step("vacuum analyze", async () => {
    for (const table of [
      "users",
      "doctor_profiles",
      "availability_rules",
      "availability_overrides",
      "patient_profiles",
      "appointments",
      "reviews",
      "specializations",
    ]) {
      await sql.unsafe(`vacuum analyze ${table}`);
    }
  });
  return (Date.now() - started) / 1000;
}
