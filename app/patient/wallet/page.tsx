import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { getPatientTimeZone } from "@/db/queries/profiles";
import { walletBalances, walletHistory } from "@/db/queries/ledger";
import { Card, PageHeading } from "@/components/ui/card";
import { Notice } from "@/components/ui/notice";
import { Pagination } from "@/components/ui/pagination";
import { ZoneName } from "@/components/ui/zone-name";
import { WalletBalances, WalletHistory } from "@/components/wallet/wallet-history";
import { requireRole } from "@/lib/auth/guards";
import { pageFrom } from "@/lib/validation/paging";

export const metadata: Metadata = { title: "Wallet" };

const PAGE_SIZE = 25;

export default async function PatientWalletPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireRole("patient");
  const page = pageFrom(await searchParams);
  const db = getDb();
  const [balances, history, zone] = await Promise.all([
    walletBalances(db, user.id),
    walletHistory(db, user.id, { limit: PAGE_SIZE, offset: (page - 1) * PAGE_SIZE }),
    getPatientTimeZone(db, user.id),
  ]);
  const timeZone = zone ?? "UTC";
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
        <Card title="Balance">
          <div className="flex flex-col gap-4">
            <WalletBalances balances={balances} />
            <Notice tone="info">
              Adding funds by card and withdrawing to a card are not available yet. A clinic administrator can credit your balance; when you book a visit you
              can choose “Pay from wallet balance” if it covers the price.
            </Notice>
          </div>
        </Card>
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
