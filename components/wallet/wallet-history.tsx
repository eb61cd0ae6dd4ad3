import { DataTable } from "@/components/ui/data-table";
import { formatDateTime, formatMoney } from "@/lib/format";
import { walletMovementLabels } from "@/lib/wallet/labels";
import type { WalletMovement } from "@/lib/wallet/types";

type Movement = WalletMovement;

const withdrawalNotes = { pending: "On its way to your card", settled: "Settled by Stripe" } as const;

/** A top-up's receipt, or a visit paid from the wallet: its payment's receipt. */
const receiptHref = (row: Movement) =>
  row.kind === "top_up" && row.topUpId
    ? `/patient/wallet/receipts/${row.topUpId}`
    : row.kind === "visit_payment" && row.walletPaymentId
      ? `/patient/payments/${row.walletPaymentId}`
      : null;

/** Wallet movements, newest first: when, what, the amount on the wallet and the balance after it. */
export function WalletHistory({ rows, timeZone, caption }: { rows: Movement[]; timeZone: string; caption: string }) {
  if (rows.length === 0) return <p className="text-slate-600">No movements yet.</p>;
  return (
    <DataTable caption={caption} columns={[{ label: "Date" }, { label: "What" }, { label: "Amount", align: "right" }, { label: "Balance", align: "right" }]}>
      {rows.map((row) => (
        <tr key={row.id} className="align-top">
          <td className="py-3 pr-4 whitespace-nowrap">{formatDateTime(row.createdAt, timeZone)}</td>
          <td className="py-3 pr-4">
            {/* One child: on a phone the cell is a labelled row of a card (DataTable), and a second child would fall under the label. */}
            <span>
              <span className="block font-medium text-slate-900">{walletMovementLabels[row.kind]}</span>
              {row.reason ? <span className="block text-sm text-slate-600">{row.reason}</span> : null}
              {row.withdrawalStatus ? <span className="block text-sm text-slate-600">{withdrawalNotes[row.withdrawalStatus]}</span> : null}
              {receiptHref(row) ? (
                <a href={receiptHref(row)!} className="block text-sm font-medium text-brand-700 underline">
                  Receipt
                  <span className="sr-only">
                    {" "}
                    for {walletMovementLabels[row.kind].toLowerCase()} on {formatDateTime(row.createdAt, timeZone)}
                  </span>
                </a>
              ) : null}
            </span>
          </td>
          <td className={`py-3 pr-4 text-right whitespace-nowrap tabular-nums ${row.amountMinor > 0 ? "text-emerald-800" : "text-slate-900"}`}>
            {row.amountMinor > 0 ? "+" : "−"}
            {formatMoney(Math.abs(row.amountMinor), row.currency)}
          </td>
          <td className="py-3 text-right tabular-nums">{formatMoney(row.balanceAfterMinor, row.currency)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** The balance in each currency the patient has a wallet in. */
export function WalletBalances({ balances }: { balances: { currency: string; balanceMinor: number }[] }) {
  if (balances.length === 0) return <p className="text-slate-600">Your balance is empty.</p>;
  return (
    <dl className="grid grid-cols-2 gap-3 sm:grid-cols-4">
      {balances.map((row) => (
        <div key={row.currency} className="rounded-lg border border-slate-200 bg-white p-4">
          <dt className="text-sm text-slate-600">Balance ({row.currency})</dt>
          <dd className="mt-1 text-2xl font-bold text-slate-900 tabular-nums">{formatMoney(row.balanceMinor, row.currency)}</dd>
        </div>
      ))}
    </dl>
  );
}
