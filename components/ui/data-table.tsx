import { Children, cloneElement, isValidElement, type ReactElement, type ReactNode } from "react";

export interface Column {
  label: string;
  /** Read by screen readers only (a checkbox or link column). */
  hidden?: boolean;
  align?: "right";
}

type CellProps = { children?: ReactNode; "data-label"?: string; role?: string; scope?: string };

/**
 * Names each cell of each row by its column: `data-label` (shown on phones,
 * where the row is a card; see `.stacked-table` in app/globals.css) and an
 * explicit role, so screen readers keep the table's column names when CSS
 * stacks its cells.
 */
function labelCells(rows: ReactNode, columns: Column[]): ReactNode {
  return Children.map(rows, (row) => {
    if (!isValidElement<{ children?: ReactNode }>(row) || row.type !== "tr") return row;
    let index = 0;
    const cells = Children.map(row.props.children, (cell) => {
      if (!isValidElement<CellProps>(cell)) return cell;
      const column = columns[index++];
      const isRowHeader = cell.type === "th";
      return cloneElement(cell as ReactElement<CellProps>, {
        role: isRowHeader ? "rowheader" : "cell",
        "data-label": column && !column.hidden ? column.label : undefined,
      });
    });
    return cloneElement(row as ReactElement<{ role?: string; children?: ReactNode }>, { role: "row" }, cells);
  });
}

/**
 * The one table shell: a table from `md` up and a stack of cards below it
 * (each cell labelled with its column, no sideways scrolling), named by a
 * caption for screen readers, headed by `columns` (falsy entries are left
 * out), with the caller's rows (<tr> of <td>/<th scope="row">) as its body.
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
    <div className="relative md:overflow-x-auto">
      <table role="table" className="stacked-table w-full text-left text-sm">
        <caption className="sr-only">{caption}</caption>
        <thead role="rowgroup" className="border-b border-slate-200 text-slate-600">
          <tr role="row">
            {shown.map((column, index) => (
              <th
                key={column.label}
                scope="col"
                role="columnheader"
                className={`py-2 font-medium ${index < shown.length - 1 ? "pr-4" : ""} ${column.align === "right" ? "text-right" : ""}`}
              >
                {column.hidden ? <span className="sr-only">{column.label}</span> : column.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody role="rowgroup" className={`divide-y divide-slate-100 ${bodyClassName}`}>
          {labelCells(children, shown)}
        </tbody>
      </table>
    </div>
  );
}
