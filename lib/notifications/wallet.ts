import { createElement } from "react";
import type { Db } from "@/db/client";
import { walletBalances } from "@/db/queries/ledger";
import { getPatientTimeZone } from "@/db/queries/profiles";
import { getUserById } from "@/db/queries/users";
import { getWithdrawal, listRefundsOfWithdrawal, withdrawalOutcome } from "@/db/queries/wallet-cards";
import { getWalletMovement } from "@/db/queries/wallet-reads";
import { absoluteUrl } from "@/lib/env";
import { sendFromJob, type MailResult } from "./mailer";
import { formatAmount, formatWhen } from "./templates/email-parts";
import { TopUpReceiptMessage, WalletAdjustedMessage, WithdrawalSettledMessage, WithdrawalStartedMessage } from "./templates/wallet-emails";

// The wallet's emails, sent by the send-wallet-email job: an admin's
// adjustment, a top-up's receipt, a withdrawal started and settled.

const balanceIn = async (db: Db, patientId: string, currency: string) =>
  formatAmount((await walletBalances(db, patientId)).find((row) => row.currency === currency)?.balanceMinor ?? 0, currency);

/** The email a wallet movement asks for; movements nobody is emailed about (visit payments and refunds have their own) are skipped. */
export async function sendWalletMovementEmail(db: Db, transactionId: string): Promise<MailResult> {
  const movement = await getWalletMovement(db, transactionId);
  if (!movement) return { outcome: "skipped", reason: "no wallet movement" };
  const timeZone = (await getPatientTimeZone(db, movement.patientId)) ?? "UTC";
  const amount = formatAmount(Math.abs(movement.amountMinor), movement.currency);
  const balance = await balanceIn(db, movement.patientId, movement.currency);
  const when = formatWhen(movement.createdAt, timeZone);
  const common = { to: movement.patientEmail, userId: movement.patientId, idempotencyKey: `wallet-movement/${movement.id}` };
  const walletUrl = absoluteUrl("/patient/wallet");
  const what = `wallet email ${movement.id}`;
  if (movement.kind === "adjustment")
    return sendFromJob(
      db,
      {
        ...common,
        template: "wallet-adjusted",
        subject: `Your Careslot wallet was ${movement.amountMinor > 0 ? "credited" : "debited"} ${amount}`,
        body: createElement(WalletAdjustedMessage, {
          name: movement.patientName,
          walletUrl,
          amount,
          credit: movement.amountMinor > 0,
          reason: movement.reason ?? "",
          balance,
          when,
        }),
      },
      what,
    );
  if (movement.kind === "top_up" && movement.topUpId)
    return sendFromJob(
      db,
      {
        ...common,
        template: "wallet-top-up-receipt",
        subject: `Receipt: ${amount} added to your wallet`,
        body: createElement(TopUpReceiptMessage, {
          name: movement.patientName,
          walletUrl,
          receiptUrl: absoluteUrl(`/patient/wallet/receipts/${movement.topUpId}`),
          amount,
          balance,
          when,
          receiptNumber: movement.topUpId,
        }),
      },
      what,
    );
  if (movement.kind === "withdrawal" && movement.withdrawalId) {
    const cards = (await listRefundsOfWithdrawal(db, movement.withdrawalId)).length;
    return sendFromJob(
      db,
      {
        ...common,
        template: "wallet-withdrawal-started",
        subject: `Withdrawal of ${amount} to your card started`,
        body: createElement(WithdrawalStartedMessage, { name: movement.patientName, walletUrl, amount, cards, when }),
      },
      what,
    );
  }
  return { outcome: "skipped", reason: `no email for ${movement.kind}` };
}

/** Once every refund of a withdrawal is final: what reached the card, what came back to the wallet. */
export async function sendWithdrawalSettledEmail(db: Db, withdrawalId: string): Promise<MailResult> {
  const withdrawal = await getWithdrawal(db, withdrawalId);
  if (!withdrawal || withdrawal.status !== "settled") return { outcome: "skipped", reason: "withdrawal not settled" };
  const patient = await getUserById(db, withdrawal.patientId);
  if (!patient) return { outcome: "skipped", reason: "patient not found" };
  const { settledMinor, returnedMinor } = await withdrawalOutcome(db, withdrawal.id);
  const money = (minor: number) => (minor > 0 ? formatAmount(minor, withdrawal.currency) : null);
  return sendFromJob(
    db,
    {
      to: patient.email,
      userId: patient.id,
      template: "wallet-withdrawal-settled",
      subject: settledMinor > 0 ? `${formatAmount(settledMinor, withdrawal.currency)} refunded to your card` : "Your withdrawal could not be made",
      body: createElement(WithdrawalSettledMessage, {
        name: patient.fullName,
        walletUrl: absoluteUrl("/patient/wallet"),
        settled: money(settledMinor),
        returned: money(returnedMinor),
        balance: await balanceIn(db, patient.id, withdrawal.currency),
      }),
      idempotencyKey: `wallet-withdrawal-settled/${withdrawal.id}`,
    },
    `withdrawal settled email ${withdrawal.id}`,
  );
}
