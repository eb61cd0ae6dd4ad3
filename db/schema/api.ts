import { index, pgEnum, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, instant, timestamps } from "./columns";
import { userRole } from "./enums";
import { appointments } from "./appointments";
import { sessions, users } from "./users";

// The REST API's credentials (lib/api/tokens.ts). Only SHA-256 hashes of the
// tokens are stored; the token itself is shown once.

/**
 * One refresh token of an API sign-in. The sign-in is a `sessions` row (the
 * token family): sign-out everywhere, deactivation and role changes revoke it
 * as they revoke a browser's session. A refresh token is used once; a second
 * use means it leaked, and the whole family is revoked.
 */
export const apiRefreshTokens = pgTable(
  "api_refresh_tokens",
  {
    id: id(),
    sessionId: uuid("session_id")
      .notNull()
      .references(() => sessions.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull(),
    expiresAt: instant("expires_at").notNull(),
    usedAt: instant("used_at"),
    ...timestamps(),
  },
  (t) => [uniqueIndex("api_refresh_tokens_token_hash_key").on(t.tokenHash), index("api_refresh_tokens_session_id_idx").on(t.sessionId)],
);

export const apiTokenScope = pgEnum("api_token_scope", ["read", "write"]);

/** A personal access token for scripts, made on the account page. It holds only for the role it was made under. */
export const personalAccessTokens = pgTable(
  "personal_access_tokens",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull(),
    /** The first characters of the token, so the owner can tell tokens apart. */
    tokenPrefix: text("token_prefix").notNull(),
    scopes: apiTokenScope("scopes").array().notNull(),
    role: userRole("role").notNull(),
    expiresAt: instant("expires_at"),
    lastUsedAt: instant("last_used_at"),
    revokedAt: instant("revoked_at"),
    ...timestamps(),
  },
  (t) => [uniqueIndex("personal_access_tokens_token_hash_key").on(t.tokenHash), index("personal_access_tokens_user_id_idx").on(t.userId)],
);

/** A booking's Idempotency-Key: the same key and body answer the same appointment. */
export const apiIdempotencyKeys = pgTable(
  "api_idempotency_keys",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    /** Null while the first request with the key is still running. */
    appointmentId: uuid("appointment_id").references(() => appointments.id, { onDelete: "cascade" }),
    ...timestamps(),
  },
  (t) => [primaryKey({ name: "api_idempotency_keys_pkey", columns: [t.userId, t.key] }), index("api_idempotency_keys_appointment_id_idx").on(t.appointmentId)],
);
