// Another user's row is a 404 (never a 403, so an id is not confirmed) on
// every route that takes the id of a row someone owns: a stranger patient and
// a stranger doctor try each, get problem+json not_found exactly as for an id
// that does not exist, and nothing changes. A new owned-row route must be
// added to OWNED below (the last test fails until it is).
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { availabilityOverrides, reviews } from "@/db/schema";
import { allOperations } from "@/lib/api/contract";
import { createDoctor, createPatient, getAppointment, insertAppointmentRow } from "@/tests/factories";
import { useTestDb } from "@/tests/db";
import { bookableTuesdayTen } from "@/tests/real-time-slots";
import { api, tokenFor } from "@/tests/api/client";
import { expectDocumented } from "@/tests/api/validator";

const db = useTestDb();

// Routes whose {id} is everyone's (a public doctor) or that only an admin, who sees every row, may call.
const NOT_OWNED = new Set(["getDoctor", "listDoctorSlots", "setUserRole", "setUserActive"]);

interface Rows {
  upcoming: string;
  pastConfirmed: string;
  pastCompleted: string;
  override: string;
  patient: string;
}

interface Attempt {
  operation: string;
  method: string;
  path: string;
  route: string;
  body?: object;
}

const rows = {} as Rows;
const tokens = {} as Record<"owner" | "ownerDoctor" | "strangerPatient" | "strangerDoctor", string>;

/** Each owned-row route, as a stranger would call it with a body the owner's call would pass. */
function attempts(id: (kind: keyof Rows) => string): Attempt[] {
  const moveTo = bookableTuesdayTen(1).replace("T10:00", "T12:00");
  return [
    { operation: "getAppointment", method: "GET", path: `/appointments/${id("upcoming")}`, route: "/appointments/{id}" },
    {
      operation: "cancelAppointment",
      method: "POST",
      path: `/appointments/${id("upcoming")}/cancel`,
      route: "/appointments/{id}/cancel",
      body: { reason: "Not mine" },
    },
    {
      operation: "rescheduleAppointment",
      method: "POST",
      path: `/appointments/${id("upcoming")}/reschedule`,
      route: "/appointments/{id}/reschedule",
      body: { starts_at: moveTo },
    },
    {
      operation: "setAppointmentStatus",
      method: "POST",
      path: `/appointments/${id("pastConfirmed")}/status`,
      route: "/appointments/{id}/status",
      body: { status: "completed" },
    },
    {
      operation: "reviewAppointment",
      method: "POST",
      path: `/appointments/${id("pastCompleted")}/review`,
      route: "/appointments/{id}/review",
      body: { rating: 1, body: "A review by someone who was not there." },
    },
    {
      operation: "deleteAvailabilityOverride",
      method: "DELETE",
      path: `/availability/overrides/${id("override")}`,
      route: "/availability/overrides/{id}",
    },
    { operation: "getPatient", method: "GET", path: `/patients/${id("patient")}`, route: "/patients/{id}" },
  ];
}

const OWNED = attempts(() => "x").map((attempt) => attempt.operation);
const roleOf = Object.fromEntries(allOperations.map((op) => [op.id, op.access]));

/** The strangers whose role the operation admits: a wrong role is the matrix's 403, not this test's concern. */
function strangersFor(operation: string): ("strangerPatient" | "strangerDoctor")[] {
  const access = roleOf[operation];
  if (access === "signed-in") return ["strangerPatient", "strangerDoctor"];
  return (access as readonly string[]).flatMap((role) =>
    role === "patient" ? ["strangerPatient" as const] : role === "doctor" ? ["strangerDoctor" as const] : [],
  );
}

beforeAll(async () => {
  const doctor = await createDoctor(db);
  const patient = await createPatient(db);
  const day = 86_400_000;
  const jitter = Math.floor(Math.random() * 1e5) * 1000;
  rows.upcoming = (await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: new Date(bookableTuesdayTen(1)) })).id;
  rows.pastConfirmed = (await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: new Date(Date.now() - 3 * day - jitter) })).id;
  rows.pastCompleted = (
    await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: new Date(Date.now() - 5 * day - jitter), status: "completed" })
  ).id;
  const date = new Date(Date.now() + 11 * day).toISOString().slice(0, 10);
  const [override] = await db.insert(availabilityOverrides).values({ doctorId: doctor.id, date, closed: true }).returning();
  rows.override = override!.id;
  rows.patient = patient.id;
  tokens.owner = await tokenFor(patient, "patient");
  tokens.ownerDoctor = await tokenFor(doctor, "doctor");
  tokens.strangerPatient = await tokenFor(await createPatient(db), "patient");
  tokens.strangerDoctor = await tokenFor(await createDoctor(db), "doctor");
});

describe("another user's row", () => {
  it.each(OWNED)("%s answers a stranger 404 not_found, as for an id that does not exist, and changes nothing", async (operation) => {
    const mine = attempts((kind) => rows[kind]).find((a) => a.operation === operation)!;
    const missing = attempts(() => randomUUID()).find((a) => a.operation === operation)!;
    const strangers = strangersFor(operation);
    expect(strangers.length, "some stranger role is admitted").toBeGreaterThan(0);
    for (const stranger of strangers) {
      for (const attempt of [mine, missing]) {
        const response = await api(attempt.method, attempt.path, { token: tokens[stranger], body: attempt.body });
        expect(response.status, `${stranger} ${attempt.path}`).toBe(404);
        expect(response.headers.get("content-type")).toBe("application/problem+json");
        const problem = (await expectDocumented(response, attempt.route, attempt.method)) as { code: string; detail: string };
        expect(problem.code).toBe("not_found");
      }
    }
  });

  it("is untouched afterwards, and its owners still see it", async () => {
    expect((await getAppointment(db, rows.upcoming))!.status).toBe("confirmed");
    expect((await getAppointment(db, rows.pastConfirmed))!.status).toBe("confirmed");
    expect(await db.select().from(reviews).where(eq(reviews.appointmentId, rows.pastCompleted))).toEqual([]);
    expect(await db.select().from(availabilityOverrides).where(eq(availabilityOverrides.id, rows.override))).toHaveLength(1);
    expect((await api("GET", `/appointments/${rows.upcoming}`, { token: tokens.owner })).status).toBe(200);
    expect((await api("GET", `/appointments/${rows.upcoming}`, { token: tokens.ownerDoctor })).status).toBe(200);
    expect((await api("GET", `/patients/${rows.patient}`, { token: tokens.ownerDoctor })).status).toBe(200);
  });

  it("the same calls by its owners succeed (so the strangers' 404s were about whose row it is)", async () => {
    const mine = Object.fromEntries(attempts((kind) => rows[kind]).map((a) => [a.operation, a]));
    const as = async (token: string, attempt: Attempt) => (await api(attempt.method, attempt.path, { token, body: attempt.body })).status;
    expect(await as(tokens.ownerDoctor, mine.setAppointmentStatus!)).toBe(200);
    expect(await as(tokens.owner, mine.reviewAppointment!)).toBe(201);
    expect(await as(tokens.ownerDoctor, mine.deleteAvailabilityOverride!)).toBe(204);
    expect(await as(tokens.owner, mine.rescheduleAppointment!)).toBe(201);
  });

  it("covers every operation that takes the id of an owned row", () => {
    const withId = allOperations.filter((op) => op.path.includes("{id}") && !NOT_OWNED.has(op.id)).map((op) => op.id);
    expect(OWNED.sort()).toEqual(withId.sort());
  });
});
