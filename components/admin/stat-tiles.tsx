import type { ReactNode } from "react";

/** Headline figures as tiles, four to a row on wide screens (or three). */
export function StatTiles({ tiles, columns = 4 }: { tiles: { label: string; value: ReactNode; hint?: string }[]; columns?: 3 | 4 }) {
  return (
    <dl className={`grid gap-4 sm:grid-cols-2 ${columns === 3 ? "lg:grid-cols-3" : "lg:grid-cols-4"}`}>
      {tiles.map((tile) => (
        <div key={tile.label} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
          <dt className="text-sm text-slate-600">{tile.label}</dt>
          <dd className="mt-1 text-3xl font-bold text-slate-900">{tile.value}</dd>
          {tile.hint ? <dd className="mt-1 text-xs text-slate-600">{tile.hint}</dd> : null}
        </div>
      ))}
    </dl>
  );
}
