import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { FilterBar, FilterInput, FilterSelect } from "@/components/ui/filter-bar";
import { paymentStatusLabels } from "@/lib/payments/policy";
import type { PaymentFilterInput } from "@/lib/payments/schemas";

/** Payment filters (status, doctor, dates), kept in the URL so the CSV export sees the same view. */
export function PaymentFilters({
  filter,
  doctors,
  exportHref,
}: {
  filter: PaymentFilterInput;
  doctors: { id: string; fullName: string }[];
  exportHref: string;
}) {
  return (
    <FilterBar
      label="Filter payments"
      submitLabel="Filter"
      actions={
        <>
          <Link href="/admin/payments" className={buttonClasses("ghost")}>
            Clear
          </Link>
          <a href={exportHref} className={buttonClasses("secondary")} download>
            Export CSV
          </a>
        </>
      }
    >
      <FilterSelect id="filter-status" name="status" label="Status" value={filter.status} anyLabel="Any status" options={paymentStatusLabels} />
      <FilterSelect
        id="filter-doctor"
        name="doctor"
        label="Doctor"
        value={filter.doctor}
        anyLabel="All doctors"
        options={doctors.map((doctor) => ({ value: doctor.id, label: doctor.fullName }))}
      />
      <FilterInput id="filter-from" name="from" label="From (UTC)" type="date" value={filter.from} />
      <FilterInput id="filter-to" name="to" label="To (UTC)" type="date" value={filter.to} />
    </FilterBar>
  );
}
