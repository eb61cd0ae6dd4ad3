/** Why a server-side session no longer counts, or null while it does. */
export type SessionRefusal = "missing" | "revoked" | "inactive" | "expired" | "idle";

export interface SessionState {
  revokedAt: Date | null;
  active: boolean;
  expiresAt: Date;
  lastSeenAt: Date;
  /** "Keep me signed in": the idle timeout does not end it (its shorter absolute lifetime still does). */
  remembered?: boolean;
  /** The admin setting (app_settings); null when the row is missing. */
  sessionIdleMinutes: number | null;
}

/**
 * The per-request session check: revoked (sign-out, deactivation, role
 * change), the account deactivated, past its absolute lifetime, or idle for
 * longer than the stricter of the server's limit and the admin setting
 * (unless the user chose "Keep me signed in").
 */
export function sessionRefusal(row: SessionState | undefined, now: Date, serverIdleMinutes: number): SessionRefusal | null {
  if (!row) return "missing";
  if (row.revokedAt) return "revoked";
  if (!row.active) return "inactive";
  if (row.expiresAt <= now) return "expired";
  if (row.remembered) return null;
  const idleMinutes = Math.min(serverIdleMinutes, row.sessionIdleMinutes ?? serverIdleMinutes);
  if (now.getTime() - row.lastSeenAt.getTime() > idleMinutes * 60_000) return "idle";
  return null;
}
