// The reason a visitor types before "Sign in to book" is health information:
// it waits in an httpOnly cookie, never in the URL,
// and the return path can only lead back to this doctor.
import { describe, expect, it, vi } from "vitest";
import { redirectOf } from "@/tests/next-redirect";

const jar = new Map<string, { value: string; options: Record<string, unknown> }>();
vi.mock("next/headers", () => ({
  headers: async () => new Headers(),
  cookies: async () => ({
    get: (name: string) => (jar.has(name) ? { name, value: jar.get(name)!.value } : undefined),
    set: (name: string, value: string, options: Record<string, unknown>) => jar.set(name, { value, options }),
    delete: (name: string | { name: string }) => jar.delete(typeof name === "string" ? name : name.name),
  }),
}));

import { draftReasonFor, REASON_DRAFT_COOKIE } from "@/lib/booking/reason-draft";
import { keepReasonAndSignInAction } from "./actions";

const doctorId = "00000000-0000-4000-8000-000000000201";
const otherDoctor = "00000000-0000-4000-8000-000000000202";

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
}

describe("Sign in to book with a reason typed", () => {
  it("keeps the reason in an httpOnly cookie and sends the visitor to sign in, back to the chosen time", async () => {
    jar.clear();
    const back = `/doctors/${doctorId}?date=2026-12-15&slot=2026-12-15T09%3A30%3A00.000Z`;
    const target = await redirectOf(keepReasonAndSignInAction(null, form({ doctorId, reason: "Knee pain", returnTo: back })));
    expect(target).toBe(`/login?next=${encodeURIComponent(back)}`);
    expect(target).not.toContain("Knee");
    const kept = jar.get(REASON_DRAFT_COOKIE)!;
    expect(kept.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/", maxAge: 3600 });
    expect(draftReasonFor(kept.value, doctorId)).toBe("Knee pain");
    expect(draftReasonFor(kept.value, otherDoctor)).toBeUndefined();
  });

  it("returns only to this doctor's page, whatever return path is sent", async () => {
    jar.clear();
    for (const returnTo of ["https://evil.example/", "//evil.example", `/doctors/${otherDoctor}`, "/admin"]) {
      expect(await redirectOf(keepReasonAndSignInAction(null, form({ doctorId, reason: "", returnTo })))).toBe(
        `/login?next=${encodeURIComponent(`/doctors/${doctorId}`)}`,
      );
    }
    // No reason typed: nothing is kept.
    expect(jar.has(REASON_DRAFT_COOKIE)).toBe(false);
  });

  it("refuses a reason over 500 characters and keeps nothing", async () => {
    jar.clear();
    const state = await keepReasonAndSignInAction(null, form({ doctorId, reason: "x".repeat(501), returnTo: `/doctors/${doctorId}` }));
    expect(state).toMatchObject({ ok: false, fieldErrors: { reason: ["Keep the reason under 500 characters."] } });
    expect(jar.has(REASON_DRAFT_COOKIE)).toBe(false);
  });

  it("reads anything malformed as no reason", () => {
    for (const raw of [undefined, "", "not json", "{}", JSON.stringify({ doctorId: "nope", reason: "x" }), JSON.stringify({ doctorId, reason: 5 })]) {
      expect(draftReasonFor(raw, doctorId)).toBeUndefined();
    }
  });
});
