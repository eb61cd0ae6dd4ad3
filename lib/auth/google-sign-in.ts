import "server-only";
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from "jose";
import { CredentialsSignin, type Account, type User } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import Google from "next-auth/providers/google";
import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/lib/db";
import type { Env } from "@/lib/env-schema";
import { securityEvent } from "@/lib/logger";
import { clientIpFrom } from "@/lib/security/client-ip";
import { consumeRateLimit, currentRateLimits } from "@/lib/security/rate-limits";
import { linkGoogleAccount, resolveGoogleIdentity, type GoogleIdentity } from "./google";
import { clearTicket, intentTicket, pendingLinkTicket, readTicket, writeTicket } from "./google-tickets";
import { continueAfterPrimaryFactor } from "./session-start";
import { secondStepPath } from "./two-factor/sign-in";

// Auth.js's side of "Sign in with Google": the Google provider (an OpenID
// Connect provider: discovery from its issuer, authorization code with PKCE,
// state and nonce), the signIn callback that turns Google's answer into a
// Careslot session, and the "google-link" provider behind /login/google/link.

export const GOOGLE_ISSUER = "https://accounts.google.com";

/** "Continue with Google" exists only when a client is configured: no dead button. */
export function googleSignInEnabled(config: Pick<Env, "GOOGLE_CLIENT_ID" | "GOOGLE_CLIENT_SECRET">): boolean {
  return Boolean(config.GOOGLE_CLIENT_ID && config.GOOGLE_CLIENT_SECRET);
}

/** Refusals of the link step, by code: app/(auth)/google-actions.ts words them. */
class GoogleLinkRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

export const linkGoogleSchema = z.object({
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(256),
});

export function googleProviders(config: Env) {
  if (!googleSignInEnabled(config)) return [];
  return [
    Google({
      clientId: config.GOOGLE_CLIENT_ID,
      clientSecret: config.GOOGLE_CLIENT_SECRET,
      // Development and tests: the local OpenID Connect provider (scripts/local-oidc.ts) in Google's place.
      issuer: config.GOOGLE_ISSUER ?? GOOGLE_ISSUER,
      checks: ["pkce", "state", "nonce"],
      // Google's account chooser every time: on a shared computer the last person's Google account is not taken silently.
      authorization: { params: { scope: "openid email profile", prompt: "select_account" } },
    }),
    Credentials({
      id: "google-link",
      name: "Link Google",
      credentials: { password: { label: "Password", type: "password" } },
      async authorize(raw, request) {
        const parsed = linkGoogleSchema.safeParse(raw);
        if (!parsed.success) throw new GoogleLinkRefused("invalid");
        // A password guess like any other: the network's sign-in limit counts it first.
        const overIpLimit = await consumeRateLimit(getDb(), (await currentRateLimits(getDb())).signInPerIp, clientIpFrom(request.headers));
        if (overIpLimit !== null) throw new GoogleLinkRefused(`rate_limited:${overIpLimit}`);
        const pending = await readTicket(pendingLinkTicket);
        if (!pending) throw new GoogleLinkRefused("expired");
        const now = new Date();
        const linked = await linkGoogleAccount(getDb(), pending, parsed.data.password, now);
        if (!linked.ok) throw new GoogleLinkRefused(linked.reason === "locked" ? `locked:${linked.retryAfterSeconds}` : linked.reason);
        await clearTicket(pendingLinkTicket);
        const signedIn = await continueAfterPrimaryFactor(
          getDb(),
          linked.user,
          {
            factor: "google",
            remembered: pending.remembered,
            next: pending.next ?? null,
            userAgent: request.headers.get("user-agent"),
            clientIp: clientIpFrom(request.headers),
          },
          now,
          config,
        );
        // Two-factor authentication applies after Google too: linkGoogleAction sends the browser to the code step.
        if ("secondStep" in signedIn) throw new GoogleLinkRefused(`two_factor:${signedIn.secondStep}`);
        return signedIn;
      },
    }),
  ];
}

