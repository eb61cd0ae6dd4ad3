import "server-only";
import type { Db } from "@/db/client";
import { listActiveSessions } from "@/db/queries/users";
import { formatDateTime } from "@/lib/format";
import { approximateNetwork, describeBrowser } from "./session-display";
import { approximatePlace } from "./session-place";

/** The account page's "Where you are signed in": the user's active sessions as shown, this browser first. */
export async function accountSessions(db: Db, userId: string, thisSessionId: string | null, timeZone: string, now: Date) {
  const sessions = await listActiveSessions(db, userId, now);
  return sessions
    .map((session) => ({
      id: session.id,
      browser: describeBrowser(session.userAgent),
      network: approximateNetwork(session.clientIp),
      place: approximatePlace(session.clientIp),
      signedIn: formatDateTime(session.signedInAt, timeZone),
      lastSeen: formatDateTime(session.lastSeenAt, timeZone),
      remembered: session.remembered,
      current: session.id === thisSessionId,
    }))
    .sort((a, b) => Number(b.current) - Number(a.current));
}
