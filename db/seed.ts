import path from "node:path";
import { fileURLToPath } from "node:url";
import { hash } from "@node-rs/argon2";
import { Temporal } from "temporal-polyfill";
import { connectDatabase, type Db } from "./client";
import { appointmentEvents, appointments, availabilityRules, doctorProfiles, patientProfiles, payments, reviews, specializations, users } from "./schema";
import { adminSeed, DEMO_PASSWORD, doctorSeed, doctorWeeklyHours, pastVisitId, pastVisitSeed, patientSeed, specializationSeed } from "./seed-data";

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, "-");

/** Inserts the demo data; running it twice changes nothing (fixed ids, on conflict do nothing). */
export async function seedDemoData(db: Db): Promise<void> {
  const passwordHash = await hash(DEMO_PASSWORD);
  const verifiedAt = new Date("2026-01-01T00:00:00Z");
  await db.transaction(async (tx) => {
    await tx
      .insert(specializations)
      .values(specializationSeed.map(([id, name]) => ({ id, name, slug: slug(name) })))
      .onConflictDoNothing();
    await tx
      .insert(users)
      .values([
        { ...adminSeed, role: "admin" as const, passwordHash, emailVerifiedAt: verifiedAt },
        ...patientSeed.map((p) => ({ id: p.id, email: p.email, fullName: p.fullName, role: "patient" as const, passwordHash, emailVerifiedAt: verifiedAt })),
        ...doctorSeed.map((d) => ({ id: d.id, email: d.email, fullName: d.fullName, role: "doctor" as const, passwordHash, emailVerifiedAt: verifiedAt })),
      ])
      .onConflictDoNothing();
    await tx
      .insert(patientProfiles)
      .values(
        patientSeed.map((p) => ({
          userId: p.id,
          countryCode: p.countryCode,
          regionCode: p.regionCode,
          city: p.city,
          latitude: p.latitude,
          longitude: p.longitude,
          timeZone: p.timeZone,
        })),
      )
      .onConflictDoNothing();
    await tx
      .insert(doctorProfiles)
      .values(
        doctorSeed.map((d) => ({
          userId: d.id,
          specializationId: d.specialization,
          priceMinor: d.priceMinor,
          currency: d.currency,
          bio: d.bio,
          clinicName: d.clinicName,
          yearsExperience: d.yearsExperience,
          address: `${d.clinicName}, ${d.placeName}`,
          countryCode: d.countryCode,
          regionCode: d.regionCode,
          city: d.placeName,
          latitude: d.latitude,
          longitude: d.longitude,
          timeZone: d.timeZone,
          languages: [...d.languages],
          slotMinutes: d.slotMinutes,
          bufferMinutes: d.bufferMinutes,
          minimumNoticeHours: 2,
          bookingHorizonDays: 60,
          verificationStatus: d.verified ? ("verified" as const) : ("pending" as const),
          verifiedAt: d.verified ? verifiedAt : null,
        })),
      )
      .onConflictDoNothing();
    const seeded = await tx.select({ doctorId: availabilityRules.doctorId }).from(availabilityRules).limit(1);
    if (seeded.length === 0) {
      await tx.insert(availabilityRules).values(doctorSeed.flatMap((d) => doctorWeeklyHours[d.hours].map((h) => ({ doctorId: d.id, ...h }))));
    }
    await seedPastVisits(tx, new Date());
  });
}

/** Completed, paid and reviewed visits, dated relative to `now` (fixed ids: a second run adds nothing). */
async function seedPastVisits(tx: Db, now: Date): Promise<void> {
  const daysBefore = (date: Date, days: number) => new Date(date.getTime() - days * 86_400_000);
  const visits = pastVisitSeed.map((visit) => {
    const doctor = doctorSeed[visit.doctor]!;
    const day = Temporal.PlainDate.from(now.toISOString().slice(0, 10)).subtract({ days: visit.daysAgo });
    const startsAt = new Date(day.toZonedDateTime({ timeZone: doctor.timeZone, plainTime: "10:00" }).epochMilliseconds); // 10:00 at the doctor's clinic
    const endsAt = new Date(startsAt.getTime() + doctor.slotMinutes * 60_000);
    return { visit, doctor, patientId: patientSeed[visit.patient]!.id, startsAt, endsAt };
  });
  await tx
    .insert(appointments)
    .values(
      visits.map(({ visit, doctor, patientId, startsAt, endsAt }) => ({
        id: pastVisitId(visit.n, "appointment"),
        doctorId: doctor.id,
        patientId,
        startsAt,
        endsAt,
        status: "completed" as const,
        reason: "Consultation",
        priceMinor: doctor.priceMinor,
        currency: doctor.currency,
        createdAt: daysBefore(startsAt, 6),
        updatedAt: endsAt,
      })),
    )
    .onConflictDoNothing();
  await tx
    .insert(appointmentEvents)
    .values(
      visits.flatMap(({ visit, patientId, doctor, startsAt, endsAt }) => [
        {
          id: pastVisitId(visit.n, "booked"),
          appointmentId: pastVisitId(visit.n, "appointment"),
          fromStatus: null,
          toStatus: "confirmed" as const,
          actorId: patientId,
          actorRole: "patient" as const,
          note: "Booked",
          createdAt: daysBefore(startsAt, 6),
          updatedAt: daysBefore(startsAt, 6),
        },
        {
          id: pastVisitId(visit.n, "completed"),
          appointmentId: pastVisitId(visit.n, "appointment"),
          fromStatus: "confirmed" as const,
          toStatus: "completed" as const,
          actorId: doctor.id,
          actorRole: "doctor" as const,
          note: null,
          createdAt: endsAt,
          updatedAt: endsAt,
        },
      ]),
    )
    .onConflictDoNothing();
  await tx
    .insert(payments)
    .values(
      visits.map(({ visit, doctor, patientId, endsAt }) => ({
        id: pastVisitId(visit.n, "payment"),
        appointmentId: pastVisitId(visit.n, "appointment"),
        patientId,
        doctorId: doctor.id,
        provider: "clinic" as const,
        status: "paid" as const,
        amountMinor: doctor.priceMinor,
        currency: doctor.currency,
        paidAt: endsAt,
        createdAt: endsAt,
        updatedAt: endsAt,
      })),
    )
    .onConflictDoNothing();
  const nextDay = (date: Date) => new Date(date.getTime() + 86_400_000);
  await tx
    .insert(reviews)
    .values(
      visits.map(({ visit, doctor, patientId, endsAt }) => ({
        id: pastVisitId(visit.n, "review"),
        appointmentId: pastVisitId(visit.n, "appointment"),
        doctorId: doctor.id,
        patientId,
        rating: visit.rating,
        body: visit.body,
        doctorReply: visit.reply ?? null,
        doctorRepliedAt: visit.reply ? nextDay(nextDay(endsAt)) : null,
        createdAt: nextDay(endsAt),
        updatedAt: nextDay(endsAt),
      })),
    )
    .onConflictDoNothing();
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const url = process.env.DATABASE_URL;
  if (!url) {
    console.error("DATABASE_URL is required to seed");
    process.exit(1);
  }
  const handle = connectDatabase(url, { max: 1 });
  seedDemoData(handle.db)
    .then(() => console.log("demo data seeded"))
    .catch((error: unknown) => {
      console.error("seed failed:", error);
      process.exitCode = 1;
    })
    .finally(() => handle.close());
}
