import "server-only";
import { createElement } from "react";
import type { Db } from "@/db/client";
import { insertAuditEntry } from "@/db/queries/audit";
import {
  anonymiseUser,
  clearAppointmentTextsOfPatient,
  clearCancellationReasonsInEvents,
  clearPatientProfile,
  deleteAuthTokensOf,
  deleteEmailsTo,
  deleteMedicalRecordsOfPatient,
  deleteReviewReportsBy,
  deleteReviewsOfPatient,
  listPaymentsForExport,
  listRefundsForExport,
  listUpcomingActiveAppointments,
  lockUserForErasure,
  redactAuditEntriesOf,
} from "@/db/queries/patient-data";
import { clearThrottle } from "@/db/queries/sign-in-throttle";
import { getUserById, revokeAllSessionsOfUser } from "@/db/queries/users";
import { emailKey } from "@/lib/auth/accounts";
import { checkPasswordAttempt } from "@/lib/auth/credentials";
import { lockoutMessage } from "@/lib/auth/lockout";
import { cancelAppointment } from "@/lib/booking/service";
import { absoluteUrl } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { formatMoney } from "@/lib/format";
import { logger, securityEvent } from "@/lib/logger";
import { sendEmail } from "@/lib/notifications/mailer";
import { AccountDeletedMessage } from "@/lib/notifications/templates/account-emails";
import { deleteFile } from "@/lib/storage";

// "Delete my account" (GDPR article 17), in one flow:
//   1. the password, under the sign-in lockout (a wrong one counts, as for change-password);
//   2. every upcoming visit cancelled as the patient, refunded by the patient's
//      refund policy — one inside the cancellation window too (the window only
//      protects the doctor's day, and the freed slot is better for it; the money
//      still follows the policy: cancelling as "system" would refund in full and
//      make deletion a way round a late cancellation's terms);
//   3. one transaction that erases: the user row anonymised (name, email,
//      password, inactive, deleted_at), the profile's personal and medical
//      fields emptied, records, reviews and reports deleted, the patient's own
//      words cleared from appointments, their history, the events that carried
//      them and their audit entries,
//      tokens, throttle row and stored emails removed, every session ended;
//   4. after the commit, the files removed from storage and one email to the
//      address the account had.
// Kept, without a name: appointments (times, doctor, status, price) and their
// consultation notes — the doctor's medical record —, payments and refunds for
// the accounts, and the audit entries. Those still name the user's id, which
// now points at the anonymised row; keeping the id keeps the trail readable
// ("the same deleted patient booked, then cancelled") without saying who.

export const ACCOUNT_DELETED_REASON = "The patient deleted their account.";

export interface DeletionOutcome {
  cancelledAppointments: number;
  /** Per currency, what the cancellations refund ("€60.00"). */
  refunds: string[];
}

