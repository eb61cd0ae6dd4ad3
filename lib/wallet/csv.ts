import { stringify } from "csv-stringify/sync";
import { walletMovementLabels } from "./labels";
import type { WalletMovement } from "@/lib/wallet/types";

type Movement = WalletMovement;

/** A cell a spreadsheet would run as a formula (= + - @) is kept as text; quoting is csv-stringify's job. */
const text = (value: string | null) => (!value ? "" : /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
const decimal = (minor: number) => (minor / 100).toFixed(2);

/** The patient's wallet history as CSV: amounts and balances as plain decimals a spreadsheet can sum. */
export function walletHistoryToCsv(rows: Movement[]): string {
  return stringify(
    rows.map((row) => ({
      date: row.createdAt.toISOString(),
      what: walletMovementLabels[row.kind],
      note: text(row.reason),
      amount: decimal(row.amountMinor),
      balance: decimal(row.balanceAfterMinor),
      currency: row.currency,
      appointment: row.appointmentId ?? "",
      id: row.id,
    })),
    {
      header: true,
      columns: [
        { key: "date", header: "Date (UTC)" },
        { key: "what", header: "What" },
        { key: "note", header: "Note" },
        { key: "amount", header: "Amount" },
        { key: "balance", header: "Balance after" },
        { key: "currency", header: "Currency" },
        { key: "appointment", header: "Appointment id" },
        { key: "id", header: "Transaction id" },
      ],
    },
  );
}
