import Link from "next/link";
import { searchHref, type SearchFormValues } from "@/lib/search/params";

/** Says plainly that nothing matched, and offers the one-click widenings that apply. */
export function EmptyResults({ values }: { values: SearchFormValues }) {
  const without = (...keys: (keyof SearchFormValues)[]) =>
    searchHref({ ...values, ...Object.fromEntries(keys.map((key) => [key, ""])) } as SearchFormValues, 1);
  const suggestions: { href: string; label: string }[] = [];
  if (values.within === "today" || values.within === "3")
    suggestions.push({ href: searchHref({ ...values, within: "14" }, 1), label: "Look 14 days ahead instead" });
  else if (values.within) suggestions.push({ href: without("within"), label: "Remove “Available within”" });
  if (values.maxPrice) suggestions.push({ href: without("maxPrice"), label: "Remove the max price" });
  if (values.near) suggestions.push({ href: searchHref({ ...values, radius: "100" }, 1), label: "Search within 100 km" });
  if (values.minRating) suggestions.push({ href: without("minRating"), label: "Accept any rating" });
  if (values.minYears) suggestions.push({ href: without("minYears"), label: "Any years of experience" });
  if (values.city) suggestions.push({ href: without("city"), label: "Search all cities" });
  if (values.region) suggestions.push({ href: without("region"), label: "Search the whole country" });
  if (values.q) suggestions.push({ href: without("q"), label: "Search without the name" });
  return (
    <div role="status" className="rounded-lg border border-slate-200 bg-white p-6 text-slate-800 shadow-sm">
      <p className="text-lg font-semibold text-slate-900">No doctors match this search.</p>
      <p className="mt-1">Try widening a filter:</p>
      <ul className="mt-3 flex flex-col gap-2">
        {suggestions.map((s) => (
          <li key={s.label}>
            <Link href={s.href} className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline">
              {s.label}
            </Link>
          </li>
        ))}
        <li>
          <Link href="/doctors" className="font-medium text-brand-700 underline underline-offset-2 hover:no-underline">
            Clear all filters
          </Link>
        </li>
      </ul>
    </div>
  );
}
