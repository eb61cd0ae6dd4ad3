import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/lib/db";
import { listTopUpsNeedingAttention, walletReconciliation } from "@/db/queries/wallet-reads";
import { Card, PageHeading } from "@/components/ui/card";
import { DataTable } from "@/components/ui/data-table";
import { Notice } from "@/components/ui/notice";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTime, formatMoney } from "@/lib/format";

export const metadata: Metadata = { title: "Wallet reconciliation" };

type Row = Awaited<ReturnType<typeof walletReconciliation>>[number];

const checks = (row: Row) => [
  { label: "The ledger sums to zero", ok: row.entriesSum === 0 && row.allBalances === 0, detail: `entries ${formatMoney(row.entriesSum, row.currency)}` },
  {
    label: "Balances equal credits minus debits",
    ok: row.patientBalances === row.walletCredits - row.walletDebits,
    detail: `${formatMoney(row.walletCredits, row.currency)} − ${formatMoney(row.walletDebits, row.currency)}`,
  },
  {
    label: "Credited top-ups match Stripe",
    ok: row.toppedUp === row.toppedUpInLedger && row.toppedUp === row.stripeReceived,
    detail: `Stripe ${formatMoney(row.stripeReceived, row.currency)}, ledger ${formatMoney(row.toppedUpInLedger, row.currency)}`,
  },
];

/** The wallet's books, per currency: what patients hold, whether the ledger balances, and top-ups against Stripe. Admins only. */
export default async function WalletReconciliationPage() {
  await requireRole("admin");
  const db = getDb();
  const [rows, attention] = await Promise.all([walletReconciliation(db), listTopUpsNeedingAttention(db, new Date())]);
  const failing = rows.some((row) => checks(row).some((check) => !check.ok));
  return (
    <>
      <PageHeading
        title="Wallet reconciliation"
        subtitle={
          <>
            Patient wallets against the ledger and Stripe, per currency. Dates are in UTC.{" "}
            <Link href="/admin/payments" className="font-medium text-brand-700 underline">
              All payments
            </Link>
          </>
        }
      />
      <div className="flex flex-col gap-6">
        {failing ? <Notice tone="error">A check below does not hold. Nothing is changed automatically: look at the entries of that currency.</Notice> : null}
        <Card title="Per currency">
          {rows.length === 0 ? (
            <p className="text-slate-600">No wallet has moved yet.</p>
          ) : (
            <DataTable
              caption="Wallet totals per currency"
              columns={[
                { label: "Currency" },
                { label: "Patients hold", align: "right" },
                { label: "Credits", align: "right" },
                { label: "Debits", align: "right" },
                { label: "Withdrawals pending", align: "right" },
                { label: "Top-ups credited", align: "right" },
                { label: "Checks" },
              ]}
            >
              {rows.map((row) => (
                <tr key={row.currency} className="align-top">
                  <th scope="row" className="py-3 pr-4 text-left font-semibold text-slate-900">
                    {row.currency}
                  </th>
                  <td className="py-3 pr-4 text-right tabular-nums">{formatMoney(row.patientBalances, row.currency)}</td>
                  <td className="py-3 pr-4 text-right tabular-nums">{formatMoney(row.walletCredits, row.currency)}</td>
                  <td className="py-3 pr-4 text-right tabular-nums">{formatMoney(row.walletDebits, row.currency)}</td>
                  <td className="py-3 pr-4 text-right tabular-nums">{formatMoney(row.pendingWithdrawals, row.currency)}</td>
                  <td className="py-3 pr-4 text-right tabular-nums">{formatMoney(row.toppedUp, row.currency)}</td>
                  <td className="py-3">
                    <ul className="flex flex-col gap-1 text-sm">
                      {checks(row).map((check) => (
                        <li key={check.label} className={check.ok ? "text-emerald-800" : "font-semibold text-red-800"}>
                          {check.ok ? "✓" : "✗"} {check.label}
                          <span className="block text-xs text-slate-600">{check.detail}</span>
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
        <Card title="Top-ups to look at">
          <p className="mb-3 text-sm text-slate-700">
            Not credited because Stripe took another amount or currency, credited but not matching Stripe, or still waiting after a day. A mismatch is never
            credited: refund it in Stripe or credit the patient with “Adjust balance”.
          </p>
          {attention.length === 0 ? (
            <p className="text-sm text-slate-600">None: every credited top-up matches its Stripe payment.</p>
          ) : (
            <DataTable
              caption="Top-ups to look at"
              columns={[
                { label: "Started" },
                { label: "Patient" },
                { label: "Asked", align: "right" },
                { label: "Stripe took", align: "right" },
                { label: "Status" },
                { label: "Stripe" },
              ]}
            >
              {attention.map((row) => (
                <tr key={row.id} className="align-top">
                  <td className="py-3 pr-4 whitespace-nowrap">{formatDateTime(row.createdAt, "UTC")}</td>
                  <td className="py-3 pr-4">
                    <Link href={`/admin/users/${row.patientId}`} className="font-medium text-brand-700 underline">
                      {row.patientName}
                    </Link>
                  </td>
                  <td className="py-3 pr-4 text-right tabular-nums">{formatMoney(row.amountMinor, row.currency)}</td>
                  <td className="py-3 pr-4 text-right tabular-nums">
                    {row.receivedAmountMinor === null ? "—" : formatMoney(row.receivedAmountMinor, row.receivedCurrency || row.currency)}
                  </td>
                  <td className="py-3 pr-4">{statusWords[row.status] ?? row.status}</td>
                  <td className="py-3 font-mono text-xs break-all">{row.paymentIntentId ?? row.sessionId ?? "—"}</td>
                </tr>
              ))}
            </DataTable>
          )}
        </Card>
      </div>
    </>
  );
}

const statusWords: Record<string, string> = {
  mismatch: "Not credited: amount or currency differs",
  pending: "Still waiting for Stripe",
  credited: "Credited, but not as Stripe says",
};
