import { z } from "zod";
import { emailSchema } from "@/lib/auth/schemas";
import { operation } from "../operation";

export const tokenRequestSchema = z
  .discriminatedUnion(
    "grant_type",
    [
      z
        .object({
          grant_type: z.literal("password"),
          email: emailSchema,
          password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(1000),
          otp: z
            .string()
            .trim()
            .min(6, "Send the 6-digit code, or one of your recovery codes.")
            .max(20, "Send the 6-digit code, or one of your recovery codes.")
            .optional()
            .meta({
              description:
                "For an account with two-factor authentication on: the 6-digit code from the authenticator app, or one of the account's single-use recovery codes.",
            }),
        })
        .meta({ id: "PasswordGrant" }),
      z
        .object({ grant_type: z.literal("refresh_token"), refresh_token: z.string().min(1, "Send the refresh token.").max(200) })
        .meta({ id: "RefreshTokenGrant" }),
    ],
    { error: 'grant_type must be "password" or "refresh_token".' },
  )
  .meta({ id: "TokenRequest" });

export const tokenResponseSchema = z
  .object({
    access_token: z.string(),
    token_type: z.literal("Bearer"),
    expires_in: z.int().meta({ description: "Seconds the access token lasts." }),
    refresh_token: z.string().meta({ description: "Trade it once for a new pair; a second use ends the whole sign-in." }),
  })
  .meta({ id: "TokenResponse" });

export const revokeRequestSchema = z
  .object({ token: z.string().max(200).optional().meta({ description: "A refresh token to revoke; without it, the bearer token's own sign-in ends." }) })
  .meta({ id: "RevokeRequest" });

export const issueToken = operation({
  id: "issueToken",
  method: "post",
  path: "/auth/token",
  summary: "Sign in (password) or refresh a token pair",
  description: "The password grant is held to the sign-in lockout and the per-IP sign-in limit. Refresh tokens rotate: each works once.",
  tag: "Auth",
  access: "anyone",
  body: tokenRequestSchema,
  responses: { 200: { description: "A new token pair.", schema: tokenResponseSchema } },
});

export const revokeToken = operation({
  id: "revokeToken",
  method: "post",
  path: "/auth/revoke",
  summary: "Sign out: revoke a refresh token's sign-in, or the bearer token's",
  tag: "Auth",
  access: "anyone",
  body: revokeRequestSchema,
  responses: { 204: { description: "Revoked (also answered for a token that was already ended)." } },
});

export const authOperations = [issueToken, revokeToken];
