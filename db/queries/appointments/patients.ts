import "server-only";
import { and, count, countDistinct, desc, eq, ilike, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../../client";
import { medicalInformationColumns } from "../profiles";
import { appointments, patientProfiles, users } from "../../schema";
import { likePattern } from "../users";
import { doctorCaresFor } from "./care";

/** Patients in this doctor's care (lib/security/care.ts), optionally matching a name or email. */
function patientsOf(doctorId: string, query: string | undefined): SQL {
  const conditions: SQL[] = [eq(appointments.doctorId, doctorId), doctorCaresFor(doctorId, appointments.patientId)];
  if (query) conditions.push(or(ilike(users.fullName, likePattern(query)), ilike(users.email, likePattern(query)))!);
  return and(...conditions)!;
}

/** One page of a doctor's patients, most recently seen first: how many visits, the last one and the next one. */
export async function listPatientsOfDoctor(db: Db, input: { doctorId: string; query?: string; page: number; pageSize: number; now: Date }) {
  const where = patientsOf(input.doctorId, input.query);
  const now = sql`${input.now.toISOString()}::timestamptz`;
  const lastVisit =
    sql<Date | null>`max(${appointments.startsAt}) filter (where ${appointments.startsAt} < ${now} and ${appointments.status} in ('completed', 'no_show', 'confirmed'))`.mapWith(
      appointments.startsAt,
    );
  const nextVisit =
    sql<Date | null>`min(${appointments.startsAt}) filter (where ${appointments.startsAt} >= ${now} and ${appointments.status} in ('confirmed', 'pending_payment'))`.mapWith(
      appointments.startsAt,
    );
  const [rows, [{ total }]] = await Promise.all([
    db
      .select({
        id: users.id,
        fullName: users.fullName,
        email: users.email,
        visits: sql<number>`count(*) filter (where ${appointments.status} <> 'cancelled')`.mapWith(Number),
        lastVisit,
        nextVisit,
      })
      .from(appointments)
      .innerJoin(users, eq(users.id, appointments.patientId))
      .where(where)
      .groupBy(users.id)
      .orderBy(desc(sql`max(${appointments.startsAt})`), users.id)
      .limit(input.pageSize)
      .offset((input.page - 1) * input.pageSize),
    db
      .select({ total: countDistinct(appointments.patientId) })
      .from(appointments)
      .innerJoin(users, eq(users.id, appointments.patientId))
      .where(where),
  ]);
  return { rows, total };
}

/** A patient as their doctor may see them: only while in this doctor's care, otherwise undefined. */
export async function getPatientOfDoctor(db: Db, doctorId: string, patientId: string) {
  const [row] = await db
    .select({
      id: users.id,
      fullName: users.fullName,
      email: users.email,
      phone: patientProfiles.phone,
      timeZone: patientProfiles.timeZone,
      ...medicalInformationColumns,
      bookings: count(appointments.id),
    })
    .from(users)
    .innerJoin(appointments, and(eq(appointments.patientId, users.id), eq(appointments.doctorId, doctorId)))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, users.id))
    .where(and(eq(users.id, patientId), doctorCaresFor(doctorId, users.id)))
    .groupBy(users.id, patientProfiles.userId);
  return row;
}
