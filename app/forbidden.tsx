import Link from "next/link";
import { EnsureMain } from "@/components/layout/main-landmark";

export default function Forbidden() {
  return (
    <EnsureMain>
      <div className="mx-auto max-w-lg py-16 text-center">
        <p className="text-sm font-semibold text-red-700">403</p>
        <h1 className="mt-2 text-2xl font-bold">You do not have access to this page</h1>
        <p className="mt-2 text-slate-600">This part of Careslot belongs to another kind of account.</p>
        <Link href="/portal" className="mt-6 inline-block font-medium text-brand-700 underline">
          Go to your portal
        </Link>
      </div>
    </EnsureMain>
  );
}
