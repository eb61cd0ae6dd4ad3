import { index, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { id, timestamps } from "./columns";
import { users } from "./users";

/** The identity providers an account can be linked to. */
export const identityProvider = pgEnum("identity_provider", ["google"]);

/**
 * A sign-in identity at another provider linked to a Careslot account (Auth.js's
 * "accounts", without tokens: Careslot calls no Google API). Once linked, a
 * sign-in with that provider and subject goes straight to the account. The
 * email is the one the provider gave when it was linked, shown on the account page.
 */
export const accounts = pgTable(
  "accounts",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    provider: identityProvider("provider").notNull(),
    /** The provider's stable subject (`sub`), never the email (which can change hands). */
    providerAccountId: text("provider_account_id").notNull(),
    email: text("email").notNull(),
    ...timestamps(),
  },
  (t) => [
    uniqueIndex("accounts_provider_subject_key").on(t.provider, t.providerAccountId),
    // One Google account per Careslot account.
    uniqueIndex("accounts_user_provider_key").on(t.userId, t.provider),
    index("accounts_user_id_idx").on(t.userId),
  ],
);
