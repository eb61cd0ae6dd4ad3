// Issue #13, finding 7: the registration and forgot-password forms must not
// tell whether an address has an account, by their answer or by their time.
// Called as Next.js calls the actions, each request from its own IP so the
// rate limits (app/rate-limits.test.ts) stay out of the way.
import { and, eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { emails, users } from "@/db/schema";
import { useTestDb } from "@/tests/db";
import { createPatients, uniqueEmail } from "@/tests/factories";
import { requestHeaders } from "@/tests/session-cookie";
import { forgotPasswordAction, registerAction } from "./actions";

const request = vi.hoisted(() => ({ ip: "" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers({ ...requestHeaders(), "x-forwarded-for": request.ip }) }));

const db = useTestDb();

let ipCounter = 0;
function fromNewIp() {
  ipCounter += 1;
  request.ip = `198.18.${Math.floor(ipCounter / 250)}.${(ipCounter % 250) + 1}`;
}

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

async function answer(call: Promise<unknown>): Promise<unknown> {
  try {
    return await call;
  } catch (error) {
    const digest = (error as { digest?: string }).digest;
    if (typeof digest === "string" && digest.startsWith("NEXT_REDIRECT")) return { redirectedTo: digest.split(";")[2] };
    throw error;
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return (sorted[Math.floor((sorted.length - 1) / 2)]! + sorted[Math.ceil((sorted.length - 1) / 2)]!) / 2;
};

describe("registration", () => {
  it("answers an address that has an account exactly like a new one; its owner is told, and no second account is made", async () => {
    const register = (email: string) => {
      fromNewIp();
      return answer(registerAction(null, form({ fullName: "Curious Person", email, password: "correct horse battery", role: "patient" })));
    };
    const [owner] = await createPatients(db, 1);
    const fresh = uniqueEmail("fresh");

    const [forNew, forTaken] = [await register(fresh), await register(owner!.email.toUpperCase())];
    expect(forNew).toEqual({ redirectedTo: "/login?registered=1" });
    expect(forTaken).toEqual(forNew);

    expect(await db.select().from(users).where(eq(users.id, owner!.id))).toHaveLength(1);
    expect((await db.select().from(users).where(eq(users.fullName, "Curious Person"))).map((row) => row.email)).toEqual([fresh]);
    const notices = await db
      .select()
      .from(emails)
      .where(and(eq(emails.toAddress, owner!.email), eq(emails.template, "account-exists")));
    expect(notices).toHaveLength(1);
    expect(notices[0]!.text).toContain("Someone tried to create a new Careslot account with this email address");
  });
});

describe("forgot password", () => {
  it("answers the same for registered and unknown addresses, in the same time (25 + 25 requests, medians within 2x)", async () => {
    const known = (await createPatients(db, 25)).map((patient) => patient.email);
    const unknown = Array.from({ length: 25 }, () => uniqueEmail("nobody"));
    const forgot = async (email: string) => {
      fromNewIp();
      const started = performance.now();
      const result = await answer(forgotPasswordAction(null, form({ email })));
      return { result, ms: performance.now() - started };
    };
    // Warm both paths (module loading, the dummy render) before measuring.
    await forgot(uniqueEmail("warm-up"));
    await forgot((await createPatients(db, 1))[0]!.email);

    const timings = { known: [] as number[], unknown: [] as number[] };
    const answers = new Set<string>();
    for (let k = 0; k < 25; k++) {
      // Interleaved, so a slow moment of the machine falls on both sides.
      for (const [side, email] of [
        ["known", known[k]!],
        ["unknown", unknown[k]!],
      ] as const) {
        const { result, ms } = await forgot(email);
        answers.add(JSON.stringify(result));
        timings[side].push(ms);
      }
    }

    expect([...answers]).toEqual([JSON.stringify({ ok: true })]);
    const [knownMs, unknownMs] = [median(timings.known), median(timings.unknown)];
    console.info(`forgot-password medians: registered ${knownMs.toFixed(2)} ms, unknown ${unknownMs.toFixed(2)} ms`);
    expect(knownMs / unknownMs).toBeLessThan(2);
    expect(unknownMs / knownMs).toBeLessThan(2);
    // The registered ones really were sent a link.
    const sent = await db
      .select()
      .from(emails)
      .where(and(eq(emails.toAddress, known[0]!), eq(emails.template, "reset-password")));
    expect(sent).toHaveLength(1);
  });
});
