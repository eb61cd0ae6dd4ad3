import "server-only";
import type { Db } from "@/db/client";
import { getPersonalAccessToken, touchPersonalAccessToken } from "@/db/queries/api-tokens";
import { getSessionWithUser, touchSession } from "@/db/queries/users";
import { sessionRefusal } from "@/lib/auth/session-validity";
import { env } from "@/lib/env";
import type { Role } from "@/lib/vocabulary";
import { PAT_PREFIX, tokenHash, verifyAccessToken } from "./tokens";

// Who is calling the API: the bearer token only. The session cookie is never
// read, so a page open in a browser lends the API nothing (no CSRF surface).

export type Scope = "read" | "write";

export interface ApiCaller {
  id: string;
  role: Role;
  name: string;
  email: string;
  emailVerified: boolean;
  scopes: Scope[];
  credential: { kind: "session"; sessionId: string } | { kind: "personal"; tokenId: string };
}

export type Authentication = { kind: "anonymous" } | { kind: "refused"; reason: string } | { kind: "caller"; caller: ApiCaller };

const LAST_USED_WRITE_INTERVAL_MS = 60_000;

export function bearerToken(request: Request): string | null | undefined {
  const header = request.headers.get("authorization");
  if (!header) return undefined;
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(header);
  return match ? match[1]! : null;
}

export async function authenticate(db: Db, request: Request, now: Date): Promise<Authentication> {
  const token = bearerToken(request);
  if (token === undefined) return { kind: "anonymous" };
  if (token === null) return { kind: "refused", reason: "The Authorization header must be: Bearer <token>." };
  return token.startsWith(PAT_PREFIX) ? personalToken(db, token, now) : accessToken(db, token, now);
}

async function accessToken(db: Db, token: string, now: Date): Promise<Authentication> {
  const claims = await verifyAccessToken(token, now);
  if (!claims) return { kind: "refused", reason: "The access token is invalid or has expired." };
  // The session row is re-read on every request: revocation, deactivation and role changes take effect at once.
  const row = await getSessionWithUser(db, claims.sessionId);
  if (!row || row.userId !== claims.userId || sessionRefusal(row, now, env().SESSION_IDLE_MINUTES))
    return { kind: "refused", reason: "This sign-in has ended. Sign in again." };
  if (now.getTime() - row.lastSeenAt.getTime() > LAST_USED_WRITE_INTERVAL_MS) await touchSession(db, row.sessionId, now);
  return {
    kind: "caller",
    caller: {
      id: row.userId,
      role: row.role,
      name: row.fullName,
      email: row.email,
      emailVerified: row.emailVerifiedAt !== null,
      scopes: ["read", "write"],
      credential: { kind: "session", sessionId: row.sessionId },
    },
  };
}

async function personalToken(db: Db, token: string, now: Date): Promise<Authentication> {
  const row = await getPersonalAccessToken(db, tokenHash(token));
  const refused = { kind: "refused", reason: "The token is invalid, expired or revoked." } as const;
  if (!row || row.revokedAt || (row.expiresAt && row.expiresAt <= now)) return refused;
  // Made under one role, a token holds only while the account keeps it.
  if (!row.active || row.deletedAt || row.role !== row.tokenRole) return refused;
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_WRITE_INTERVAL_MS) await touchPersonalAccessToken(db, row.id, now);
  return {
    kind: "caller",
    caller: {
      id: row.userId,
      role: row.role,
      name: row.fullName,
      email: row.email,
      emailVerified: row.emailVerifiedAt !== null,
      scopes: row.scopes,
      credential: { kind: "personal", tokenId: row.id },
    },
  };
}
