import "server-only";
import { z } from "zod";
import type { Db } from "@/db/client";
import { insertPersonalAccessToken, listPersonalAccessTokens, revokeOwnPersonalAccessToken } from "@/db/queries/api-tokens";
import { insertAuditEntry } from "@/db/queries/audit";
import { AppError } from "@/lib/errors";
import { formatDateTime } from "@/lib/format";
import { singleLineText } from "@/lib/validation/text";
import type { Actor } from "@/lib/vocabulary";
import { TOKEN_LIFETIMES } from "./token-options";
import { PAT_PREFIX, newSecret, tokenHash } from "./tokens";

// Personal access tokens for scripts, made and revoked on each role's account
// page. The token is shown once; only its hash and first characters are kept.
// It acts for its owner under the role it was made with, and ends with every
// session of the account (sign out everywhere, deactivation, role change).

const MAX_TOKENS = 20;

export const createTokenSchema = z.object({
  name: singleLineText({ error: "Name the token, e.g. the script that uses it." })
    .min(1, "Name the token, e.g. the script that uses it.")
    .max(80, "Use at most 80 characters."),
  scope: z.enum(["read", "write"], { error: "Choose what the token may do." }),
  expiresIn: z.enum(TOKEN_LIFETIMES.map((option) => option.value) as ["7", "30", "90", "365", "never"], { error: "Choose when the token expires." }),
});

export const revokeTokenSchema = z.object({ tokenId: z.uuid({ error: "That token does not exist." }) });

export async function createPersonalAccessToken(
  db: Db,
  user: Actor,
  input: z.output<typeof createTokenSchema>,
  now: Date,
): Promise<{ id: string; token: string }> {
  const existing = await listPersonalAccessTokens(db, user.id, now);
  if (existing.length >= MAX_TOKENS) throw new AppError("conflict", `You have ${MAX_TOKENS} tokens already: revoke one first.`);
  const token = `${PAT_PREFIX}${newSecret()}`;
  const expiresAt = input.expiresIn === "never" ? null : new Date(now.getTime() + Number(input.expiresIn) * 86_400_000);
  const scopes: ("read" | "write")[] = input.scope === "write" ? ["read", "write"] : ["read"];
  const row = await db.transaction(async (tx) => {
    const created = await insertPersonalAccessToken(tx, {
      userId: user.id,
      name: input.name,
      tokenHash: tokenHash(token),
      tokenPrefix: token.slice(0, PAT_PREFIX.length + 6),
      scopes,
      role: user.role,
      expiresAt,
    });
    await insertAuditEntry(tx, {
      actorId: user.id,
      actorRole: user.role,
      action: "api_token.created",
      entityType: "personal_access_token",
      entityId: created.id,
      after: { name: input.name, scopes, expiresAt: expiresAt?.toISOString() ?? null },
    });
    return created;
  });
  return { id: row.id, token };
}

export async function revokePersonalAccessToken(db: Db, user: Actor, tokenId: string, now: Date): Promise<void> {
  const revoked = await db.transaction(async (tx) => {
    const ended = await revokeOwnPersonalAccessToken(tx, user.id, tokenId, now);
    if (ended)
      await insertAuditEntry(tx, {
        actorId: user.id,
        actorRole: user.role,
        action: "api_token.revoked",
        entityType: "personal_access_token",
        entityId: tokenId,
      });
    return ended;
  });
  if (!revoked) throw new AppError("not_found", "That token has already been revoked.");
}

/** The account page's list, in the viewer's zone. */
export async function accountTokens(db: Db, userId: string, timeZone: string, now: Date) {
  const rows = await listPersonalAccessTokens(db, userId, now);
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    prefix: row.tokenPrefix,
    scopes: row.scopes.join(" and "),
    created: formatDateTime(row.createdAt, timeZone),
    expires: row.expiresAt ? formatDateTime(row.expiresAt, timeZone) : "never",
    lastUsed: row.lastUsedAt ? formatDateTime(row.lastUsedAt, timeZone) : "never",
  }));
}
