import "server-only";
import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/lib/db";
import { getSessionWithUser, revokeSession, touchSession } from "@/db/queries/users";
import { env } from "@/lib/env";
import { logger } from "@/lib/logger";
import { clientIpFrom } from "@/lib/security/client-ip";
import { consumeRateLimit, currentRateLimits } from "@/lib/security/rate-limits";
import type { Role } from "@/lib/vocabulary";
import { verifyCredentials } from "./credentials";
import { googleProviders, googleSignIn } from "./google-sign-in";
import { authRedirectTarget } from "./redirect";
import { sessionRefusal } from "./session-validity";
import { secondStepSignInSchema, signInSchema } from "./schemas";
import { continueAfterPrimaryFactor, startSession } from "./session-start";
import { passSecondStep } from "./two-factor/sign-in";

declare module "next-auth" {
  interface Session {
    user: { id: string; role: Role; emailVerified: boolean; remembered: boolean } & DefaultSession["user"];
  }
  interface User {
    role?: Role;
    sessionId?: string;
    remembered?: boolean;
    /** When the server-side session ends, in seconds since the epoch. */
    endsAt?: number;
  }
}

declare module "@auth/core/jwt" {
  interface JWT {
    sid?: string;
    role?: Role;
    emailVerified?: boolean;
    remembered?: boolean;
    /** When the server-side session ends (seconds since the epoch): a remembered cookie ends then (lib/auth/session-cookie.ts). */
    endsAt?: number;
  }
}

/** Carries the reason to the sign-in form; the code is what the action reads. */
class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

const LAST_SEEN_WRITE_INTERVAL_MS = 60_000;

