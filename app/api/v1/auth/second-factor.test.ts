// The token endpoint's 2FA seam (lib/api/second-factor.ts): the password
// grant asks checkApiSecondFactor with the "otp" sent, and a refusal issues no
// token. 2FA is not in this branch, so the seam's refusal is stood in for
// here; once the 2FA module is wired in, these cases hold for a real account
// with 2FA on.
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { sessions } from "@/db/schema";
import { createPatient } from "@/tests/factories";
import { useTestDb } from "@/tests/db";
import { TEST_PASSWORD, api, givePassword } from "@/tests/api/client";
import { expectDocumented } from "@/tests/api/validator";

const secondFactor = vi.hoisted(() => ({ check: vi.fn() }));
vi.mock("@/lib/api/second-factor", () => ({ checkApiSecondFactor: secondFactor.check }));

const db = useTestDb();

async function enrolledPatient() {
  const patient = await createPatient(db);
  await givePassword(db, patient.id);
  // The account has 2FA on with code 246810.
  secondFactor.check.mockImplementation(async (_db: unknown, input: { userId: string; otp?: string }) =>
    input.userId !== patient.id
      ? { ok: true }
      : !input.otp
        ? { ok: false, reason: "otp_required" }
        : input.otp === "246810"
          ? { ok: true }
          : { ok: false, reason: "otp_invalid" },
  );
  return patient;
}

const grant = (email: string, otp?: string) =>
  api("POST", "/auth/token", { body: { grant_type: "password", email, password: TEST_PASSWORD, ...(otp ? { otp } : {}) } });

describe("the password grant with two-factor authentication on", () => {
  it("refuses without a code and with a wrong one, issuing nothing; the right code signs in", async () => {
    const patient = await enrolledPatient();
    const missing = await grant(patient.email);
    expect(missing.status).toBe(401);
    expect(((await expectDocumented(missing, "/auth/token", "post")) as { errors: Record<string, string[]> }).errors.otp).toBeDefined();
    expect((await grant(patient.email, "135791")).status).toBe(401);
    expect(await db.select().from(sessions).where(eq(sessions.userId, patient.id))).toHaveLength(0);

    const right = await grant(patient.email, "246810");
    expect(right.status).toBe(200);
    expect(secondFactor.check).toHaveBeenLastCalledWith(expect.anything(), { userId: patient.id, otp: "246810" }, expect.any(Date));
  });

  it("is asked only after the password was right", async () => {
    const patient = await enrolledPatient();
    secondFactor.check.mockClear();
    const wrong = await api("POST", "/auth/token", { body: { grant_type: "password", email: patient.email, password: "wrong password", otp: "246810" } });
    expect(wrong.status).toBe(401);
    expect(secondFactor.check).not.toHaveBeenCalled();
  });
});
