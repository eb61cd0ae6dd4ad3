// Booking through the API: the same service as the booking page, so the same
// rules and the database's no-overlap constraint decide. Responses are checked
// against the served document.
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { appointments } from "@/db/schema";
import { adminActor, createDoctor, createPatient, createPatients, insertAppointmentRow } from "@/tests/factories";
import { useTestDb } from "@/tests/db";
import { bookableTuesdayTen } from "@/tests/real-time-slots";
import { api, tokenFor } from "@/tests/api/client";
import { expectDocumented } from "@/tests/api/validator";

const db = useTestDb({ max: 20 });

type Appointment = { id: string; status: string; starts_at: string; rescheduled_to_id: string | null };

async function patientWithToken() {
  const patient = await createPatient(db);
  return { patient, token: await tokenFor(patient, "patient") };
}

const book = (token: string, body: object, headers?: Record<string, string>) => api("POST", "/appointments", { token, body, headers });

describe("POST /appointments", () => {
  it("books a free slot: 201 with Location, and the patient sees it in their list", async () => {
    const doctor = await createDoctor(db);
    const { token } = await patientWithToken();
    const response = await book(token, { doctor_id: doctor.id, starts_at: bookableTuesdayTen(), reason: "Check-up" });
    const booked = (await expectDocumented(response, "/appointments", "post")) as Appointment;
    expect(response.status).toBe(201);
    expect(response.headers.get("location")).toBe(`/api/v1/appointments/${booked.id}`);
    expect(booked.status).toBe("confirmed");
    expect(response.headers.get("ratelimit-policy")).toContain('"booking";q=20;w=3600');

    const list = (await expectDocumented(await api("GET", "/appointments", { token }), "/appointments", "get")) as { data: Appointment[] };
    expect(list.data.map((a) => a.id)).toEqual([booked.id]);
    const one = await api("GET", `/appointments/${booked.id}`, { token });
    expect(((await expectDocumented(one, "/appointments/{id}", "get")) as Appointment).id).toBe(booked.id);
  });

  it("refuses bad input with 422 naming each field, and a time not offered with 409 slot_taken", async () => {
    const doctor = await createDoctor(db);
    const { token } = await patientWithToken();
    const bad = await book(token, { doctor_id: "nope", starts_at: "tomorrow" });
    const problem = (await expectDocumented(bad, "/appointments", "post")) as { errors: Record<string, string[]> };
    expect(bad.status).toBe(422);
    expect(Object.keys(problem.errors).sort()).toEqual(["doctor_id", "starts_at"]);

    const sunday = bookableTuesdayTen().replace(/T10:00/, "T03:00");
    const notOffered = await book(token, { doctor_id: doctor.id, starts_at: sunday });
    expect(notOffered.status).toBe(409);
    expect(((await expectDocumented(notOffered, "/appointments", "post")) as { code: string }).code).toBe("slot_taken");
  });

  it("40 patients race for one slot: exactly one 201 and 39 409 slot_taken", { timeout: 60_000 }, async () => {
    const doctor = await createDoctor(db);
    const patients = await createPatients(db, 40);
    const tokens = await Promise.all(patients.map((patient) => tokenFor(patient, "patient")));
    const slot = bookableTuesdayTen(1);
    const responses = await Promise.all(tokens.map((token) => book(token, { doctor_id: doctor.id, starts_at: slot })));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(1);
    expect(statuses.filter((s) => s === 409)).toHaveLength(39);
    const codes = await Promise.all(responses.filter((r) => r.status === 409).map(async (r) => ((await r.json()) as { code: string }).code));
    expect(new Set(codes)).toEqual(new Set(["slot_taken"]));
    const rows = await db
      .select()
      .from(appointments)
      .where(and(eq(appointments.doctorId, doctor.id), eq(appointments.startsAt, new Date(slot))));
    expect(rows).toHaveLength(1);
  });

  it("a replayed Idempotency-Key answers the same appointment; the key with another body is 422", async () => {
    const doctor = await createDoctor(db);
    const { patient, token } = await patientWithToken();
    const key = randomUUID();
    const body = { doctor_id: doctor.id, starts_at: bookableTuesdayTen(2), reason: "Once" };
    const answers = await Promise.all([book(token, body, { "idempotency-key": key }), book(token, body, { "idempotency-key": key })]);
    const later = await book(token, body, { "idempotency-key": key });
    const ids = new Set<string>();
    for (const response of [...answers, later]) {
      if (response.status === 201) ids.add(((await expectDocumented(response, "/appointments", "post")) as Appointment).id);
      else expect(response.status).toBe(409); // the twin sent while the first was still booking
    }
    expect(later.status).toBe(201);
    expect(later.headers.get("idempotent-replayed")).toBe("true");
    expect(ids.size).toBe(1);
    const rows = await db.select().from(appointments).where(eq(appointments.patientId, patient.id));
    expect(rows).toHaveLength(1);

    const other = await book(token, { ...body, reason: "Something else" }, { "idempotency-key": key });
    expect(other.status).toBe(422);
    await expectDocumented(other, "/appointments", "post");
  });
});

