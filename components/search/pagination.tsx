import Link from "next/link";
import { searchHref, type SearchFormValues } from "@/lib/search/params";

/** Previous / next links that keep every filter; the total is shown when it is known. */
export function SearchPagination({ values, page, pageCount, hasNext }: { values: SearchFormValues; page: number; pageCount: number | null; hasNext: boolean }) {
  if (page === 1 && !hasNext) return null;
  return (
    <nav aria-label="Result pages" className="mt-6 flex items-center justify-between gap-2">
      {page > 1 ? (
        <Link
          href={searchHref(values, page - 1)}
          rel="prev"
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100"
        >
          Previous page
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-600" aria-current="page">
        Page {page}
        {pageCount ? ` of ${pageCount}` : ""}
      </span>
      {hasNext ? (
        <Link
          href={searchHref(values, page + 1)}
          rel="next"
          className="rounded-md border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 hover:bg-slate-100"
        >
          Next page
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
