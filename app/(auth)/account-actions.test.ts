// The account page's actions with real sessions: each caller changes only
// their own password and ends only their own sessions; a weak new password is
// refused with the reason; a remembered session outlives the idle timeout.
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { getToken } from "next-auth/jwt";
import { sessions, users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/password";
import { sessionRefusal } from "@/lib/auth/session-validity";
import { useTestDb } from "@/tests/db";
import { createAdmin, createDoctor, createPatient } from "@/tests/factories";
import { requestHeaders, sessionCookieFor } from "@/tests/session-cookie";

const session = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(requestHeaders(session.cookie)),
  cookies: async () => ({ get: () => undefined, getAll: () => [], set: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const { changePasswordAction, signOutOtherSessionsAction, signOutSessionAction } = await import("./account-actions");

const db = useTestDb();
const PASSWORD = "the current long passphrase";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

async function withPassword(id: string) {
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(PASSWORD) })
    .where(eq(users.id, id));
}

async function sidOf(cookie: string): Promise<string> {
  const token = await getToken({ req: { headers: new Headers({ cookie }) }, secret: process.env.AUTH_SECRET!, secureCookie: false });
  return token!.sid as string;
}

const revoked = async (sid: string) => (await db.select().from(sessions).where(eq(sessions.id, sid)))[0]!.revokedAt !== null;

describe("the account page of every role", () => {
  it("a doctor and an admin change their own password; the other sessions end, this one stays", async () => {
    for (const user of [
      { id: (await createDoctor(db)).id, role: "doctor" as const },
      { id: (await createAdmin(db)).id, role: "admin" as const },
    ]) {
      await withPassword(user.id);
      const other = await sessionCookieFor(db, user);
      session.cookie = await sessionCookieFor(db, user);
      const answer = await changePasswordAction(
        null,
        form({ currentPassword: PASSWORD, newPassword: "a new and different phrase", confirmPassword: "a new and different phrase" }),
      );
      expect(answer).toMatchObject({ ok: true, message: "Password changed. 1 other session was signed out." });
      const [row] = await db.select().from(users).where(eq(users.id, user.id));
      expect(await verifyPassword(row!.passwordHash, "a new and different phrase")).toBe(true);
      expect(await revoked(await sidOf(other))).toBe(true);
      expect(await revoked(await sidOf(session.cookie))).toBe(false);
    }
  });

  it("refuses a weak new password with the reason, and changes nothing", async () => {
    const patient = await createPatient(db);
    await withPassword(patient.id);
    session.cookie = await sessionCookieFor(db, { id: patient.id, role: "patient" });
    const answer = await changePasswordAction(null, form({ currentPassword: PASSWORD, newPassword: "password1234", confirmPassword: "password1234" }));
    expect(answer).toMatchObject({ ok: false, fieldErrors: { newPassword: [expect.stringMatching(/commonly used password/)] } });
    const [row] = await db.select().from(users).where(eq(users.id, patient.id));
    expect(await verifyPassword(row!.passwordHash, PASSWORD)).toBe(true);
  });

  it("signs out one of the caller's own sessions, never another user's, nor this one", async () => {
    const patient = await createPatient(db);
    const stranger = await createPatient(db);
    const theirs = await sidOf(await sessionCookieFor(db, { id: stranger.id, role: "patient" }));
    const mine = await sidOf(await sessionCookieFor(db, { id: patient.id, role: "patient" }));
    session.cookie = await sessionCookieFor(db, { id: patient.id, role: "patient" });

    expect(await signOutSessionAction(null, form({ sessionId: theirs }))).toMatchObject({ ok: false, message: "That session has already ended." });
    expect(await revoked(theirs)).toBe(false);
    expect(await signOutSessionAction(null, form({ sessionId: await sidOf(session.cookie) }))).toMatchObject({ ok: false });
    expect(await revoked(await sidOf(session.cookie))).toBe(false);
    expect(await signOutSessionAction(null, form({ sessionId: mine }))).toMatchObject({ ok: true, message: "That session was signed out." });
    expect(await revoked(mine)).toBe(true);
  });

  it("signs out every other session of the caller only", async () => {
    const patient = await createPatient(db);
    const stranger = await createPatient(db);
    const theirs = await sidOf(await sessionCookieFor(db, { id: stranger.id, role: "patient" }));
    const mine = [await sessionCookieFor(db, { id: patient.id, role: "patient" }), await sessionCookieFor(db, { id: patient.id, role: "patient" })];
    session.cookie = await sessionCookieFor(db, { id: patient.id, role: "patient" });
    expect(await signOutOtherSessionsAction(null, new FormData())).toMatchObject({ ok: true, message: "2 other sessions were signed out." });
    for (const cookie of mine) expect(await revoked(await sidOf(cookie))).toBe(true);
    expect(await revoked(theirs)).toBe(false);
    expect(await revoked(await sidOf(session.cookie))).toBe(false);
  });

  it("refuses a signed-out caller", async () => {
    session.cookie = "";
    expect(await signOutOtherSessionsAction(null, new FormData())).toMatchObject({ ok: false, code: "unauthenticated" });
  });
});

describe("Keep me signed in", () => {
  const now = new Date("2030-01-01T12:00:00Z");
  const base = {
    revokedAt: null,
    active: true,
    expiresAt: new Date("2030-01-20T00:00:00Z"),
    lastSeenAt: new Date("2030-01-01T09:00:00Z"),
    sessionIdleMinutes: 60,
  };
  it("a remembered session is not ended by the idle timeout; its own end still ends it", () => {
    expect(sessionRefusal({ ...base, remembered: false }, now, 60)).toBe("idle");
    expect(sessionRefusal({ ...base, remembered: true }, now, 60)).toBeNull();
    expect(sessionRefusal({ ...base, remembered: true }, new Date("2030-01-21T00:00:00Z"), 60)).toBe("expired");
  });
});
