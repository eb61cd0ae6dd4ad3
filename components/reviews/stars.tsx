/** Stars for a rating, with the number spelled out for screen readers (the glyphs are decoration). */
export function Stars({ rating, size = "text-base" }: { rating: number; size?: string }) {
  const rounded = Math.round(rating * 2) / 2;
  return (
    <span className={`inline-flex items-center ${size}`}>
      <span aria-hidden="true" className="tracking-tight">
        {[1, 2, 3, 4, 5].map((star) => (
          <span key={star} className={star <= rounded ? "text-amber-600" : star - 0.5 === rounded ? "text-amber-400" : "text-slate-300"}>
            ★
          </span>
        ))}
      </span>
      <span className="sr-only">{formatRating(rating)} out of 5 stars</span>
    </span>
  );
}

export function formatRating(rating: number): string {
  return rating.toFixed(1);
}

/** "4.5 (12 reviews)" — or "No reviews yet". */
export function RatingLine({ rating }: { rating: { average: number; count: number } | null }) {
  if (!rating || rating.count === 0) return <span className="text-sm text-slate-600">No reviews yet</span>;
  return (
    <span className="inline-flex items-center gap-1.5 text-sm">
      <Stars rating={rating.average} />
      <span className="font-semibold text-slate-900" aria-hidden="true">
        {formatRating(rating.average)}
      </span>
      <span className="text-slate-600">
        ({rating.count} {rating.count === 1 ? "review" : "reviews"})
      </span>
    </span>
  );
}
