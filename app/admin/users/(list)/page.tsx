import type { Metadata } from "next";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { listUsersForAdmin } from "@/db/queries/users";
import { Pagination } from "@/components/ui/pagination";
import { UserBulkForm } from "@/components/admin/user-forms";
import { Card, PageHeading } from "@/components/ui/card";
import { buttonClasses } from "@/components/ui/button";
import Link from "next/link";
import { FilterBar, FilterInput, FilterSelect } from "@/components/ui/filter-bar";
import { requireRole } from "@/lib/auth/guards";
import { singleLineText } from "@/lib/validation/text";
import { pageNumberSchema } from "@/lib/validation/paging";
import { userRole } from "@/lib/vocabulary";
import { formatDate } from "@/lib/format";

export const metadata: Metadata = { title: "Users" };

const PAGE_SIZE = 20;

// A bad value in the URL falls back to "any" instead of failing the page.
const filterSchema = z.object({
  q: singleLineText().max(100).optional().catch(undefined),
  role: z.enum(userRole.enumValues).optional().catch(undefined),
  status: z.enum(["active", "inactive"]).optional().catch(undefined),
  page: pageNumberSchema,
});

export default async function AdminUsersPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const admin = await requireRole("admin");
  const filter = filterSchema.parse(await searchParams);
  const { rows, total } = await listUsersForAdmin(getDb(), {
    query: filter.q || undefined,
    role: filter.role,
    status: filter.status,
    page: filter.page,
    pageSize: PAGE_SIZE,
  });
  return (
    <>
      <PageHeading title="Users" subtitle="Find accounts, deactivate or reactivate several at once, or open one to change its role." />
      <p className="mb-4">
        <Link href="/admin/users/new" className={buttonClasses("secondary", "min-h-11")}>
          Create a walk-in patient
        </Link>
      </p>
      <Card>
        <FilterBar label="Filter users" submitLabel="Search">
          <FilterInput id="users-q" name="q" label="Name or email" type="search" value={filter.q} />
          <FilterSelect
            id="users-role"
            name="role"
            label="Role"
            value={filter.role}
            anyLabel="Any role"
            options={{ patient: "Patient", doctor: "Doctor", admin: "Admin" }}
          />
          <FilterSelect
            id="users-status"
            name="status"
            label="Status"
            value={filter.status}
            anyLabel="Any status"
            options={{ active: "Active", inactive: "Inactive" }}
          />
        </FilterBar>
        <UserBulkForm
          selfId={admin.id}
          rows={rows.map((row) => ({
            id: row.id,
            fullName: row.fullName,
            email: row.email,
            role: row.role,
            active: row.active,
            emailVerified: row.emailVerifiedAt !== null,
            joined: formatDate(row.createdAt, "UTC"),
          }))}
        />
        <Pagination
          basePath="/admin/users"
          params={{ q: filter.q, role: filter.role, status: filter.status }}
          page={filter.page}
          pageSize={PAGE_SIZE}
          total={total}
          label="Users pages"
        />
      </Card>
    </>
  );
}
