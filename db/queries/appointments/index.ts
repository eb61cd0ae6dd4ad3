// The appointment aggregate: its rows and status history, unpaid holds,
// consultation notes, and the views of them that each portal reads.
// Callers import "@/db/queries/appointments"; the parts split it by responsibility.
export * from "./reads";
export * from "./writes";
export * from "./holds";
export * from "./admin";
export * from "./patients";
export * from "./care";