describe("one appointment", () => {
  it("reschedules, then cancels; the old row points at the new one", async () => {
    const doctor = await createDoctor(db);
    const { token } = await patientWithToken();
    const booked = (await (await book(token, { doctor_id: doctor.id, starts_at: bookableTuesdayTen(3) })).json()) as Appointment;
    const moved = await api("POST", `/appointments/${booked.id}/reschedule`, { token, body: { starts_at: bookableTuesdayTen(3).replace("T10:00", "T11:00") } });
    const next = (await expectDocumented(moved, "/appointments/{id}/reschedule", "post")) as Appointment;
    expect(moved.status).toBe(201);
    const old = (await (await api("GET", `/appointments/${booked.id}`, { token })).json()) as Appointment;
    expect(old).toMatchObject({ status: "cancelled", rescheduled_to_id: next.id });

    const cancelled = await api("POST", `/appointments/${next.id}/cancel`, { token, body: { reason: "Feeling better" } });
    expect(((await expectDocumented(cancelled, "/appointments/{id}/cancel", "post")) as Appointment).status).toBe("cancelled");
    const again = await api("POST", `/appointments/${next.id}/cancel`, { token, body: { reason: "Feeling better" } });
    expect(again.status).toBe(409);
    await expectDocumented(again, "/appointments/{id}/cancel", "post");
  });

  it("another patient's appointment is a 404 on every route, never a 403", async () => {
    const doctor = await createDoctor(db);
    const owner = await patientWithToken();
    const stranger = await patientWithToken();
    const booked = (await (await book(owner.token, { doctor_id: doctor.id, starts_at: bookableTuesdayTen(4) })).json()) as Appointment;
    const attempts = [
      api("GET", `/appointments/${booked.id}`, { token: stranger.token }),
      api("POST", `/appointments/${booked.id}/cancel`, { token: stranger.token, body: { reason: "Not mine" } }),
      api("POST", `/appointments/${booked.id}/reschedule`, { token: stranger.token, body: { starts_at: bookableTuesdayTen(4).replace("T10:00", "T12:00") } }),
    ];
    for (const response of await Promise.all(attempts)) expect(response.status).toBe(404);
    expect((await api("GET", `/appointments/${randomUUID()}`, { token: stranger.token })).status).toBe(404);
  });

  it("the doctor records the outcome; the patient reviews the completed visit and lists their reviews", async () => {
    const doctor = await createDoctor(db);
    const { patient, token } = await patientWithToken();
    const past = await insertAppointmentRow(db, {
      doctorId: doctor.id,
      patientId: patient.id,
      startsAt: new Date(Date.now() - 3 * 86_400_000 + Math.floor(Math.random() * 1e6)),
    });
    const doctorToken = await tokenFor(doctor, "doctor");
    const outcome = await api("POST", `/appointments/${past.id}/status`, { token: doctorToken, body: { status: "completed" } });
    expect(((await expectDocumented(outcome, "/appointments/{id}/status", "post")) as Appointment).status).toBe("completed");

    const review = await api("POST", `/appointments/${past.id}/review`, { token, body: { rating: 5, body: "Kind, careful and on time." } });
    expect(review.status).toBe(201);
    await expectDocumented(review, "/appointments/{id}/review", "post");
    const mine = (await expectDocumented(await api("GET", "/me/reviews", { token }), "/me/reviews", "get")) as { data: { appointment_id: string }[] };
    expect(mine.data.map((r) => r.appointment_id)).toEqual([past.id]);
    const twice = await api("POST", `/appointments/${past.id}/review`, { token, body: { rating: 4, body: "Writing a second review." } });
    expect(twice.status).toBe(409);
  });

  it("filters the list by status and time", async () => {
    const doctor = await createDoctor(db);
    const { patient, token } = await patientWithToken();
    const at = Date.UTC(2031, 0, 6, 9) + Math.floor(Math.random() * 1e4) * 3_600_000;
    await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: new Date(at) });
    await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: new Date(at + 86_400_000), status: "cancelled" });
    const confirmed = (await (await api("GET", "/appointments?status=confirmed", { token })).json()) as { data: Appointment[] };
    expect(confirmed.data.map((a) => a.status)).toEqual(["confirmed"]);
    const window = (await (await api("GET", `/appointments?from=${new Date(at + 3_600_000).toISOString()}`, { token })).json()) as { data: Appointment[] };
    expect(window.data.map((a) => a.status)).toEqual(["cancelled"]);
    expect((await api("GET", "/appointments?status=lost", { token })).status).toBe(422);
  });

  it("a doctor lists and opens only their own appointments; an admin every one", async () => {
    const [mine, other] = [await createDoctor(db), await createDoctor(db)];
    const patient = await createPatient(db);
    const at = Date.UTC(2033, 0, 3, 9) + Math.floor(Math.random() * 1e4) * 3_600_000;
    const ownRow = await insertAppointmentRow(db, { doctorId: mine.id, patientId: patient.id, startsAt: new Date(at) });
    const otherRow = await insertAppointmentRow(db, { doctorId: other.id, patientId: patient.id, startsAt: new Date(at + 86_400_000) });
    const window = `from=${new Date(at - 3_600_000).toISOString()}&to=${new Date(at + 2 * 86_400_000).toISOString()}`;

    const doctorToken = await tokenFor(mine, "doctor");
    const doctorList = await api("GET", `/appointments?${window}`, { token: doctorToken });
    const doctorPage = (await expectDocumented(doctorList, "/appointments", "get")) as { data: Appointment[] };
    expect(doctorPage.data.map((a) => a.id)).toEqual([ownRow.id]);
    expect((await api("GET", `/appointments/${ownRow.id}`, { token: doctorToken })).status).toBe(200);
    expect((await api("GET", `/appointments/${otherRow.id}`, { token: doctorToken })).status).toBe(404);

    const adminToken = await tokenFor(await adminActor(db), "admin");
    const all = (await expectDocumented(await api("GET", `/appointments?${window}&limit=100`, { token: adminToken }), "/appointments", "get")) as {
      data: Appointment[];
    };
    expect(all.data.map((a) => a.id)).toEqual(expect.arrayContaining([ownRow.id, otherRow.id]));
    expect((await api("GET", `/appointments/${otherRow.id}`, { token: adminToken })).status).toBe(200);
  });
});
