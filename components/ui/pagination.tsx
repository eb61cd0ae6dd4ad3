import Link from "next/link";

/** How many there are, and previous / next links that keep the current filters ("42 in all · page 2 of 3"). */
export function Pagination({
  basePath,
  params,
  page,
  pageSize,
  total,
  label,
  name = "page",
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  /** The URL parameter of the page number, when one page holds several lists. */
  name?: string;
  page: number;
  pageSize: number;
  total: number;
  label: string;
}) {
  // An empty list says so itself; a list of one page only says how many.
  if (total === 0) return null;
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (target: number) => {
    const query = new URLSearchParams(Object.entries({ ...params, [name]: String(target) }).filter((entry): entry is [string, string] => Boolean(entry[1])));
    return `${basePath}?${query.toString()}`;
  };
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100";
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
      <p className="text-slate-600">{pages === 1 ? `${total} in all` : `${total} in all · page ${Math.min(page, pages)} of ${pages}`}</p>
      <div className="flex gap-2">
        {page > 1 ? (
          <Link href={href(Math.min(page - 1, pages))} className={link} rel="prev">
            Previous page
          </Link>
        ) : null}
        {page < pages ? (
          <Link href={href(page + 1)} className={link} rel="next">
            Next page
          </Link>
        ) : null}
      </div>
    </nav>
  );
}
