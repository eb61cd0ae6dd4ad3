// The signIn callback's own check of Google's ID token (Auth.js validates its
// claims but trusts TLS for the signature): only a token signed by the
// issuer's published key, for this client, unexpired, about the subject
// Auth.js reported, signs anyone in. Keys come from the local OpenID Connect
// provider's real JWKS endpoint.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { SignJWT, generateKeyPair } from "jose";
import type { Account, User } from "next-auth";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { accounts, sessions, users } from "@/db/schema";
import { parseEnv, type Env } from "@/lib/env-schema";
import { useTestDb } from "@/tests/db";
import { uniqueEmail } from "@/tests/factories";
import { startLocalOidc, type LocalOidc } from "./testing/local-oidc";

const jar = vi.hoisted(() => new Map<string, string>());
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "user-agent": "Vitest", host: "localhost:3000" }),
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)! } : undefined),
    set: (name: string, value: string) => void jar.set(name, value),
    delete: (name: string) => void jar.delete(name),
  }),
}));

const { googleSignIn } = await import("./google-sign-in");

const db = useTestDb();
let oidc: LocalOidc;
let config: Env;

beforeAll(async () => {
  oidc = await startLocalOidc({ clientId: "careslot-test", clientSecret: "test-secret", redirectUris: ["http://localhost:3000/api/auth/callback/google"] });
  config = parseEnv({ ...process.env, GOOGLE_CLIENT_ID: "careslot-test", GOOGLE_CLIENT_SECRET: "test-secret", GOOGLE_ISSUER: oidc.issuer });
});

afterAll(async () => {
  await oidc.close();
});

function accountWith(idToken: string, subject: string): Account {
  return { provider: "google", type: "oidc", providerAccountId: subject, id_token: idToken };
}

const claimsFor = (subject: string, email: string) => ({ sub: subject, email, email_verified: true, name: "Tia Token" });
const usersWith = (email: string) => db.select().from(users).where(eq(users.email, email));

describe("googleSignIn", () => {
  it("a token signed by the issuer signs a new patient in, with a session for the jwt callback", async () => {
    const subject = randomUUID();
    const email = uniqueEmail("token");
    const user: User = {};
    expect(await googleSignIn({ user, account: accountWith(await oidc.signIdToken(claimsFor(subject, email)), subject) }, config)).toBe(true);
    const [created] = await usersWith(email);
    expect(user).toMatchObject({ id: created!.id, role: "patient", email, name: "Tia Token", remembered: false, sessionId: expect.any(String) });
    const [session] = await db.select().from(sessions).where(eq(sessions.id, user.sessionId!));
    expect(session).toMatchObject({ userId: created!.id, remembered: false, userAgent: "Vitest" });
    expect(await db.select().from(accounts).where(eq(accounts.providerAccountId, subject))).toHaveLength(1);
  });

  it("refuses a token signed by any other key, for another client or issuer, expired, or about another subject", async () => {
    const subject = randomUUID();
    const email = uniqueEmail("forged");
    const { privateKey } = await generateKeyPair("RS256");
    const forged = await new SignJWT(claimsFor(subject, email))
      .setProtectedHeader({ alg: "RS256" })
      .setIssuer(oidc.issuer)
      .setAudience("careslot-test")
      .setIssuedAt()
      .setExpirationTime("10m")
      .sign(privateKey);
    const refused = [
      accountWith(forged, subject),
      accountWith(await oidc.signIdToken(claimsFor(subject, email), { audience: "another-client" }), subject),
      accountWith(await oidc.signIdToken(claimsFor(subject, email), { issuer: "https://accounts.example" }), subject),
      accountWith(await oidc.signIdToken(claimsFor(subject, email), { expiresIn: "-1m" }), subject),
      accountWith(await oidc.signIdToken(claimsFor(subject, email)), randomUUID()),
      { provider: "google", type: "oidc", providerAccountId: subject } satisfies Account,
    ];
    for (const account of refused) expect(await googleSignIn({ user: {}, account }, config)).toBe("/login?google=failed");
    expect(await usersWith(email)).toEqual([]);
  });

  it("an existing account's email leaves a sealed link to confirm and sends the browser to the password page", async () => {
    const subject = randomUUID();
    const email = uniqueEmail("existing");
    await db.insert(users).values({ email, fullName: "Ella Existing", role: "patient", passwordHash: "not-a-real-hash" });
    jar.clear();
    expect(await googleSignIn({ user: {}, account: accountWith(await oidc.signIdToken(claimsFor(subject, email)), subject) }, config)).toBe(
      "/login/google/link",
    );
    expect(jar.has("careslot.google-link")).toBe(true);
    expect(await db.select().from(accounts).where(eq(accounts.providerAccountId, subject))).toEqual([]);
  });
});