/**
 * The signIn callback for Google, after Auth.js checked state, PKCE and the
 * nonce and exchanged the code. It verifies the ID token's signature itself
 * (Auth.js checks its claims, but trusts TLS for the signature), then: a new
 * or linked account gets its session here, filled into `user` for the jwt
 * callback as the credentials provider's authorize would; a link to confirm
 * or a refusal answers with the page to send the browser to instead.
 */
export async function googleSignIn({ user, account }: { user: User; account?: Account | null }, config: Env): Promise<true | string> {
  const intent = (await readTicket(intentTicket)) ?? { role: "patient" as const, timeZone: "UTC", remembered: false, next: undefined };
  await clearTicket(intentTicket);
  let identity: GoogleIdentity;
  try {
    identity = await verifiedIdentity(account, config);
  } catch (error) {
    securityEvent("google_id_token_rejected", { reason: (error as Error).message });
    return "/login?google=failed";
  }
  const now = new Date();
  const outcome = await resolveGoogleIdentity(getDb(), identity, intent, now);
  if (outcome.kind === "refused") return `/login?google=${outcome.reason}`;
  if (outcome.kind === "link-required") {
    await writeTicket(pendingLinkTicket, {
      userId: outcome.userId,
      subject: identity.subject,
      email: identity.email,
      remembered: intent.remembered,
      next: intent.next,
    });
    return "/login/google/link";
  }
  const requestHeaders = await headers();
  const signedIn = await continueAfterPrimaryFactor(
    getDb(),
    outcome.user,
    {
      factor: "google",
      remembered: intent.remembered,
      next: intent.next ?? null,
      userAgent: requestHeaders.get("user-agent"),
      clientIp: clientIpFrom(requestHeaders),
    },
    now,
    config,
  );
  // Two-factor authentication applies after Google too: no session yet, on to the code step (or its set-up).
  if ("secondStep" in signedIn) return secondStepPath[signedIn.secondStep];
  // Auth.js hands this same object to the jwt callback, which reads the session from it.
  Object.assign(user, signedIn);
  return true;
}

// One remote key set per issuer, fetched (and refreshed on an unknown key id) by jose: a cache of public keys, not state.
const keySets = new Map<string, { issuer: string; keys: ReturnType<typeof createRemoteJWKSet> }>();

async function keySetOf(issuer: string) {
  const cached = keySets.get(issuer);
  if (cached) return cached;
  const discovery = await fetch(new URL(".well-known/openid-configuration", issuer.endsWith("/") ? issuer : `${issuer}/`));
  if (!discovery.ok) throw new Error(`discovery answered ${discovery.status}`);
  const metadata = (await discovery.json()) as { issuer?: string; jwks_uri?: string };
  if (!metadata.issuer || !metadata.jwks_uri) throw new Error("discovery named no issuer or jwks_uri");
  const entry = { issuer: metadata.issuer, keys: createRemoteJWKSet(new URL(metadata.jwks_uri)) };
  keySets.set(issuer, entry);
  return entry;
}

async function verifiedIdentity(account: Account | null | undefined, config: Env): Promise<GoogleIdentity> {
  if (!account?.id_token) throw new Error("no ID token");
  const { issuer, keys } = await keySetOf(config.GOOGLE_ISSUER ?? GOOGLE_ISSUER);
  // Google's tokens name their issuer with or without the scheme.
  const issuers = issuer === GOOGLE_ISSUER ? [GOOGLE_ISSUER, "accounts.google.com"] : [issuer];
  const { payload } = await jwtVerify<JWTPayload & Record<string, unknown>>(account.id_token, keys, { issuer: issuers, audience: config.GOOGLE_CLIENT_ID });
  if (!payload.sub || payload.sub !== account.providerAccountId) throw new Error("subject mismatch");
  if (typeof payload.email !== "string" || !payload.email.includes("@")) throw new Error("no email in the ID token");
  return {
    subject: payload.sub,
    email: payload.email,
    emailVerified: payload.email_verified === true || payload.email_verified === "true",
    name: typeof payload.name === "string" ? payload.name : null,
  };
}
