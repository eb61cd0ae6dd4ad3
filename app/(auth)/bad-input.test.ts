// A NUL byte in the registration form's name reached PostgreSQL and came back
// as a 500 (with the form's values in the logged error). Replayed through the
// real action, as Next.js calls it: a message on the name field, no account.
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { users } from "@/db/schema";
import { CONTROL_CHARACTERS_MESSAGE, INVISIBLE_ONLY_MESSAGE } from "@/lib/validation/text";
import { useTestDb } from "@/tests/db";
import { uniqueEmail } from "@/tests/factories";
import { requestHeaders } from "@/tests/session-cookie";
import { registerAction } from "./actions";

vi.mock("next/headers", () => ({ headers: async () => new Headers(requestHeaders()) }));

const db = useTestDb({ max: 2 });

function registration(fullName: string, email: string): FormData {
  const form = new FormData();
  for (const [key, value] of Object.entries({ fullName, email, password: "a long enough password", role: "patient", timeZone: "Europe/Berlin" }))
    form.set(key, value);
  return form;
}

describe("registration with a name no person types", () => {
  it.each([
    ["a NUL byte", "Ann\u0000Example", CONTROL_CHARACTERS_MESSAGE],
    ["an escape sequence", "Ann\u001b[2JExample", CONTROL_CHARACTERS_MESSAGE],
    ["only zero-width spaces", "\u200b\u200b\u200b", INVISIBLE_ONLY_MESSAGE],
  ])("%s: a message on the name field, and no account", async (_case, fullName, message) => {
    const email = uniqueEmail("nul");
    const state = await registerAction(null, registration(fullName, email));
    expect(state).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { fullName: [message] } });
    expect(await db.select({ id: users.id }).from(users).where(eq(users.email, email))).toEqual([]);
  });
});
