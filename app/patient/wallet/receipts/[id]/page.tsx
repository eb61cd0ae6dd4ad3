import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { getPatientTimeZone } from "@/db/queries/profiles";
import { getTopUpReceipt } from "@/db/queries/wallet-reads";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTime, formatMoney } from "@/lib/format";

export const metadata: Metadata = { title: "Receipt" };

/** The receipt of money added to the wallet by card: printable as it is (a visit paid from the wallet has its payment's receipt). */
export default async function TopUpReceiptPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireRole("patient");
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const db = getDb();
  const receipt = await getTopUpReceipt(db, id);
  // Someone else's top-up, or one never credited, is "not found": ids cannot be probed, and only money received has a receipt.
  if (!receipt || receipt.topUp.patientId !== user.id || receipt.topUp.status !== "credited") notFound();
  const { topUp } = receipt;
  const timeZone = (await getPatientTimeZone(db, user.id)) ?? "UTC";
  return (
    <>
      <PageHeading title="Receipt" subtitle="Careslot · funds added to your wallet" />
      <Card>
        <dl className="grid grid-cols-[auto_1fr] gap-x-6 gap-y-2 text-sm">
          <dt className="text-slate-600">Receipt number</dt>
          <dd className="font-mono text-xs break-all">{topUp.id}</dd>
          <dt className="text-slate-600">Patient</dt>
          <dd>{receipt.patientName}</dd>
          <dt className="text-slate-600">What</dt>
          <dd>Funds added to the Careslot wallet</dd>
          <dt className="text-slate-600">Method</dt>
          <dd>Card, through Stripe</dd>
          <dt className="text-slate-600">Amount</dt>
          <dd className="font-semibold">{formatMoney(topUp.amountMinor, topUp.currency)}</dd>
          <dt className="text-slate-600">Paid on</dt>
          <dd>{topUp.creditedAt ? formatDateTime(topUp.creditedAt, timeZone) : ""}</dd>
          {topUp.refundedMinor > 0 ? (
            <>
              <dt className="text-slate-600">Withdrawn to card since</dt>
              <dd>{formatMoney(topUp.refundedMinor, topUp.currency)}</dd>
            </>
          ) : null}
          <dt className="text-slate-600">Stripe payment</dt>
          <dd className="font-mono text-xs break-all">{topUp.stripePaymentIntentId}</dd>
        </dl>
        <div className="mt-6 flex flex-wrap gap-4 text-sm">
          <Link href="/patient/wallet" className="font-medium text-brand-700 underline">
            Your wallet
          </Link>
        </div>
      </Card>
    </>
  );
}