export const { handlers, auth, signIn, signOut } = NextAuth(() => {
  const config = env();

  /** The code after a right password: counted like a password (per IP, then the account's lockout), the session made only when it is right. */
  async function authorizeSecondStep(input: { challenge: string; code?: string }, headers: Headers) {
    const overIpLimit = await consumeRateLimit(getDb(), (await currentRateLimits(getDb())).signInPerIp, clientIpFrom(headers));
    if (overIpLimit !== null) throw new SignInRefused(`rate_limited:${overIpLimit}`);
    const now = new Date();
    const passed = await passSecondStep(getDb(), input.challenge, input.code, now);
    if (!passed.ok) throw new SignInRefused(passed.reason === "locked" ? `locked:${passed.retryAfterSeconds}` : `two_factor_${passed.reason}`);
    const details = {
      factor: "password" as const,
      remembered: passed.challenge.remembered,
      userAgent: headers.get("user-agent"),
      clientIp: clientIpFrom(headers),
    };
    return startSession(getDb(), passed.challenge.user, details, now, config);
  }

  // Auth.js reads AUTH_URL from process.env itself (next-auth/lib/env.js, @auth/core createActionURL);
  // without it, it builds its URLs (the sign-in request, the redirect after it, the cookies' Secure
  // flag) from the request's Host / X-Forwarded-Host headers, which the client chooses. Unless set
  // (lib/env-schema.ts; a blank one counts as unset), it is pinned here to APP_URL's origin, so
  // `trustHost` trusts our configuration, not the request.
  process.env.AUTH_URL = config.AUTH_URL ?? new URL(config.APP_URL).origin;
  return {
    secret: config.AUTH_SECRET,
    trustHost: true,
    pages: { signIn: "/login", error: "/login" },
    // Refused sign-ins are expected and already logged as security events; the rest goes to our JSON log.
    logger: {
      error(error) {
        if (error instanceof CredentialsSignin) return;
        logger.error({ err: error }, "auth error");
      },
      warn(code) {
        logger.warn({ code }, "auth warning");
      },
      debug() {},
    },
    // The cookie lives at most the longest session ("Keep me signed in"); each session's own end, and
    // idle time, are checked server-side. The cookie is then rewritten to end with the browser (without
    // "Keep me signed in") or with its own session (lib/auth/session-cookie.ts).
    session: { strategy: "jwt", maxAge: Math.max(config.SESSION_MAX_HOURS * 3600, config.REMEMBER_DAYS * 86_400) },
    providers: [
      Credentials({
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        // Reached through signInAction and through Auth.js's own callback route alike; both carry the request's headers.
        async authorize(raw, request) {
          const secondStep = secondStepSignInSchema.safeParse(raw);
          if (secondStep.success) return authorizeSecondStep(secondStep.data, request.headers);
          const parsed = signInSchema.safeParse(raw);
          if (!parsed.success) throw new SignInRefused("invalid");
          // Every attempt from one network counts, before any account's lockout is looked at.
          const overIpLimit = await consumeRateLimit(getDb(), (await currentRateLimits(getDb())).signInPerIp, clientIpFrom(request.headers));
          if (overIpLimit !== null) throw new SignInRefused(`rate_limited:${overIpLimit}`);
          const now = new Date();
          const result = await verifyCredentials(getDb(), parsed.data.email, parsed.data.password, now);
          if (!result.ok) throw new SignInRefused(result.reason === "locked" ? `locked:${result.retryAfterSeconds}` : result.reason);
          const details = {
            factor: "password" as const,
            remembered: parsed.data.remember,
            next: parsed.data.next ?? null,
            userAgent: request.headers.get("user-agent"),
            clientIp: clientIpFrom(request.headers),
          };
          const signedIn = await continueAfterPrimaryFactor(getDb(), result.user, details, now, config);
          // 2FA on (or required for the role): no session yet, a challenge for the second step (lib/auth/two-factor/sign-in.ts).
          if ("secondStep" in signedIn) throw new SignInRefused(`two_factor:${signedIn.secondStep}`);
          return signedIn;
        },
      }),
      // "Continue with Google" and its link step, when GOOGLE_CLIENT_ID/SECRET are set (lib/auth/google-sign-in.ts).
      ...googleProviders(config),
    ],
    callbacks: {
      signIn: (params) => (params.account?.provider === "google" ? googleSignIn(params, config) : true),
      // After sign-in and sign-out: a path under APP_URL, whatever Host the request claimed.
      redirect({ url }) {
        return authRedirectTarget(url, config.APP_URL);
      },
      async jwt({ token, user }) {
        if (user) {
          token.sid = user.sessionId;
          token.role = user.role;
          token.remembered = user.remembered ?? false;
          token.endsAt = user.endsAt;
          return token;
        }
        if (!token.sid) return null;
        // Every request re-reads the session row: revocation, deactivation,
        // role changes and idle time take effect at once, on every server.
        const now = new Date();
        const row = await getSessionWithUser(getDb(), token.sid);
        if (!row || sessionRefusal(row, now, config.SESSION_IDLE_MINUTES)) return null;
        if (now.getTime() - row.lastSeenAt.getTime() > LAST_SEEN_WRITE_INTERVAL_MS) await touchSession(getDb(), row.sessionId, now);
        token.sub = row.userId;
        token.role = row.role;
        token.name = row.fullName;
        token.email = row.email;
        token.emailVerified = row.emailVerifiedAt !== null;
        token.remembered = row.remembered;
        token.endsAt = Math.floor(row.expiresAt.getTime() / 1000);
        return token;
      },
      // Returns a new user rather than assigning into this one: Auth.js also types it as its
      // adapter's user, whose emailVerified is a Date; ours is the boolean the JWT carries.
      session({ session, token }) {
        const user = {
          ...session.user,
          id: token.sub ?? "",
          role: token.role ?? "patient",
          name: token.name,
          email: token.email ?? "",
          emailVerified: token.emailVerified ?? false,
          remembered: token.remembered ?? false,
        };
        return { ...session, user };
      },
    },
    events: {
      async signOut(message) {
        const sid = "token" in message ? message.token?.sid : undefined;
        if (sid) await revokeSession(getDb(), sid, new Date());
      },
    },
  };
});
