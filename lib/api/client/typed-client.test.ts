// The typed client generated from the document (openapi-typescript types +
// openapi-fetch) drives a patient's whole journey against the route handlers.
import { describe, expect, it } from "vitest";
import { createDoctor, createPatient } from "@/tests/factories";
import { useTestDb } from "@/tests/db";
import { bookableTuesdayTen } from "@/tests/real-time-slots";
import { BASE, apiFetch, tokenFor } from "@/tests/api/client";
import { careslotClient } from "./index";

const db = useTestDb();

describe("the generated client", () => {
  it("finds slots, books, lists, reschedules and cancels", async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const client = careslotClient({ baseUrl: BASE, fetch: apiFetch, token: await tokenFor(patient, "patient") });

    const day = bookableTuesdayTen(5);
    const slots = await client.GET("/doctors/{id}/slots", {
      params: { path: { id: doctor.id }, query: { from: day.replace("T10:00", "T00:00"), to: day.replace("T10:00", "T23:00"), limit: 100 } },
    });
    expect(slots.response.status).toBe(200);
    const [first, second] = slots.data!.data;
    expect(first && second).toBeTruthy();

    const booked = await client.POST("/appointments", { body: { doctor_id: doctor.id, starts_at: first!.starts_at, reason: "Typed client" } });
    expect(booked.response.status).toBe(201);
    const id = booked.data!.id;

    const list = await client.GET("/appointments", { params: { query: { status: ["confirmed"] } } });
    expect(list.data!.data.map((a) => a.id)).toContain(id);

    const moved = await client.POST("/appointments/{id}/reschedule", { params: { path: { id } }, body: { starts_at: second!.starts_at } });
    expect(moved.response.status).toBe(201);
    expect(moved.data!.starts_at).toBe(new Date(second!.starts_at).toISOString());

    const cancelled = await client.POST("/appointments/{id}/cancel", { params: { path: { id: moved.data!.id } }, body: { reason: "Plans changed" } });
    expect(cancelled.data!.status).toBe("cancelled");

    const refused = await client.POST("/appointments/{id}/cancel", { params: { path: { id: moved.data!.id } }, body: { reason: "Plans changed" } });
    expect(refused.response.status).toBe(409);
    expect(refused.error).toMatchObject({ code: "conflict" });
  });
});
