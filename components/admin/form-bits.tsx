import { Notice } from "@/components/ui/notice";

/** What the last submission did: success or the refusal, announced. */
export function ResultNotice({ state }: { state: { ok: boolean; message?: string } | null }) {
  if (!state?.message) return null;
  return <Notice tone={state.ok ? "success" : "error"}>{state.message}</Notice>;
}

/** Problems with a page's query string: shown, then ignored. */
export function FilterProblems({ problems }: { problems: string[] }) {
  if (problems.length === 0) return null;
  return (
    <Notice tone="warning" className="mb-4">
      Some filters were ignored: {problems.join(" ")}
    </Notice>
  );
}
