// A doctor's practice through the API: schedule, availability (rules and
// overrides, checked like the availability page), patients in their care.
import { describe, expect, it } from "vitest";
import { createDoctor, createPatient, insertAppointmentRow } from "@/tests/factories";
import { useTestDb } from "@/tests/db";
import { api, tokenFor } from "@/tests/api/client";
import { expectDocumented } from "@/tests/api/validator";

const db = useTestDb();

async function doctorWithToken() {
  const doctor = await createDoctor(db);
  return { doctor, token: await tokenFor(doctor, "doctor") };
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000);

describe("availability", () => {
  it("replaces weekly hours, sets and removes a date override; the public slots follow", async () => {
    const { doctor, token } = await doctorWithToken();
    const start = await expectDocumented(await api("GET", "/availability", { token }), "/availability", "get");
    expect((start as { rules: unknown[] }).rules).toHaveLength(5);

    const put = await api("PUT", "/availability/rules", { token, body: { rules: [{ weekday: 6, start_time: "10:00", end_time: "12:00" }] } });
    const after = (await expectDocumented(put, "/availability/rules", "put")) as { rules: { weekday: number }[] };
    expect(after.rules).toEqual([{ weekday: 6, start_time: "10:00", end_time: "12:00" }]);
    const slots = (await (await api("GET", `/doctors/${doctor.id}/slots?limit=500`)).json()) as { data: { doctor_time: string }[] };
    expect(new Set(slots.data.map((slot) => slot.doctor_time))).toEqual(new Set(["10:00", "10:30", "11:00", "11:30"]));

    const date = inDays(10).toISOString().slice(0, 10);
    const set = await api("POST", "/availability/overrides", { token, body: { date, kind: "custom", ranges: [{ start_time: "14:00", end_time: "15:00" }] } });
    expect(set.status).toBe(201);
    const withOverride = (await expectDocumented(set, "/availability/overrides", "post")) as { overrides: { id: string; date: string }[] };
    const created = withOverride.overrides.find((o) => o.date === date)!;
    const removed = await api("DELETE", `/availability/overrides/${created.id}`, { token });
    expect(removed.status).toBe(204);
    await expectDocumented(removed, "/availability/overrides/{id}", "delete");
    expect((await api("DELETE", `/availability/overrides/${created.id}`, { token })).status).toBe(404);
  });

  it("refuses overlapping ranges and a past date with 422 naming the field", async () => {
    const { token } = await doctorWithToken();
    const overlap = await api("PUT", "/availability/rules", {
      token,
      body: {
        rules: [
          { weekday: 1, start_time: "09:00", end_time: "12:00" },
          { weekday: 1, start_time: "11:00", end_time: "13:00" },
        ],
      },
    });
    expect(overlap.status).toBe(422);
    const problem = (await expectDocumented(overlap, "/availability/rules", "put")) as { errors: Record<string, string[]> };
    expect(Object.keys(problem.errors)[0]).toMatch(/^rules\.0\.1\.start_time$/);
    const past = await api("POST", "/availability/overrides", { token, body: { date: "2020-01-01", kind: "closed" } });
    expect(past.status).toBe(422);
  });

  it("another doctor's override is a 404", async () => {
    const owner = await doctorWithToken();
    const other = await doctorWithToken();
    const date = inDays(12).toISOString().slice(0, 10);
    const set = (await (await api("POST", "/availability/overrides", { token: owner.token, body: { date, kind: "closed" } })).json()) as {
      overrides: { id: string }[];
    };
    expect((await api("DELETE", `/availability/overrides/${set.overrides[0]!.id}`, { token: other.token })).status).toBe(404);
  });
});

describe("schedule and patients", () => {
  it("lists the week's appointments, the patients in care and one patient's history; strangers are 404", async () => {
    const { doctor, token } = await doctorWithToken();
    const patient = await createPatient(db, { fullName: "Pat Ient" });
    const stranger = await createPatient(db);
    const at = inDays(3);
    const visit = await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: at, reason: "Follow-up" });
    const schedule = await api("GET", `/schedule?from=${inDays(2).toISOString()}&to=${inDays(5).toISOString()}`, { token });
    const week = (await expectDocumented(schedule, "/schedule", "get")) as { data: { id: string; patient_name: string }[] };
    expect(week.data).toEqual([expect.objectContaining({ id: visit.id, patient_name: "Pat Ient" })]);
    expect((await api("GET", `/schedule?from=${inDays(0).toISOString()}&to=${inDays(90).toISOString()}`, { token })).status).toBe(422);

    const list = (await expectDocumented(await api("GET", "/patients", { token }), "/patients", "get")) as { data: { id: string }[] };
    expect(list.data.map((p) => p.id)).toEqual([patient.id]);
    const one = (await expectDocumented(await api("GET", `/patients/${patient.id}`, { token }), "/patients/{id}", "get")) as { history: { id: string }[] };
    expect(one.history.map((h) => h.id)).toEqual([visit.id]);
    expect((await api("GET", `/patients/${stranger.id}`, { token })).status).toBe(404);
  });
});
