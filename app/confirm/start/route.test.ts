// POST /confirm/start through the real route handler with real sessions: a
// destructive form sent without JavaScript is kept for the confirm page (an
// httpOnly cookie, nothing in the URL) and changes nothing; a form from another
// site, a signed-out caller and a malformed form are refused.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { useTestDb } from "@/tests/db";
import { createPatient } from "@/tests/factories";
import { requestHeaders, sessionCookieFor } from "@/tests/session-cookie";
import { CONFIRM_FIELD, decodePending } from "@/lib/confirm/pending";

const request = vi.hoisted(() => ({ cookie: "", set: [] as { name: string; value: string; options: Record<string, unknown> }[] }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(requestHeaders(request.cookie)),
  cookies: async () => ({
    get: () => undefined,
    set: (name: string, value: string, options: Record<string, unknown>) => request.set.push({ name, value, options }),
  }),
}));

const { POST } = await import("./route");
const db = useTestDb();

function form(fields: [string, string][]): FormData {
  const data = new FormData();
  for (const [name, value] of fields) data.append(name, value);
  return data;
}

const ASK = JSON.stringify({ label: "Deactivate Anna Keller", title: "Deactivate Anna Keller?" });

async function post(body: FormData, headers: Record<string, string> = {}) {
  return POST(
    new Request("http://localhost:3000/confirm/start", {
      method: "POST",
      body,
      headers: { ...requestHeaders(request.cookie), origin: "http://localhost:3000", referer: "http://localhost:3000/admin/users/u1", ...headers },
    }),
  );
}

beforeEach(async () => {
  request.set = [];
  const user = await createPatient(db);
  request.cookie = await sessionCookieFor(db, { id: user.id, role: "patient" });
});

describe("POST /confirm/start", () => {
  it("keeps the form for the confirm page in an httpOnly cookie and sends the browser there", async () => {
    const response = await post(
      form([
        ["userId", "u1"],
        ["active", "false"],
        [CONFIRM_FIELD, ASK],
      ]),
    );
    expect(response.status).toBe(303);
    expect(response.headers.get("location")).toBe("/confirm");
    expect(request.set).toHaveLength(1);
    const [cookie] = request.set;
    expect(cookie!.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/confirm" });
    expect(decodePending(cookie!.value)).toMatchObject({
      label: "Deactivate Anna Keller",
      back: "/admin/users/u1",
      fields: [
        ["userId", "u1"],
        ["active", "false"],
      ],
    });
  });

  it("refuses a form posted from another site, a signed-out caller and a form without its confirmation, keeping nothing", async () => {
    expect((await post(form([[CONFIRM_FIELD, ASK]]), { origin: "https://evil.example" })).status).toBe(403);
    const missing = await post(form([["userId", "u1"]]));
    expect(missing.status).toBe(400);
    expect(await missing.text()).toMatch(/nothing was changed/);
    request.cookie = "";
    expect((await post(form([[CONFIRM_FIELD, ASK]]))).status).toBe(401);
    expect(request.set).toEqual([]);
  });
});
