import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import type { Db } from "@/db/client";
import { addOptOut } from "@/db/queries/notifications";
import { notificationKind } from "@/db/schema";
import { absoluteUrl, env } from "@/lib/env";
import type { NotificationKind } from "./preferences";

// One-click unsubscribe (RFC 8058): every non-essential email names a URL
// whose token says which user and which kind, signed with a key derived from
// AUTH_SECRET. POSTing it switches that kind off on email, with no session;
// a GET only shows a page with a button (mail scanners follow links).

const UNSUBSCRIBE_PATH = "/api/unsubscribe";
const payloadSchema = z.object({ u: z.uuid(), k: z.enum(notificationKind.enumValues) });

function key(): Buffer {
  return createHmac("sha256", env().AUTH_SECRET).update("careslot/unsubscribe/v1").digest();
}

const mac = (payload: string) => createHmac("sha256", key()).update(payload).digest("base64url");

export function unsubscribeToken(userId: string, kind: NotificationKind): string {
  const payload = Buffer.from(JSON.stringify({ u: userId, k: kind })).toString("base64url");
  return `${payload}.${mac(payload)}`;
}

/** The user and kind a token names, or null for a token this server did not sign. */
export function readUnsubscribeToken(token: string): { userId: string; kind: NotificationKind } | null {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const parsed = payloadSchema.safeParse(JSON.parse(Buffer.from(payload, "base64url").toString("utf8")));
    return parsed.success ? { userId: parsed.data.u, kind: parsed.data.k } : null;
  } catch {
    return null;
  }
}

export function unsubscribeUrl(userId: string, kind: NotificationKind): string {
  return `${absoluteUrl(UNSUBSCRIBE_PATH)}?token=${encodeURIComponent(unsubscribeToken(userId, kind))}`;
}

/** The page a person lands on from the footer link: a button, no change. */
export function unsubscribePageUrl(userId: string, kind: NotificationKind): string {
  return `${absoluteUrl("/unsubscribe")}?token=${encodeURIComponent(unsubscribeToken(userId, kind))}`;
}

/** RFC 2369 and RFC 8058 headers for an email of this kind to this user. */
export function unsubscribeHeaders(userId: string, kind: NotificationKind): Record<string, string> {
  return { "List-Unsubscribe": `<${unsubscribeUrl(userId, kind)}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" };
}

/** Applies a one-click unsubscribe; false when the token is not ours. Repeating it changes nothing more. */
export async function unsubscribe(db: Db, token: string): Promise<{ kind: NotificationKind } | null> {
  const read = readUnsubscribeToken(token);
  if (!read) return null;
  await addOptOut(db, { userId: read.userId, kind: read.kind, channel: "email" });
  return { kind: read.kind };
}
