import { randomUUID } from "node:crypto";
import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { getUserForAdmin } from "@/db/queries/users";
import { ActiveForm, RoleForm } from "@/components/admin/user-forms";
import { UserDetailsForm } from "@/components/admin/user-details-forms";
import { PageNotice } from "@/components/admin/page-notice";
import { getPatientPhone } from "@/db/queries/user-details";
import { getTwoFactorCredential } from "@/db/queries/two-factor";
import { ResetTwoFactorForm } from "@/components/admin/two-factor-forms";
import { Card, PageHeading } from "@/components/ui/card";
import { WalletAdjustForm } from "@/components/admin/wallet-adjust-form";
import { WalletBalances, WalletHistory } from "@/components/wallet/wallet-history";
import { walletBalances, walletHistory } from "@/db/queries/ledger";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";
import { Fact, Facts } from "@/components/ui/facts";

export const metadata: Metadata = { title: "User" };

const notices = { "walk-in": "Patient account created. They were emailed a link to set their password; you can book for them now." };

export default async function AdminUserPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const admin = await requireRole("admin");
  const [{ id }, query] = await Promise.all([params, searchParams]);
  if (!z.uuid().safeParse(id).success) notFound();
  const user = await getUserForAdmin(getDb(), id);
  if (!user) notFound();
  const self = user.id === admin.id;
  const isPatient = user.role === "patient";
  const phone = isPatient ? await getPatientPhone(getDb(), user.id) : null;
  const [twoFactor, wallet] = await Promise.all([
    getTwoFactorCredential(getDb(), user.id),
    isPatient ? Promise.all([walletBalances(getDb(), user.id), walletHistory(getDb(), user.id, { limit: 10 })]) : null,
  ]);
  return (
    <>
      <PageHeading title={user.fullName} subtitle={user.email} />
      <PageNotice code={typeof query.notice === "string" ? query.notice : undefined} messages={notices} />
      <p className="-mt-4 mb-4 text-sm">
        <Link href="/admin/users" className="text-brand-700 underline">
          Back to users
        </Link>
        {" · "}
        <Link href={`/admin/audit?entityType=user&entityId=${user.id}`} className="text-brand-700 underline">
          Audit history
        </Link>
        {isPatient && user.active && !user.deletedAt ? (
          <>
            {" · "}
            <Link href={`/admin/appointments/book/${user.id}`} className="text-brand-700 underline">
              Book for this patient
            </Link>
          </>
        ) : null}
      </p>
      <div className="grid gap-6 lg:grid-cols-2">
        <Card title="Account">
          <Facts>
            <Fact label="Role" className="capitalize">
              {user.role}
            </Fact>
            <Fact label="Status">{user.active ? "Active" : "Inactive (cannot sign in)"}</Fact>
            <Fact label="Email confirmed">{user.emailVerifiedAt ? formatDateTime(user.emailVerifiedAt, "UTC") + " UTC" : "Not yet"}</Fact>
            <Fact label="Joined">{formatDateTime(user.createdAt, "UTC")} UTC</Fact>
            <Fact label="Open sessions">{user.openSessions}</Fact>
            <Fact label="Two-factor authentication">
              {twoFactor?.confirmedAt ? `On since ${formatDateTime(twoFactor.confirmedAt, "UTC")} UTC` : twoFactor ? "Being set up" : "Off"}
            </Fact>
          </Facts>
        </Card>
        {user.deletedAt ? null : (
          <Card title="Name, email and phone">
            <UserDetailsForm user={{ id: user.id, fullName: user.fullName, email: user.email, phone, isPatient }} />
          </Card>
        )}
        <Card title="Change role">
          {self ? (
            <p className="text-sm text-slate-600">You cannot change your own role. Ask another administrator.</p>
          ) : (
            <RoleForm userId={user.id} name={user.fullName} role={user.role} />
          )}
        </Card>
        {user.deletedAt ? null : (
          <Card title="Two-factor authentication">
            <ResetTwoFactorForm userId={user.id} name={user.fullName} enabled={twoFactor !== undefined} />
          </Card>
        )}
        {wallet ? (
          <Card title="Wallet">
            <div className="flex flex-col gap-4">
              <WalletBalances balances={wallet[0]} />
              <WalletHistory rows={wallet[1]} timeZone="UTC" caption={`Latest wallet movements of ${user.fullName} (UTC)`} />
              {user.deletedAt ? null : <WalletAdjustForm patientId={user.id} name={user.fullName} requestId={randomUUID()} />}
            </div>
          </Card>
        ) : null}
        <Card title={user.active ? "Deactivate" : "Reactivate"}>
          {self ? (
            <p className="text-sm text-slate-600">You cannot deactivate your own account.</p>
          ) : (
            <>
              <p className="mb-3 text-sm text-slate-600">
                {user.active
                  ? "A deactivated user is signed out everywhere at once and cannot sign in until reactivated."
                  : "Reactivating lets this user sign in again."}
              </p>
              <ActiveForm userId={user.id} name={user.fullName} active={user.active} />
            </>
          )}
        </Card>
      </div>
    </>
  );
}
