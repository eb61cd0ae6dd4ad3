import "server-only";
import { and, asc, eq, ilike, isNull, or, sql, type SQL } from "drizzle-orm";
import type { Db } from "../client";
import { patientProfiles, users } from "../schema";
import { doctorCaresFor } from "./appointments/care";
import { likePattern } from "./users";

export interface FrontDeskPatient {
  id: string;
  fullName: string;
  email: string;
  phone: string | null;
  timeZone: string;
}

const patientColumns = {
  id: users.id,
  fullName: users.fullName,
  email: users.email,
  phone: patientProfiles.phone,
  timeZone: sql<string>`coalesce(${patientProfiles.timeZone}, 'UTC')`,
};

const bookablePatient = and(eq(users.role, "patient"), eq(users.active, true), isNull(users.deletedAt))!;

/**
 * Active patients a front desk may book for, by name or email. An admin finds
 * any patient; a doctor only patients already in their care by name or part
 * of an email, and anyone else only by their exact email address, so the
 * search is no directory of every patient.
 */
export function searchPatientsForFrontDesk(db: Db, input: { query: string; doctorId?: string; limit: number }) {
  const pattern = likePattern(input.query);
  const matches = or(ilike(users.fullName, pattern), ilike(users.email, pattern))!;
  const exactEmail = sql`lower(${users.email}) = lower(${input.query})`;
  const scope: SQL = input.doctorId ? or(exactEmail, and(matches, doctorCaresFor(input.doctorId, users.id)))! : matches;
  return db
    .select(patientColumns)
    .from(users)
    .leftJoin(patientProfiles, eq(patientProfiles.userId, users.id))
    .where(and(bookablePatient, scope))
    .orderBy(asc(users.fullName), asc(users.email))
    .limit(input.limit);
}

/** One bookable patient, for the booking step's heading (and to refuse a stale id). */
export async function getPatientForFrontDesk(db: Db, patientId: string): Promise<FrontDeskPatient | undefined> {
  const [row] = await db
    .select(patientColumns)
    .from(users)
    .leftJoin(patientProfiles, eq(patientProfiles.userId, users.id))
    .where(and(bookablePatient, eq(users.id, patientId)));
  return row;
}
