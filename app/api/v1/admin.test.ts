// Admin endpoints and the reports and statistics of both sides, over the
// services the admin portal uses (which re-check the acting admin).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { adminActor, createDoctor, createPatient, insertAppointmentRow } from "@/tests/factories";
import { useTestDb } from "@/tests/db";
import { api, tokenFor } from "@/tests/api/client";
import { expectDocumented } from "@/tests/api/validator";

const db = useTestDb();

async function adminToken() {
  return tokenFor(await adminActor(db), "admin");
}

describe("users", () => {
  it("lists users by search, changes a role and deactivates then reactivates", async () => {
    const token = await adminToken();
    const name = `Api User ${randomUUID().slice(0, 8)}`;
    const patient = await createPatient(db, { fullName: name });
    const list = await api("GET", `/users?q=${encodeURIComponent(name)}&role=patient`, { token });
    const page = (await expectDocumented(list, "/users", "get")) as { data: { id: string }[] };
    expect(page.data.map((u) => u.id)).toEqual([patient.id]);

    const role = await api("POST", `/users/${patient.id}/role`, { token, body: { role: "doctor" } });
    expect(((await expectDocumented(role, "/users/{id}/role", "post")) as { role: string }).role).toBe("doctor");
    const off = await api("POST", `/users/${patient.id}/active`, { token, body: { active: false } });
    expect(((await expectDocumented(off, "/users/{id}/active", "post")) as { active: boolean }).active).toBe(false);
    expect(((await (await api("POST", `/users/${patient.id}/active`, { token, body: { active: true } })).json()) as { active: boolean }).active).toBe(true);
  });

  it("pages users with a cursor; an unknown user is 404; bad input is 422", async () => {
    const token = await adminToken();
    await createPatient(db);
    await createPatient(db);
    const first = (await (await api("GET", "/users?limit=1", { token })).json()) as { data: { id: string }[]; next_cursor: string };
    const second = (await (await api("GET", `/users?limit=1&cursor=${first.next_cursor}`, { token })).json()) as { data: { id: string }[] };
    expect(second.data[0]!.id).not.toBe(first.data[0]!.id);
    expect((await api("POST", `/users/${randomUUID()}/active`, { token, body: { active: false } })).status).toBe(404);
    const bad = await api("POST", `/users/${randomUUID()}/role`, { token, body: { role: "root" } });
    expect(bad.status).toBe(422);
    await expectDocumented(bad, "/users/{id}/role", "post");
  });
});

describe("reports and statistics", () => {
  it("an admin generates a month; the doctor lists their own report of it", async () => {
    const token = await adminToken();
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: new Date("2002-05-14T09:00:00Z"), status: "completed" });
    const generated = await api("POST", "/reports", { token, body: { month: "2002-05" } });
    expect(((await expectDocumented(generated, "/reports", "post")) as { month: string }).month).toBe("2002-05");
    const system = (await expectDocumented(await api("GET", "/reports", { token }), "/reports", "get")) as { data: { month: string }[] };
    expect(system.data.map((r) => r.month)).toContain("2002-05");
    const own = (await (await api("GET", "/reports", { token: await tokenFor(doctor, "doctor") })).json()) as { data: { month: string }[] };
    expect(own.data.map((r) => r.month)).toEqual(["2002-05"]);
    expect((await api("POST", "/reports", { token, body: { month: "2999-01" } })).status).toBe(422);
  });

  it("a doctor's statistics count their own month; an admin's the system's", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: new Date(Date.now() + 60_000) });
    const mine = await api("GET", "/statistics", { token: await tokenFor(doctor, "doctor") });
    const figures = (await expectDocumented(mine, "/statistics", "get")) as {
      scope: string;
      appointments: { total: number; confirmed: number };
      patients: number;
    };
    expect(figures).toMatchObject({ scope: "doctor", appointments: { total: 1, confirmed: 1 }, patients: 1 });
    const system = (await expectDocumented(await api("GET", "/statistics", { token: await adminToken() }), "/statistics", "get")) as {
      scope: string;
      doctors: { verified: number };
    };
    expect(system.scope).toBe("system");
    expect(system.doctors.verified).toBeGreaterThan(0);
  });
});
