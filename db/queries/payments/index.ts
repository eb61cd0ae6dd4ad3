// The payment aggregate: payments and their refunds, with the Stripe webhook's
// bookkeeping. Callers import "@/db/queries/payments"; the parts split it by responsibility.
export * from "./reads";
export * from "./writes";
export * from "./refunds";
