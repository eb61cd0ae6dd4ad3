import { ActionMessage } from "@/components/ui/form-state";

/**
 * A confirmation carried over a redirect, for actions whose item leaves the
 * page (an approved doctor leaves the pending queue). Only known codes are
 * shown, so a crafted link cannot put words on the page. It is an action's
 * answer like any other: focused, announced, and replaced by the next one.
 */
export function PageNotice({ code, messages }: { code: string | undefined; messages: Record<string, string> }) {
  const message = code ? messages[code] : undefined;
  if (!message) return null;
  return <ActionMessage answer={code} tone="success" message={message} className="mb-4" />;
}
