import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { listSpecializationsWithUsage } from "@/db/queries/specializations";
import { PageNotice } from "@/components/admin/page-notice";
import { CreateSpecializationForm, SpecializationRow } from "@/components/admin/specialization-forms";
import { Card, PageHeading } from "@/components/ui/card";
import { requireRole } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Specializations" };

export default async function AdminSpecializationsPage({ searchParams }: { searchParams: Promise<{ notice?: string }> }) {
  await requireRole("admin");
  const { notice } = await searchParams;
  const rows = await listSpecializationsWithUsage(getDb());
  return (
    <>
      <PageHeading title="Specializations" subtitle="The list doctors choose from and patients search by. A specialization in use cannot be deleted." />
      <PageNotice code={notice} messages={{ deleted: "The specialization was deleted." }} />
      <div className="flex flex-col gap-6">
        <Card title="Add">
          <CreateSpecializationForm />
        </Card>
        <Card title={`All specializations (${rows.length})`}>
          <ul className="divide-y divide-slate-100">
            {rows.map((row) => (
              <SpecializationRow key={`${row.id}-${row.name}`} id={row.id} name={row.name} doctors={row.doctors} />
            ))}
          </ul>
        </Card>
      </div>
    </>
  );
}
