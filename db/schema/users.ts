import { sql } from "drizzle-orm";
import { boolean, check, index, integer, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, instant, timestamps } from "./columns";
import { userRole } from "./enums";

export const users = pgTable(
  "users",
  {
    id: id(),
    email: text("email").notNull(),
    fullName: text("full_name").notNull(),
    /** Null for an account made with Google that never set a password (it signs in with Google, or sets one through "Forgot your password"). */
    passwordHash: text("password_hash"),
    role: userRole("role").notNull(),
    emailVerifiedAt: instant("email_verified_at"),
    active: boolean("active").notNull().default(true),
    /** Set when the owner deleted the account: the row stays, anonymised, for the appointments, payments and audit entries that name it. */
    deletedAt: instant("deleted_at"),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("users_email_lower_key").on(sql`lower(${t.email})`),
    index("users_role_idx").on(t.role),
    check("users_email_shape", sql`position('@' in ${t.email}) > 1`),
  ],
);

// verify_email_code: the 6-digit code beside the link, hashed with its user's id (codes repeat across users, hashes do not).
export const authTokenKind = pgEnum("auth_token_kind", ["verify_email", "reset_password", "verify_email_code"]);

/** Single-use emailed tokens; only a SHA-256 of the token is stored. */
export const authTokens = pgTable(
  "auth_tokens",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: authTokenKind("kind").notNull(),
    tokenHash: text("token_hash").notNull(),
    expiresAt: instant("expires_at").notNull(),
    usedAt: instant("used_at"),
    ...timestamps(),
  },
  (t) => [uniqueIndex("auth_tokens_token_hash_key").on(t.tokenHash), index("auth_tokens_user_id_idx").on(t.userId)],
);

/**
 * Failed sign-ins per normalised email, whether or not the account exists, so the
 * lockout neither reveals which emails are registered nor lives in one server's memory.
 */
export const signInThrottle = pgTable(
  "sign_in_throttle",
  {
    emailKey: text("email_key").primaryKey(),
    failures: integer("failures").notNull().default(0),
    windowStartedAt: instant("window_started_at").notNull(),
    lockedUntil: instant("locked_until"),
    ...timestamps(),
  },
  (t) => [check("sign_in_throttle_failures_nonnegative", sql`${t.failures} >= 0`)],
);

/**
 * Server-side record of each signed-in session. The JWT cookie only carries this
 * id, so sign-out, "sign out everywhere", password reset, deactivation and role
 * changes end a session on its very next request, and idle time is measured here.
 */
export const sessions = pgTable(
  "sessions",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    lastSeenAt: instant("last_seen_at").notNull().defaultNow(),
    expiresAt: instant("expires_at").notNull(),
    revokedAt: instant("revoked_at"),
    // "Keep me signed in": a remembered session outlives the browser and is not ended by the idle timeout.
    remembered: boolean("remembered").notNull().default(false),
    // What the account page shows of where the session is: the browser's User-Agent and its network address.
    userAgent: text("user_agent"),
    clientIp: text("client_ip"),
    ...timestamps(),
  },
  (t) => [index("sessions_user_id_idx").on(t.userId)],
);
