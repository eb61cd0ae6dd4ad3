// Lengths the review forms (browser) and ./schemas (server) share. Kept apart from the
// zod schemas so a client form never downloads zod for a number (issue #21: page weight).

export const REVIEW_BODY = { min: 10, max: 2000 } as const;
export const REPLY = { min: 2, max: 2000 } as const;
export const REPORT_REASON = { min: 5, max: 500 } as const;
