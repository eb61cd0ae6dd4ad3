import type { RatingSummary as Summary } from "@/lib/vocabulary";
import { Stars, formatRating } from "./stars";

/** Average, count and a bar per star; the bars carry their numbers as text too. */
export function RatingSummary({ summary }: { summary: Summary }) {
  if (summary.count === 0 || summary.average === null) {
    return <p className="text-slate-700">No reviews yet. Only patients who had a completed visit can review.</p>;
  }
  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-center sm:gap-8">
      <div className="flex flex-col items-start">
        <p className="text-4xl font-bold text-slate-900">{formatRating(summary.average)}</p>
        <Stars rating={summary.average} size="text-xl" />
        <p className="text-sm text-slate-600">
          {summary.count} verified {summary.count === 1 ? "review" : "reviews"}
        </p>
      </div>
      <dl className="grid flex-1 grid-cols-[auto_1fr_auto] items-center gap-x-3 gap-y-1 text-sm">
        {[5, 4, 3, 2, 1].map((star) => {
          const count = summary.distribution[star - 1];
          const share = Math.round((count / summary.count) * 100);
          return (
            <div key={star} className="contents">
              <dt className="text-slate-700">
                {star} {star === 1 ? "star" : "stars"}
              </dt>
              <dd className="h-2 overflow-hidden rounded-full bg-slate-200" aria-hidden="true">
                <div className="h-full rounded-full bg-amber-500" style={{ width: `${share}%` }} />
              </dd>
              <dd className="tabular-nums text-slate-700">{count}</dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}
