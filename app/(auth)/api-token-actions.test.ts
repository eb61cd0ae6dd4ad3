// Personal access tokens on the account page, through the action pipeline
// with a real session: shown once, scoped, listed with last use, revocable —
// and only ever the caller's own.
import { describe, expect, it, vi } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { adminActor, createDoctor, createPatient } from "@/tests/factories";
import { useTestDb } from "@/tests/db";
import { requestHeaders, sessionCookieFor } from "@/tests/session-cookie";
import { accountTokens } from "@/lib/api/personal-tokens";
import { api } from "@/tests/api/client";

const session = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(requestHeaders(session.cookie)),
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { createApiTokenAction, revokeApiTokenAction } = await import("./api-token-actions");

const db = useTestDb();

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe("API tokens on the account page", () => {
  it("creates a read-only token shown once, which reads but may not write, then revokes it", async () => {
    const patient = await createPatient(db);
    session.cookie = await sessionCookieFor(db, { id: patient.id, role: "patient" });
    const created = await createApiTokenAction(null, form({ name: "Sync script", scope: "read", expiresIn: "7" }));
    expect(created).toMatchObject({ ok: true, token: expect.stringMatching(/^cs_pat_/) });
    const token = (created as { token: string }).token;

    expect((await api("GET", "/me", { token })).status).toBe(200);
    const write = await api("PATCH", "/me", { token, body: { phone: "+49 30 7654321" } });
    expect(write.status).toBe(403);

    const [listed] = await accountTokens(db, patient.id, "UTC", new Date());
    expect(listed).toMatchObject({ name: "Sync script", scopes: "read", prefix: token.slice(0, 13) });
    expect(listed!.lastUsed).not.toBe("never");
    expect(JSON.stringify(await accountTokens(db, patient.id, "UTC", new Date()))).not.toContain(token);

    expect(await revokeApiTokenAction(null, form({ tokenId: listed!.id }))).toMatchObject({ ok: true });
    expect((await api("GET", "/me", { token })).status).toBe(401);
  });

  it("refuses a nameless token, and revoking another user's token", async () => {
    const owner = await createDoctor(db);
    session.cookie = await sessionCookieFor(db, { id: owner.id, role: "doctor" });
    expect(await createApiTokenAction(null, form({ name: "", scope: "write", expiresIn: "30" }))).toMatchObject({
      ok: false,
      fieldErrors: { name: expect.any(Array) },
    });
    await createApiTokenAction(null, form({ name: "Practice sync", scope: "write", expiresIn: "never" }));
    const [mine] = await accountTokens(db, owner.id, "UTC", new Date());

    const other = await createPatient(db);
    session.cookie = await sessionCookieFor(db, { id: other.id, role: "patient" });
    expect(await revokeApiTokenAction(null, form({ tokenId: mine!.id }))).toMatchObject({ ok: false, code: "not_found" });
    expect(await accountTokens(db, owner.id, "UTC", new Date())).toHaveLength(1);

    session.cookie = "";
    expect(await createApiTokenAction(null, form({ name: "Anonymous", scope: "read", expiresIn: "7" }))).toMatchObject({ ok: false, code: "unauthenticated" });
  });

  it("every role may make its own tokens; anonymous and deactivated callers may not", async () => {
    const callers = [
      { id: (await createPatient(db)).id, role: "patient" as const },
      { id: (await createDoctor(db)).id, role: "doctor" as const },
      { id: (await adminActor(db)).id, role: "admin" as const },
    ];
    for (const caller of callers) {
      session.cookie = await sessionCookieFor(db, caller);
      const created = await createApiTokenAction(null, form({ name: `${caller.role} token`, scope: "read", expiresIn: "30" }));
      expect(created, caller.role).toMatchObject({ ok: true });
      const me = (await (await api("GET", "/me", { token: (created as { token: string }).token })).json()) as { role: string };
      expect(me.role).toBe(caller.role);
    }
    const leaver = await createPatient(db);
    session.cookie = await sessionCookieFor(db, { id: leaver.id, role: "patient" });
    await db.update(users).set({ active: false }).where(eq(users.id, leaver.id));
    expect(await createApiTokenAction(null, form({ name: "Leaving", scope: "write", expiresIn: "7" }))).toMatchObject({ ok: false, code: "unauthenticated" });
    expect(await accountTokens(db, leaver.id, "UTC", new Date())).toEqual([]);
    session.cookie = "";
    expect(await revokeApiTokenAction(null, form({ tokenId: crypto.randomUUID() }))).toMatchObject({ ok: false, code: "unauthenticated" });
  });
});
