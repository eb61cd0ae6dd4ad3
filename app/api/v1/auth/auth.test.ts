// Tokens: the password grant under the sign-in lockout, rotating refresh
// tokens whose reuse ends the family, revocation, and the account changes that
// must reach a token on its very next request. Responses match the document.
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { revokeAllSessionsOfUser } from "@/db/queries/users";
import { personalAccessTokens } from "@/db/schema";
import { changeUserRole, setUsersActiveState } from "@/lib/admin/users";
import { authenticate } from "@/lib/api/authenticate";
import { createPersonalAccessToken } from "@/lib/api/personal-tokens";
import { adminActor, createDoctor, createPatient } from "@/tests/factories";
import { useTestDb } from "@/tests/db";
import { sessionCookieFor } from "@/tests/session-cookie";
import { BASE, TEST_PASSWORD, api, givePassword, randomIp, signIn } from "@/tests/api/client";
import { expectDocumented } from "@/tests/api/validator";

const db = useTestDb({ max: 20 });

const grant = (body: object, headers?: Record<string, string>) => api("POST", "/auth/token", { body, headers });
const me = (token: string) => api("GET", "/me", { token });

describe("POST /auth/token", () => {
  it("signs in with a password: a Bearer pair whose access token opens /me", async () => {
    const patient = await createPatient(db);
    await givePassword(db, patient.id);
    const response = await grant({ grant_type: "password", email: patient.email.toUpperCase(), password: TEST_PASSWORD, otp: "123456" });
    const pair = (await expectDocumented(response, "/auth/token", "post")) as { access_token: string; token_type: string; expires_in: number };
    expect(pair).toMatchObject({ token_type: "Bearer", expires_in: 900 });
    const mine = await me(pair.access_token);
    expect(((await expectDocumented(mine, "/me", "get")) as { id: string }).id).toBe(patient.id);
  });

  it("refuses a wrong password and an unknown grant type", async () => {
    const patient = await createPatient(db);
    await givePassword(db, patient.id);
    const wrong = await grant({ grant_type: "password", email: patient.email, password: "not the password" });
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toContain("Bearer");
    await expectDocumented(wrong, "/auth/token", "post");
    const unknown = await grant({ grant_type: "client_credentials" });
    expect(unknown.status).toBe(422);
    await expectDocumented(unknown, "/auth/token", "post");
  });

  it("a parallel burst of wrong passwords locks the account: the right one is then refused with 429 and Retry-After", async () => {
    const patient = await createPatient(db);
    await givePassword(db, patient.id);
    const burst = await Promise.all(Array.from({ length: 10 }, () => grant({ grant_type: "password", email: patient.email, password: "guess" })));
    const statuses = burst.map((response) => response.status).sort();
    // Attempts are reserved one at a time before the hash: two are told "wrong", the third sets the lock, the rest meet it.
    expect(statuses).toEqual([401, 401, ...Array(8).fill(429)]);
    const right = await grant({ grant_type: "password", email: patient.email, password: TEST_PASSWORD });
    expect(right.status).toBe(429);
    expect(Number(right.headers.get("retry-after"))).toBeGreaterThan(0);
    await expectDocumented(right, "/auth/token", "post");
  });

  it("rotates refresh tokens; reusing an old one revokes the whole family", async () => {
    const patient = await createPatient(db);
    const first = await signIn(db, patient);
    const rotated = await grant({ grant_type: "refresh_token", refresh_token: first.refresh_token });
    const second = (await expectDocumented(rotated, "/auth/token", "post")) as { access_token: string; refresh_token: string };
    expect(second.refresh_token).not.toBe(first.refresh_token);
    expect((await me(second.access_token)).status).toBe(200);

    const reuse = await grant({ grant_type: "refresh_token", refresh_token: first.refresh_token });
    expect(reuse.status).toBe(401);
    // The family is gone: the newest refresh token and the live access token too.
    expect((await grant({ grant_type: "refresh_token", refresh_token: second.refresh_token })).status).toBe(401);
    expect((await me(second.access_token)).status).toBe(401);
  });
});

