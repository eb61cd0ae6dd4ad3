import type { Metadata } from "next";
import { getDb } from "@/lib/db";
import { listAuditEntries } from "@/db/queries/audit";
import { AuditTable } from "@/components/admin/audit-table";
import { FilterProblems } from "@/components/admin/form-bits";
import { Pagination } from "@/components/ui/pagination";
import { Card, PageHeading } from "@/components/ui/card";
import { FilterBar, FilterInput } from "@/components/ui/filter-bar";
import { knownAuditActions, knownEntityTypes, parseAuditFilter, toAuditQuery } from "@/lib/admin/audit";
import { requireRole } from "@/lib/auth/guards";

export const metadata: Metadata = { title: "Audit log" };

const PAGE_SIZE = 30;

const fields = [
  { name: "actor", label: "Actor", type: "search", placeholder: "Name, email or user id", list: undefined },
  { name: "action", label: "Action", type: "search", placeholder: "e.g. user.deactivated", list: "audit-actions" },
  { name: "entityType", label: "Entity type", type: "search", placeholder: "e.g. appointment", list: "audit-entity-types" },
  { name: "entityId", label: "Entity id", type: "search", placeholder: "Exact id", list: undefined },
  { name: "from", label: "From", type: "date", placeholder: undefined, list: undefined },
  { name: "to", label: "To", type: "date", placeholder: undefined, list: undefined },
] as const;

export default async function AdminAuditPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  await requireRole("admin");
  const { values, problems } = parseAuditFilter(await searchParams);
  const { rows, total } = await listAuditEntries(getDb(), toAuditQuery(values), { page: values.page, pageSize: PAGE_SIZE });
  const kept = { actor: values.actor, action: values.action, entityType: values.entityType, entityId: values.entityId, from: values.from, to: values.to };
  return (
    <>
      <PageHeading
        title="Audit log"
        subtitle="Who did what to which row, and when, with the values before and after. Read-only: nothing here can be changed from the app. Times in UTC."
      />
      <Card>
        <FilterProblems problems={problems} />
        <FilterBar label="Filter the audit log">
          {fields.map((field) => (
            <FilterInput
              key={field.name}
              id={`audit-${field.name}`}
              name={field.name}
              label={field.label}
              type={field.type}
              placeholder={field.placeholder}
              list={field.list}
              value={kept[field.name]}
            />
          ))}
          <datalist id="audit-actions">
            {knownAuditActions.map((action) => (
              <option key={action} value={action} />
            ))}
          </datalist>
          <datalist id="audit-entity-types">
            {knownEntityTypes.map((type) => (
              <option key={type} value={type} />
            ))}
          </datalist>
        </FilterBar>
        <AuditTable rows={rows} />
        <Pagination basePath="/admin/audit" params={kept} page={values.page} pageSize={PAGE_SIZE} total={total} label="Audit log pages" />
      </Card>
    </>
  );
}
