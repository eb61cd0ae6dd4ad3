import "server-only";
import { headers } from "next/headers";

/**
 * The caller's IP address, for the per-IP rate limits: the first hop of
 * X-Forwarded-For. Behind `next start` alone Next.js sets that header to the
 * socket's address when the request has none; behind a proxy or load balancer
 * it is only as true as the proxy makes it, so the proxy in front of Careslot
 * must set (overwrite, not append to) X-Forwarded-For with the address it saw.
 * A client that could reach the app directly could send any address it liked.
 */
export function clientIpFrom(headers: Headers): string {
  const first = headers.get("x-forwarded-for")?.split(",")[0]?.trim() || headers.get("x-real-ip")?.trim();
  if (!first) return "unknown";
  // ::ffff:203.0.113.7 is the IPv4 address 203.0.113.7 as an IPv6 socket reports it.
  return first.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "").toLowerCase();
}

/** The IP of the request being handled (a server action, page or route handler). */
export async function requestClientIp(): Promise<string> {
  return clientIpFrom(await headers());
}
