import { deleteOverride } from "@/lib/api/contract/practice";
import { preflight } from "@/lib/api/cors";
import { handle, noContent } from "@/lib/api/handler";
import { deleteDateOverride } from "@/lib/api/practice";

export const DELETE = handle(deleteOverride, async ({ params }, { db, caller }) => {
  await deleteDateOverride(db, caller.id, params.id);
  return noContent();
});

export const OPTIONS = preflight;
