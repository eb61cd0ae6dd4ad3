// Report figures for people. Money honours each currency's own precision
// (JPY has none), which a fixed "/ 100" would get wrong.

import { numberFormat } from "@/lib/format";

export function currencyDigits(currency: string): number {
  return numberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function formatMinorAmount(minor: number, currency: string): string {
  return numberFormat("en-GB", { style: "currency", currency }).format(minor / 10 ** currencyDigits(currency));
}

/** 0.6667 → "66.7%"; null (nothing to divide by) → "–". */
export function formatShare(value: number | null): string {
  return value === null ? "–" : `${(Math.round(value * 1000) / 10).toFixed(1)}%`;
}

export function formatRating(average: number | null, count: number): string {
  return average === null ? "No reviews" : `${average.toFixed(2)} (${count} ${count === 1 ? "review" : "reviews"})`;
}
