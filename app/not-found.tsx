import Link from "next/link";
import { EnsureMain } from "@/components/layout/main-landmark";

export default function NotFound() {
  return (
    <EnsureMain>
      <div className="mx-auto max-w-lg py-16 text-center">
        <p className="text-sm font-semibold text-slate-500">404</p>
        <h1 className="mt-2 text-2xl font-bold">We could not find that page</h1>
        <Link href="/" className="mt-6 inline-block font-medium text-brand-700 underline">
          Back to the home page
        </Link>
      </div>
    </EnsureMain>
  );
}
