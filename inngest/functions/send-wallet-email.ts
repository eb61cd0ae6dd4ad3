import { getDb } from "@/lib/db";
import { sendWalletMovementEmail, sendWithdrawalSettledEmail } from "@/lib/notifications/wallet";
import { inngest } from "../client";
import { walletMovementRecorded, walletWithdrawalSettled } from "../events";

/** The wallet's emails: an admin's adjustment, a top-up's receipt, a withdrawal started, and settled. */
export const sendWalletEmail = inngest.createFunction(
  { id: "send-wallet-email", name: "Wallet email", triggers: [walletMovementRecorded, walletWithdrawalSettled] },
  async ({ event, step }) => {
    if (event.name === "wallet/withdrawal.settled") {
      const { withdrawalId } = event.data as { withdrawalId: string };
      return { withdrawalId, email: await step.run("email-withdrawal-settled", () => sendWithdrawalSettledEmail(getDb(), withdrawalId)) };
    }
    const { transactionId } = event.data as { transactionId: string };
    return { transactionId, email: await step.run("email-wallet-movement", () => sendWalletMovementEmail(getDb(), transactionId)) };
  },
);
