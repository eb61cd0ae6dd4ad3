import "server-only";
import { sql } from "drizzle-orm";
import type { Db } from "./client";
import { sqlState } from "./errors";

const RETRYABLE = new Set(["40P01", "40001"]); // deadlock, serialization failure
const MAX_ATTEMPTS = 4;

/** Whether a failed transaction is worth running again as it was: a deadlock or a serialization failure. */
export const isRetryableConflict = (error: unknown): boolean => RETRYABLE.has(sqlState(error) ?? "");

/**
 * Runs `work` in one top-level transaction, retrying deadlocks and
 * serialization failures briefly; after the last attempt the error is thrown
 * as it came (the caller words it). Never a savepoint: inserts checked by the
 * exclusion constraints inside a subtransaction (Drizzle's nested
 * `tx.transaction()`, a PL/pgSQL EXCEPTION block) caused deadlock storms in 3
 * of 10 race runs, plain top-level ones none in 12.
 */
export async function retryingTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      if (!isRetryableConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
    }
  }
}

/**
 * Queues this transaction behind any other booking change of the same doctor.
 * Concurrent INSERTs checked by two exclusion constraints can deadlock each
 * other (seen in tests: 40P01 in about 1 race in 10); in line, the later one
 * simply sees the earlier one's appointment and is told the slot was taken.
 */
export async function lockDoctorSchedule(tx: Db, doctorId: string): Promise<void> {
  // The key as careslot_book_appointment (migration 0027) takes it: the id's canonical text, whatever case it came in.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${doctorId}::uuid::text, 0))`);
}

/**
 * Queues this transaction behind any other booking by the same patient, so
 * the booking caps are counted with nothing of theirs in flight: a burst of
 * parallel bookings with several doctors (each under its own doctor's lock)
 * is counted one at a time. Always taken after the doctor's lock, never before.
 */
export async function lockPatientBookings(tx: Db, patientId: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('patient-bookings:' || ${patientId}::uuid::text, 0))`);
}
