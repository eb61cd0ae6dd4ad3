import "server-only";
import { asc, count, eq, sql } from "drizzle-orm";
import type { Db } from "../client";
import { doctorProfiles, specializations } from "../schema";

export function listSpecializations(db: Db) {
  return db.select({ id: specializations.id, name: specializations.name, slug: specializations.slug }).from(specializations).orderBy(asc(specializations.name));
}

export async function specializationExists(db: Db, id: string): Promise<boolean> {
  const [row] = await db.select({ id: specializations.id }).from(specializations).where(eq(specializations.id, id));
  return Boolean(row);
}

/** Every specialization with how many doctors use it, by name. */
export function listSpecializationsWithUsage(db: Db) {
  return db
    .select({
      id: specializations.id,
      name: specializations.name,
      slug: specializations.slug,
      doctors: sql<number>`(select count(*) from ${doctorProfiles} where ${doctorProfiles.specializationId} = ${specializations.id})`.mapWith(Number),
    })
    .from(specializations)
    .orderBy(asc(specializations.name));
}

export async function lockSpecialization(db: Db, id: string) {
  const [row] = await db.select().from(specializations).where(eq(specializations.id, id)).for("update");
  return row;
}

export async function countDoctorsWithSpecialization(db: Db, id: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(doctorProfiles).where(eq(doctorProfiles.specializationId, id));
  return row.n;
}

export async function insertSpecialization(db: Db, values: { name: string; slug: string }) {
  const [row] = await db.insert(specializations).values(values).returning();
  return row;
}

export async function updateSpecialization(db: Db, id: string, values: { name: string; slug: string }) {
  const [row] = await db.update(specializations).set(values).where(eq(specializations.id, id)).returning();
  return row;
}

export async function deleteSpecializationRow(db: Db, id: string): Promise<void> {
  await db.delete(specializations).where(eq(specializations.id, id));
}
