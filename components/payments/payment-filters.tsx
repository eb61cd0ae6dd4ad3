import Link from "next/link";
import { buttonClasses } from "@/components/ui/button";
import { paymentStatusLabels } from "@/lib/payments/policy";
import type { PaymentFilterInput } from "@/lib/payments/schemas";

const selectClasses = "rounded-md border border-slate-300 bg-white px-3 py-2 text-sm";

/** A plain GET form: the filters live in the URL, so a filtered view can be bookmarked and exported as is. */
export function PaymentFilters({ filter, doctors, exportHref }: { filter: PaymentFilterInput; doctors: { id: string; fullName: string }[]; exportHref: string }) {
  return (
    <form method="get" className="flex flex-wrap items-end gap-3">
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-status" className="text-sm font-medium text-slate-800">
          Status
        </label>
        <select id="filter-status" name="status" defaultValue={filter.status ?? ""} className={selectClasses}>
          <option value="">Any status</option>
          {Object.entries(paymentStatusLabels).map(([value, label]) => (
            <option key={value} value={value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-doctor" className="text-sm font-medium text-slate-800">
          Doctor
        </label>
        <select id="filter-doctor" name="doctor" defaultValue={filter.doctor ?? ""} className={selectClasses}>
          <option value="">All doctors</option>
          {doctors.map((doctor) => (
            <option key={doctor.id} value={doctor.id}>
              {doctor.fullName}
            </option>
          ))}
        </select>
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-from" className="text-sm font-medium text-slate-800">
          From (UTC)
        </label>
        <input id="filter-from" type="date" name="from" defaultValue={filter.from} className={selectClasses} />
      </div>
      <div className="flex flex-col gap-1">
        <label htmlFor="filter-to" className="text-sm font-medium text-slate-800">
          To (UTC)
        </label>
        <input id="filter-to" type="date" name="to" defaultValue={filter.to} className={selectClasses} />
      </div>
      <button type="submit" className={buttonClasses("primary")}>
        Filter
      </button>
      <Link href="/admin/payments" className={buttonClasses("ghost")}>
        Clear
      </Link>
      <a href={exportHref} className={buttonClasses("secondary")} download>
        Export CSV
      </a>
    </form>
  );
}
