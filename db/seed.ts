import path from "node:path";
import { fileURLToPath } from "node:url";
import { hash } from "@node-rs/argon2";
import { connectDatabase, type Db } from "./client";
import { availabilityRules, doctorProfiles, patientProfiles, specializations, users } from "./schema";
import { adminSeed, DEMO_PASSWORD, doctorSeed, doctorWeeklyHours, patientSeed, specializationSeed } from "./seed-data";

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
      .values(patientSeed.map((p) => ({ userId: p.id, city: p.city, timeZone: p.timeZone })))
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
          address: `${d.clinicName}, ${d.city}`,
          city: d.city,
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
  });
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
