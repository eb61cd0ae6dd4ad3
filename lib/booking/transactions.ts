import "server-only";
import type { Db } from "@/db/client";
import { sql } from "drizzle-orm";
import { AppError, constraintName, sqlState } from "@/lib/errors";

const RETRYABLE = new Set(["40P01", "40001"]); // deadlock, serialization failure
const MAX_ATTEMPTS = 4;

/**
 * Runs `work` in one top-level transaction (never a savepoint: nested
 * transactions around the constrained INSERT caused deadlock storms, see
 * STACK-NOTES), retrying deadlocks briefly, and turns the no-overlap
 * constraints into the messages a patient can act on.
 */
export async function bookingTransaction<T>(db: Db, work: (tx: Db) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction(work);
    } catch (error) {
      const state = sqlState(error);
      if (state && RETRYABLE.has(state)) {
        if (attempt >= MAX_ATTEMPTS) throw new AppError("conflict", "Many people are booking right now. Please try again.");
        await new Promise((resolve) => setTimeout(resolve, 5 * attempt + Math.random() * 10));
        continue;
      }
      if (state === "23P01") {
        if (constraintName(error) === "appointments_patient_no_overlap") {
          throw new AppError("conflict", "You already have another appointment at that time. Choose a different slot or cancel the other visit first.");
        }
        throw new AppError("slot_taken");
      }
      throw error;
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
  await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${doctorId}, 0))`);
}