export async function deletePatientAccount(db: Db, input: { patientId: string; password: string }, now: Date): Promise<DeletionOutcome> {
  const user = await getUserById(db, input.patientId);
  if (!user || user.role !== "patient" || !user.active || user.deletedAt) throw new AppError("unauthenticated");

  const check = await checkPasswordAttempt(db, { emailKey: emailKey(user.email), passwordHash: user.passwordHash, password: input.password }, now);
  if (!check.ok) {
    securityEvent("account_deletion_refused", { userId: user.id, reason: check.failures === null ? "locked" : "wrong_password", failures: check.failures });
    if (check.reason === "locked") throw new AppError("rate_limited", lockoutMessage(check.retryAfterSeconds, "wrong passwords"));
    throw new AppError("invalid_input", "Your account was not deleted.", { password: ["That is not your password."] });
  }

  const cancelledIds = await cancelUpcomingAppointments(db, user.id, now);
  const refunds = await refundsOf(db, user.id, cancelledIds);

  const erased = await db.transaction(async (tx) => {
    const row = await lockUserForErasure(tx, user.id);
    if (!row || row.deletedAt) throw new AppError("conflict", "This account is already deleted.");
    // A booking that slipped in after the cancellations (another tab) would keep a slot for nobody.
    if ((await listUpcomingActiveAppointments(tx, user.id, now)).length > 0) {
      throw new AppError("conflict", "An appointment was booked while your account was being deleted. Nothing was deleted; please try again.");
    }
    const photoKey = await clearPatientProfile(tx, user.id);
    const recordKeys = await deleteMedicalRecordsOfPatient(tx, user.id);
    const reviews = await deleteReviewsOfPatient(tx, user.id);
    const reports = await deleteReviewReportsBy(tx, user.id);
    await clearAppointmentTextsOfPatient(tx, user.id, ACCOUNT_DELETED_REASON);
    await clearCancellationReasonsInEvents(tx, user.id, ACCOUNT_DELETED_REASON);
    await deleteAuthTokensOf(tx, user.id);
    const emails = await deleteEmailsTo(tx, { userId: user.id, email: row.email });
    await clearThrottle(tx, emailKey(row.email));
    await revokeAllSessionsOfUser(tx, user.id, now);
    const redacted = await redactAuditEntriesOf(tx, user.id);
    await anonymiseUser(tx, user.id, now);
    await insertAuditEntry(tx, {
      actorId: user.id,
      actorRole: "patient",
      action: "patient.account_deleted",
      entityType: "user",
      entityId: user.id,
      after: {
        cancelledAppointments: cancelledIds.length,
        records: recordKeys.length,
        reviews,
        reviewReports: reports,
        emails,
        redactedAuditEntries: redacted,
        sessionsRevoked: true,
      },
    });
    return { fileKeys: [...recordKeys, ...(photoKey ? [photoKey] : [])], address: row.email };
  });

  await removeFiles(erased.fileKeys);
  await sendDeletionConfirmation(db, erased.address, { cancelled: cancelledIds.length, refunds });
  logger.info(
    { event: "account_deleted", userId: user.id, cancelledAppointments: cancelledIds.length, files: erased.fileKeys.length },
    "patient account deleted",
  );
  return { cancelledAppointments: cancelledIds.length, refunds };
}

/** Each upcoming visit, cancelled in its own booking transaction with its refund; one cancelled meanwhile by someone else is skipped. */
async function cancelUpcomingAppointments(db: Db, patientId: string, now: Date): Promise<string[]> {
  const cancelled: string[] = [];
  for (const appointment of await listUpcomingActiveAppointments(db, patientId, now)) {
    try {
      await cancelAppointment(
        db,
        { appointmentId: appointment.id, actor: { id: patientId, role: "patient" }, reason: ACCOUNT_DELETED_REASON, waiveCancellationWindow: true },
        now,
      );
      cancelled.push(appointment.id);
    } catch (error) {
      if (!(error instanceof AppError && error.code === "conflict")) throw error;
    }
  }
  return cancelled;
}

async function refundsOf(db: Db, patientId: string, appointmentIds: string[]): Promise<string[]> {
  if (appointmentIds.length === 0) return [];
  const payments = (await listPaymentsForExport(db, patientId)).filter((payment) => appointmentIds.includes(payment.appointmentId));
  const currencyOf = new Map(payments.map((payment) => [payment.id, payment.currency]));
  const totals = new Map<string, number>();
  for (const refund of await listRefundsForExport(db, patientId)) {
    const currency = currencyOf.get(refund.paymentId);
    if (!currency || refund.status === "failed") continue;
    totals.set(currency, (totals.get(currency) ?? 0) + refund.amountMinor);
  }
  return [...totals].map(([currency, minor]) => formatMoney(minor, currency));
}

/** The rows are gone, so nobody can reach a file left behind; a failure is logged for clean-up. */
async function removeFiles(keys: string[]): Promise<void> {
  for (const key of keys) {
    await deleteFile(key).catch((error: unknown) => logger.error({ err: error, fileKey: key }, "file of a deleted account could not be removed"));
  }
}

/**
 * Sent to the address captured before it was erased, the way account emails
 * are (lib/auth/accounts.ts): straight through the mailer once the erasure has
 * committed, not through the outbox, whose stored payload would keep the
 * address after the account is gone. The deletion stands if the email fails.
 */
async function sendDeletionConfirmation(db: Db, address: string, summary: { cancelled: number; refunds: string[] }): Promise<void> {
  try {
    await sendEmail(db, {
      to: address,
      subject: "Your Careslot account has been deleted",
      template: "account-deleted",
      body: createElement(AccountDeletedMessage, { ...summary, homeUrl: absoluteUrl("/register") }),
    });
  } catch (error) {
    logger.error({ err: error }, "account deletion confirmation could not be sent");
  }
}
