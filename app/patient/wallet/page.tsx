import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { getDb } from "@/lib/db";
import { getPatientTimeZone } from "@/db/queries/profiles";
import { walletHistory } from "@/db/queries/ledger";
import { Card, PageHeading } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Pagination } from "@/components/ui/pagination";
import { ZoneName } from "@/components/ui/zone-name";
import { AddFundsForm, WithdrawForm } from "@/components/wallet/wallet-card-forms";
import { WalletBalances, WalletHistory } from "@/components/wallet/wallet-history";
import { requireRole } from "@/lib/auth/guards";
import { formatMoney } from "@/lib/format";
import { onlinePaymentsEnabled } from "@/lib/payments/stripe-client";
import { pageFrom } from "@/lib/validation/paging";
import { CARD_PAYMENTS_OFF, topUpCurrencies } from "@/lib/payments/wallet-top-up";
import { withdrawableAmounts } from "@/lib/payments/wallet-withdraw";

export const metadata: Metadata = { title: "Wallet" };

const PAGE_SIZE = 25;

const RETURN_NOTICES: Record<string, { tone: "info" | "warning"; text: string }> = {
  success: {
    tone: "info",
    text: "Thank you. Stripe is confirming your payment: the amount appears in your balance and history as soon as it does, usually within a minute.",
  },
  cancelled: { tone: "warning", text: "You left the payment page before paying. Nothing was charged." },
};

export default async function PatientWalletPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("patient");
  const query = await searchParams;
  const page = pageFrom(query);
  const returned = typeof query["top-up"] === "string" ? RETURN_NOTICES[query["top-up"]] : undefined;
  const db = getDb();
  const cards = onlinePaymentsEnabled();
  const [amounts, history, zone, currencies] = await Promise.all([
    withdrawableAmounts(db, user.id),
    walletHistory(db, user.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    getPatientTimeZone(db, user.id),
    topUpCurrencies(db, user.id),
  ]);
  const timeZone = zone ?? "UTC";
  const withdrawable = amounts.filter((row) => row.withdrawableMinor > 0);
  return (
    <>
      <PageHeading
        title="Wallet"
        subtitle={
          <>
            Money you hold with Careslot: it pays for visits, and refunds of visits paid from it come back here at once. Dates in your time zone,{" "}
            <ZoneName timeZone={timeZone} />.
          </>
        }
      />
      <div className="flex flex-col gap-6">
        {returned ? <Notice tone={returned.tone}>{returned.text}</Notice> : null}
        <Card title="Balance">
          <WalletBalances balances={amounts} />
        </Card>
        {cards ? (
          <div className="grid gap-6 lg:grid-cols-2">
            <Card title="Add funds">
              {currencies.length > 0 ? (
                <AddFundsForm currencies={currencies} requestId={randomUUID()} />
              ) : (
                <p className="text-sm text-slate-700">No doctor takes payments yet, so there is no currency to add funds in.</p>
              )}
            </Card>
            <Card title="Withdraw to card">
              {withdrawable.length > 0 ? (
                <WithdrawForm
                  currencies={withdrawable.map((row) => row.currency)}
                  requestId={randomUUID()}
                  limits={`At most ${withdrawable.map((row) => formatMoney(row.withdrawableMinor, row.currency)).join(" or ")}: money you added by card goes back to that card, newest first.`}
                />
              ) : (
                <p className="text-sm text-slate-700">
                  Only money you added by card can go back to a card, and none of it is left in your balance. Credit from the clinic and refunds of visits are
                  spent on visits.
                </p>
              )}
            </Card>
          </div>
        ) : (
          // Both card actions need Stripe: said once, not once per action.
          <Card title="Add funds or withdraw to a card">
            <p className="text-sm text-slate-700">{offline}</p>
          </Card>
        )}
        <Card title="History">
          <WalletHistory rows={history} timeZone={timeZone} caption="Your wallet movements" />
          <Pagination basePath="/patient/wallet" params={{}} page={page} pageSize={PAGE_SIZE} total={history[0]?.total ?? 0} label="Wallet history pages" />
          {history.length > 0 ? (
            <p className="mt-4 text-sm">
              <a href="/patient/wallet/export" className="font-medium text-brand-700 underline">
                Download the history (CSV)
              </a>
            </p>
          ) : null}
        </Card>
      </div>
    </>
  );
}

const offline = `${CARD_PAYMENTS_OFF} Until then a clinic administrator can credit your balance, and you can pay visits from it with “Pay from wallet balance”.`;
