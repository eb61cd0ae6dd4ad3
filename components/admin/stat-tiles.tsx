import type { ReactNode } from "react";

export function StatTiles({ tiles }: { tiles: { label: string; value: ReactNode; hint?: string }[] }) {
  return (
    <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
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
