import { Notice } from "@/components/ui/notice";

/** What the last submission did: the shared action message (components/ui/form-state.tsx). */
export { FormMessage as ResultNotice } from "@/components/ui/form-state";

/** Problems with a page's query string: shown, then ignored. */
export function FilterProblems({ problems }: { problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <Notice tone="warning" className="mb-4">
      Some filters were ignored: {problems.join(" ")}
    </Notice>
  );
}
