import Link from "next/link";

/** Previous / next links that keep the current filters; "Page 2 of 7" between them. */
export function Pagination({
  basePath,
  params,
  page,
  pageSize,
  total,
  label,
}: {
  basePath: string;
  params: Record<string, string | undefined>;
  page: number;
  pageSize: number;
  total: number;
  label: string;
}) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  const href = (target: number) => {
    const query = new URLSearchParams(Object.entries({ ...params, page: String(target) }).filter((entry): entry is [string, string] => Boolean(entry[1])));
    return `${basePath}?${query.toString()}`;
  };
  const link = "rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-100";
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap items-center justify-between gap-2 text-sm">
      <p className="text-slate-600">{total === 0 ? "Nothing found" : `${total} in all · page ${Math.min(page, pages)} of ${pages}`}</p>
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
