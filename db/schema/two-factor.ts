import { bigint, boolean, index, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { encryptedText, id, instant, timestamps } from "./columns";
import { users } from "./users";

/**
 * A user's TOTP authenticator (lib/auth/two-factor). The row exists from "Set up" on:
 * confirmed_at stays null until one code from the authenticator proved the secret was
 * taken, and only then does sign-in ask for codes. The secret is encrypted at rest.
 * last_used_step is the newest 30-second step a code was accepted for: a code is
 * accepted once per step (replay), and never for a step older than one already used.
 */
export const twoFactorCredentials = pgTable("two_factor_credentials", {
  userId: uuid("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  secret: encryptedText("two_factor_credentials", "secret").notNull(),
  confirmedAt: instant("confirmed_at"),
  lastUsedStep: bigint("last_used_step", { mode: "number" }),
  ...timestamps(),
});

/** Ten single-use codes per confirmed authenticator; only a keyed hash (HMAC-SHA-256) of each is stored. */
export const twoFactorRecoveryCodes = pgTable(
  "two_factor_recovery_codes",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    codeHash: text("code_hash").notNull(),
    usedAt: instant("used_at"),
    ...timestamps(),
  },
  (t) => [uniqueIndex("two_factor_recovery_codes_user_hash_key").on(t.userId, t.codeHash)],
);

/** verify: asks for a code of a confirmed authenticator; enrol: the role must have 2FA and the user has none yet. */
export const twoFactorChallengePurpose = pgEnum("two_factor_challenge_purpose", ["verify", "enrol"]);

/**
 * The half-done sign-in between a right password and the second step: no session
 * exists yet. The browser holds the token in an httpOnly cookie; only its SHA-256
 * is stored. passed_at is set when an enrolment at sign-in was confirmed (its codes
 * are being shown): the next step then needs no code. Deleted when used.
 */
export const twoFactorChallenges = pgTable(
  "two_factor_challenges",
  {
    id: id(),
    tokenHash: text("token_hash").notNull(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    purpose: twoFactorChallengePurpose("purpose").notNull(),
    remembered: boolean("remembered").notNull().default(false),
    next: text("next"),
    passedAt: instant("passed_at"),
    expiresAt: instant("expires_at").notNull(),
    ...timestamps(),
  },
  (t) => [uniqueIndex("two_factor_challenges_token_hash_key").on(t.tokenHash), index("two_factor_challenges_user_id_idx").on(t.userId)],
);
