// The caller's own account: read it, change the patient profile through the
// profile form's schema, change the password under the lockout.
import { describe, expect, it } from "vitest";
import { createDoctor, createPatient } from "@/tests/factories";
import { useTestDb } from "@/tests/db";
import { TEST_PASSWORD, api, signIn, tokenFor } from "@/tests/api/client";
import { expectDocumented } from "@/tests/api/validator";

const db = useTestDb();

type Me = { full_name: string; role: string; profile: { phone: string | null; time_zone: string; allergies: string | null } | null };

describe("GET and PATCH /me", () => {
  it("a patient reads and changes their profile; only the fields sent change", async () => {
    const patient = await createPatient(db);
    const token = await tokenFor(patient, "patient");
    const before = (await expectDocumented(await api("GET", "/me", { token }), "/me", "get")) as Me;
    expect(before.role).toBe("patient");
    const changed = await api("PATCH", "/me", { token, body: { phone: "+49 30 1234567", time_zone: "Asia/Kolkata", allergies: "Penicillin" } });
    const after = (await expectDocumented(changed, "/me", "patch")) as Me;
    expect(after.profile).toMatchObject({ phone: "+49 30 1234567", time_zone: "Asia/Kolkata", allergies: "Penicillin" });
    expect(after.full_name).toBe(before.full_name);
    const cleared = (await (await api("PATCH", "/me", { token, body: { allergies: null } })).json()) as Me;
    expect(cleared.profile).toMatchObject({ allergies: null, phone: "+49 30 1234567" });
  });

  it("refuses a bad value with 422 on the API's field name, and an unknown field", async () => {
    const token = await tokenFor(await createPatient(db), "patient");
    const bad = await api("PATCH", "/me", { token, body: { time_zone: "Mars/Olympus", phone: "call me" } });
    expect(bad.status).toBe(422);
    const problem = (await expectDocumented(bad, "/me", "patch")) as { errors: Record<string, string[]> };
    expect(Object.keys(problem.errors).sort()).toEqual(["phone", "time_zone"]);
    expect((await api("PATCH", "/me", { token, body: { role: "admin" } })).status).toBe(422);
  });

  it("a doctor reads /me without a patient profile and may not PATCH it", async () => {
    const doctor = await createDoctor(db);
    const token = await tokenFor(doctor, "doctor");
    expect(((await (await api("GET", "/me", { token })).json()) as Me).profile).toBeNull();
    const refused = await api("PATCH", "/me", { token, body: { phone: "+1 555 0100" } });
    expect(refused.status).toBe(403);
    await expectDocumented(refused, "/me", "patch");
  });
});

describe("POST /me/password", () => {
  it("changes the password, keeps this sign-in and ends the others", async () => {
    const patient = await createPatient(db);
    const here = await signIn(db, patient);
    const elsewhere = await tokenFor(patient, "patient");
    const wrong = await api("POST", "/me/password", {
      token: here.access_token,
      body: { current_password: "nope", new_password: "a brand new passphrase 42" },
    });
    expect(wrong.status).toBe(422);
    expect(((await expectDocumented(wrong, "/me/password", "post")) as { errors: Record<string, string[]> }).errors.current_password).toBeDefined();
    const changed = await api("POST", "/me/password", {
      token: here.access_token,
      body: { current_password: TEST_PASSWORD, new_password: "a brand new passphrase 42" },
    });
    expect(changed.status).toBe(204);
    await expectDocumented(changed, "/me/password", "post");
    expect((await api("GET", "/me", { token: here.access_token })).status).toBe(200);
    expect((await api("GET", "/me", { token: elsewhere })).status).toBe(401);
  });

  it("is held to the sign-in lockout: a parallel burst of wrong current passwords locks it, with 429 and Retry-After", async () => {
    const patient = await createPatient(db);
    const here = await signIn(db, patient);
    const elsewhere = await tokenFor(patient, "patient");
    const change = (current: string) =>
      api("POST", "/me/password", { token: here.access_token, body: { current_password: current, new_password: "a brand new passphrase 42" } });
    const burst = await Promise.all(Array.from({ length: 8 }, () => change("guess")));
    const statuses = burst.map((response) => response.status).sort();
    // As at the token endpoint: the attempts are reserved one at a time, and the third sets the lock.
    expect(statuses).toEqual([422, 422, ...Array(6).fill(429)]);
    const right = await change(TEST_PASSWORD);
    for (const refused of [...burst.filter((response) => response.status === 429), right]) {
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(((await expectDocumented(refused, "/me/password", "post")) as { code: string }).code).toBe("rate_limited");
    }
    // Nothing changed: no sign-in was ended.
    expect((await api("GET", "/me", { token: elsewhere })).status).toBe(200);
  });
});
