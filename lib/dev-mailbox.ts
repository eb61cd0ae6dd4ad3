import "server-only";
import { devMailboxEnabled, env } from "@/lib/env";
import { securityEvent } from "@/lib/logger";
import { isLoopbackRequest } from "@/lib/security/loopback";

/**
 * Whether /dev/mailbox (its page and its routes) answers this request: only
 * where it is switched on (never with a mail provider), and in a production
 * build only from this machine (lib/security/loopback.ts states what that
 * trusts). Anyone else gets the 404 a switched-off mailbox gives.
 */
export function devMailboxOpenTo(requestHeaders: Headers): boolean {
  const config = env();
  if (!devMailboxEnabled(config)) return false;
  if (config.NODE_ENV !== "production") return true;
  if (isLoopbackRequest(requestHeaders)) return true;
  securityEvent("dev_mailbox_refused", { forwardedFor: requestHeaders.get("x-forwarded-for")?.slice(0, 200) ?? null });
  return false;
}
