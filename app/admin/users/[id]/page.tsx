import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { getUserForAdmin } from "@/db/queries/users";
import { ActiveForm, RoleForm } from "@/components/admin/user-forms";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";
import { formatDateTime } from "@/lib/format";
import { Fact, Facts } from "@/components/ui/facts";

export const metadata: Metadata = { title: "User" };

export default async function AdminUserPage({ params }: { params: Promise<{ id: string }> }) {
  const admin = await requireRole("admin");
  const { id } = await params;
  if (!z.uuid().safeParse(id).success) notFound();
  const user = await getUserForAdmin(getDb(), id);
  if (!user) notFound();
  const self = user.id === admin.id;
  return (
    <>
      <PageHeading title={user.fullName} subtitle={user.email} />
      <p className="-mt-4 mb-4 text-sm">
        <Link href="/admin/users" className="text-brand-700 underline">
          Back to users
        </Link>
        {" · "}
        <Link href={`/admin/audit?entityType=user&entityId=${user.id}`} className="text-brand-700 underline">
          Audit history
        </Link>
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
          </Facts>
        </Card>
        <Card title="Change role">
          {self ? (
            <p className="text-sm text-slate-600">You cannot change your own role. Ask another administrator.</p>
          ) : (
            <RoleForm userId={user.id} name={user.fullName} role={user.role} />
          )}
        </Card>
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
