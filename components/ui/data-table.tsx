import type { ReactNode } from "react";

export interface Column {
  label: string;
  /** Read by screen readers only (a checkbox or link column). */
  hidden?: boolean;
  align?: "right";
}

/**
 * The one table shell: scrolls sideways on small screens, named by a caption
 * for screen readers, headed by `columns` (falsy entries are left out), with
 * the caller's rows as its body.
 */
export function DataTable({
  caption,
  columns,
  children,
  bodyClassName = "",
}: {
  caption: string;
  columns: (Column | false | null | undefined)[];
  children: ReactNode;
  bodyClassName?: string;
}) {
  const shown = columns.filter((column): column is Column => Boolean(column));
  return (
    <div className="relative overflow-x-auto">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-slate-200 text-slate-600">
          <tr>
            {shown.map((column, index) => (
              <th
                key={column.label}
                scope="col"
                className={`py-2 font-medium ${index < shown.length - 1 ? "pr-4" : ""} ${column.align === "right" ? "text-right" : ""}`}
              >
                {column.hidden ? <span className="sr-only">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className={`divide-y divide-slate-100 ${bodyClassName}`}>{children}</tbody>
      </table>
    </div>
  );
}
