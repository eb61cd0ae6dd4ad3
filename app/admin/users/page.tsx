import type { Metadata } from "next";
import { z } from "zod";
import { getDb } from "@/db";
import { listUsersForAdmin } from "@/db/queries/admin-users";
import { filterControl } from "@/components/admin/form-bits";
import { Pagination } from "@/components/admin/pagination";
import { UserBulkForm } from "@/components/admin/user-forms";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Users" };

const PAGE_SIZE = 20;

// A bad value in the URL falls back to "any" instead of failing the page.
const filterSchema = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  role: z.enum(["patient", "doctor", "admin"]).optional().catch(undefined),
  status: z.enum(["active", "inactive"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

const joined = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeZone: "UTC" });

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const admin = await requireRole("admin");
  const filter = filterSchema.parse(await searchParams);
  const { rows, total } = await listUsersForAdmin(getDb(), { query: filter.q || undefined, role: filter.role, status: filter.status, page: filter.page, pageSize: PAGE_SIZE });
  return (
    <>
      <PageHeading title="Users" subtitle="Find accounts, deactivate or reactivate several at once, or open one to change its role." />
      <Card>
        <form method="get" className="mb-4 flex flex-wrap items-end gap-3" role="search" aria-label="Filter users">
          <div className="flex flex-col gap-1">
            <label htmlFor="users-q" className="text-sm font-medium">
              Name or email
            </label>
            <input id="users-q" name="q" type="search" defaultValue={filter.q ?? ""} className={filterControl} />
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="users-role" className="text-sm font-medium">
              Role
            </label>
            <select id="users-role" name="role" defaultValue={filter.role ?? ""} className={filterControl}>
              <option value="">Any role</option>
              <option value="patient">Patient</option>
              <option value="doctor">Doctor</option>
              <option value="admin">Admin</option>
            </select>
          </div>
          <div className="flex flex-col gap-1">
            <label htmlFor="users-status" className="text-sm font-medium">
              Status
            </label>
            <select id="users-status" name="status" defaultValue={filter.status ?? ""} className={filterControl}>
              <option value="">Any status</option>
              <option value="active">Active</option>
              <option value="inactive">Inactive</option>
            </select>
          </div>
          <button type="submit" className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold hover:bg-slate-100">
            Search
          </button>
        </form>
        <UserBulkForm
          selfId={admin.id}
          rows={rows.map((row) => ({ id: row.id, fullName: row.fullName, email: row.email, role: row.role, active: row.active, verified: row.emailVerifiedAt !== null, joined: joined.format(row.createdAt) }))}
        />
        <Pagination basePath="/admin/users" params={{ q: filter.q, role: filter.role, status: filter.status }} page={filter.page} pageSize={PAGE_SIZE} total={total} label="Users pages" />
      </Card>
    </>
  );
}
