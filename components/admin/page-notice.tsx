import { Notice } from "@/components/ui/notice";

/**
 * A confirmation carried over a redirect, for actions whose item leaves the
 * page (an approved doctor leaves the pending queue). Only known codes are
 * shown, so a crafted link cannot put words on the page.
 */
export function PageNotice({ code, messages }: { code: string | undefined; messages: Record<string, string> }) {
  const message = code ? messages[code] : undefined;
  if (!message) return null;
  return (
    <Notice tone="success" className="mb-4">
      {message}
    </Notice>
  );
}
