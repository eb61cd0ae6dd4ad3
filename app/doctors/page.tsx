import type { Metadata } from "next";
import Link from "next/link";
import { getDb } from "@/db";
import { listBookableDoctors } from "@/db/queries/appointment-reads";
import { PageHeading } from "@/components/ui/card";
import { formatMoney } from "@/lib/format";

export const metadata: Metadata = { title: "Find a doctor" };

export default async function DoctorsPage() {
  const doctors = await listBookableDoctors(getDb());
  return (
    <>
      <PageHeading title="Find a doctor" subtitle={`${doctors.length} verified doctors`} />
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
        {doctors.map((doctor) => (
          <li key={doctor.id} className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm">
            <Link href={`/doctors/${doctor.id}`} className="text-lg font-semibold text-brand-700 underline-offset-2 hover:underline">
              {doctor.fullName}
            </Link>
            <p className="text-slate-700">{doctor.specialization}</p>
            <p className="text-sm text-slate-600">
              {doctor.city} · {formatMoney(doctor.priceMinor, doctor.currency)}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
