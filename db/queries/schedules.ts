import "server-only";
import { and, asc, eq, gt, gte, lt, ne, or, sql } from "drizzle-orm";
import type { Db } from "../client";
import { appointments, availabilityOverrides, availabilityRules, doctorProfiles, specializations, users } from "../schema";

/** A doctor's public profile with the settings the slot engine needs. */
export async function getBookableDoctor(db: Db, doctorId: string) {
  const [row] = await db
    .select({
      id: users.id,
      fullName: users.fullName,
      active: users.active,
      specialization: specializations.name,
      priceMinor: doctorProfiles.priceMinor,
      currency: doctorProfiles.currency,
      bio: doctorProfiles.bio,
      clinicName: doctorProfiles.clinicName,
      address: doctorProfiles.address,
      city: doctorProfiles.city,
      timeZone: doctorProfiles.timeZone,
      slotMinutes: doctorProfiles.slotMinutes,
      bufferMinutes: doctorProfiles.bufferMinutes,
      minimumNoticeHours: doctorProfiles.minimumNoticeHours,
      bookingHorizonDays: doctorProfiles.bookingHorizonDays,
      acceptingBookings: doctorProfiles.acceptingBookings,
      verificationStatus: doctorProfiles.verificationStatus,
    })
    .from(doctorProfiles)
    .innerJoin(users, eq(users.id, doctorProfiles.userId))
    .leftJoin(specializations, eq(specializations.id, doctorProfiles.specializationId))
    .where(eq(doctorProfiles.userId, doctorId));
  return row;
}

/** Weekly rules and the overrides from `fromDate` on ("YYYY-MM-DD", doctor-local). */
export async function getOpenHours(db: Db, doctorId: string, fromDate: string) {
  const [rules, overrides] = await Promise.all([
    db
      .select({ weekday: availabilityRules.weekday, startTime: availabilityRules.startTime, endTime: availabilityRules.endTime })
      .from(availabilityRules)
      .where(eq(availabilityRules.doctorId, doctorId)),
    db
      .select({ date: availabilityOverrides.date, closed: availabilityOverrides.closed, startTime: availabilityOverrides.startTime, endTime: availabilityOverrides.endTime })
      .from(availabilityOverrides)
      .where(and(eq(availabilityOverrides.doctorId, doctorId), gte(availabilityOverrides.date, fromDate)))
      .orderBy(asc(availabilityOverrides.date)),
  ]);
  return { rules, overrides };
}

/**
 * Time that is taken in [from, to): every appointment but cancelled ones and
 * unpaid holds whose time ran out (those are released by the next booking).
 */
export async function getBusyIntervals(db: Db, input: { doctorId: string; from: Date; to: Date; now: Date; excludeAppointmentId?: string }) {
  return db
    .select({ startsAt: appointments.startsAt, endsAt: appointments.endsAt })
    .from(appointments)
    .where(
      and(
        eq(appointments.doctorId, input.doctorId),
        ne(appointments.status, "cancelled"),
        lt(appointments.startsAt, input.to),
        gt(appointments.endsAt, input.from),
        or(ne(appointments.status, "pending_payment"), gt(appointments.holdExpiresAt, input.now)),
        input.excludeAppointmentId ? ne(appointments.id, input.excludeAppointmentId) : sql`true`,
      ),
    );
}
