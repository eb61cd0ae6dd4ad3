// Pure review rules, tested alone; the service applies them inside its transaction.

export const REVIEW_EDIT_WINDOW_DAYS = 30;
const DAY_MS = 86_400_000;

/** A patient may change or remove their review for 30 days after writing it. */
export function reviewChangeAllowed(createdAt: Date, now: Date): { allowed: true } | { allowed: false; reason: string } {
  if (now.getTime() - createdAt.getTime() <= REVIEW_EDIT_WINDOW_DAYS * DAY_MS) return { allowed: true };
  return { allowed: false, reason: `Reviews can be changed or deleted for ${REVIEW_EDIT_WINDOW_DAYS} days after they are written; this one is older.` };
}

/** The last moment the review can still be changed. */
export function reviewChangeDeadline(createdAt: Date): Date {
  return new Date(createdAt.getTime() + REVIEW_EDIT_WINDOW_DAYS * DAY_MS);
}
