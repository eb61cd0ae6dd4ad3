import Link from "next/link";
import type { ReactNode } from "react";

export interface StatTile {
  label: string;
  value: ReactNode;
  hint?: string;
  /** The list behind the figure, filtered to it. */
  href?: string;
}

/** Headline figures as tiles, two to a row on phones, four on wide screens (or three); a tile with `href` opens the list it counts. */
export function StatTiles({ tiles, columns = 4 }: { tiles: StatTile[]; columns?: 3 | 4 }) {
  return (
    <dl className={`grid grid-cols-2 gap-3 sm:gap-4 ${columns === 3 ? "lg:grid-cols-3" : "lg:grid-cols-4"}`}>
      {tiles.map((tile) => (
        <div
          key={tile.label}
          className="relative min-w-0 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-5 focus-within:ring-2 focus-within:ring-brand-700 hover:border-brand-700"
        >
          <dt className="text-sm text-slate-600">
            {tile.href ? (
              // The whole tile is the link's target area; its name is the label.
              <Link href={tile.href} className="font-medium text-brand-700 underline underline-offset-2 after:absolute after:inset-0 focus:outline-none">
                {tile.label}
              </Link>
            ) : (
              tile.label
            )}
          </dt>
          <dd className="mt-1 text-2xl font-bold break-words text-slate-900 sm:text-3xl">{tile.value}</dd>
          {tile.hint ? <dd className="mt-1 text-xs text-slate-600">{tile.hint}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