describe("POST /auth/revoke and what ends a token", () => {
  it("revoke by refresh token or by the bearer token ends that sign-in only", async () => {
    const patient = await createPatient(db);
    const a = await signIn(db, patient);
    const b = await signIn(db, patient);
    const byRefresh = await api("POST", "/auth/revoke", { body: { token: a.refresh_token } });
    expect(byRefresh.status).toBe(204);
    await expectDocumented(byRefresh, "/auth/revoke", "post");
    expect((await me(a.access_token)).status).toBe(401);
    expect((await me(b.access_token)).status).toBe(200);
    expect((await api("POST", "/auth/revoke", { token: b.access_token, body: {} })).status).toBe(204);
    expect((await me(b.access_token)).status).toBe(401);
  });

  it("never accepts the session cookie, nor a malformed or forged token", async () => {
    const patient = await createPatient(db);
    const cookie = await sessionCookieFor(db, { id: patient.id, role: "patient" });
    expect((await api("GET", "/me", { headers: { cookie } })).status).toBe(401);
    expect((await api("GET", "/me", { headers: { authorization: "Basic abc" } })).status).toBe(401);
    const { access_token } = await signIn(db, patient);
    const [header, payload] = access_token.split(".");
    expect((await me(`${header}.${payload}.forgedsignature`)).status).toBe(401);
    expect((await me("cs_pat_notarealtoken")).status).toBe(401);
  });

  it("an expired access token and an expired personal token are refused", async () => {
    const patient = await createPatient(db);
    const { access_token, expires_in } = await signIn(db, patient);
    const request = () => new Request(`${BASE}/me`, { headers: { authorization: `Bearer ${access_token}` } });
    const justBefore = new Date(Date.now() + (expires_in - 30) * 1000);
    const justAfter = new Date(Date.now() + (expires_in + 30) * 1000);
    expect((await authenticate(db, request(), justBefore)).kind).toBe("caller");
    expect(await authenticate(db, request(), justAfter)).toEqual({ kind: "refused", reason: expect.stringContaining("expired") });

    const { token: personal } = await createPersonalAccessToken(
      db,
      { id: patient.id, role: "patient" },
      { name: "week", scope: "read", expiresIn: "7" },
      new Date(),
    );
    expect((await me(personal)).status).toBe(200);
    await db
      .update(personalAccessTokens)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(personalAccessTokens.userId, patient.id));
    const expired = await me(personal);
    expect(expired.status).toBe(401);
    expect(((await expectDocumented(expired, "/me", "get")) as { code: string }).code).toBe("unauthenticated");
  });

  it("sign out everywhere, deactivation and a role change end access tokens and personal tokens on the next request", async () => {
    const admin = await adminActor(db);
    const cases: [string, (userId: string) => Promise<unknown>][] = [
      ["sign out everywhere", (userId) => revokeAllSessionsOfUser(db, userId, new Date())],
      ["deactivation", (userId) => setUsersActiveState(db, admin, { userIds: [userId], active: false }, new Date())],
      ["role change", (userId) => changeUserRole(db, admin, { userId, role: "doctor" }, new Date())],
    ];
    for (const [label, change] of cases) {
      const patient = await createPatient(db);
      const { access_token } = await signIn(db, patient);
      const { token: personal } = await createPersonalAccessToken(
        db,
        { id: patient.id, role: "patient" },
        { name: label, scope: "write", expiresIn: "30" },
        new Date(),
      );
      expect((await me(access_token)).status, label).toBe(200);
      expect((await me(personal)).status, label).toBe(200);
      await change(patient.id);
      expect((await me(access_token)).status, label).toBe(401);
      expect((await me(personal)).status, label).toBe(401);
    }
  });

  it("the per-IP sign-in limit covers the token endpoint", async () => {
    const doctor = await createDoctor(db);
    const ip = randomIp();
    const answers = [];
    for (let i = 0; i < 25; i++)
      answers.push((await grant({ grant_type: "password", email: `${i}-${doctor.email}`, password: "x" }, { "x-forwarded-for": ip })).status);
    expect(answers).toContain(429);
  });
});
