// The public endpoints, against the served document: specializations, the
// doctor search with the /doctors filters, a doctor's profile and free slots.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { specializations } from "@/db/schema";
import { createDoctor } from "@/tests/factories";
import { useTestDb } from "@/tests/db";
import { api } from "@/tests/api/client";
import { expectDocumented } from "@/tests/api/validator";

const db = useTestDb();

describe("GET /specializations", () => {
  it("pages through every specialization with a cursor", async () => {
    const suffix = randomUUID();
    await db.insert(specializations).values([
      { name: `Public ${suffix}`, slug: `public-${suffix}` },
      { name: `Public second ${suffix}`, slug: `public-second-${suffix}` },
    ]);
    const first = (await expectDocumented(await api("GET", "/specializations?limit=1"), "/specializations", "get")) as { data: unknown[]; next_cursor: string };
    expect(first.data).toHaveLength(1);
    expect(first.next_cursor).toEqual(expect.any(String));
    const all: { slug: string }[] = [];
    let cursor: string | null = null;
    do {
      const page = (await (await api("GET", `/specializations?limit=100${cursor ? `&cursor=${cursor}` : ""}`)).json()) as {
        data: { slug: string }[];
        next_cursor: string | null;
      };
      all.push(...page.data);
      cursor = page.next_cursor;
    } while (cursor);
    expect(all.map((s) => s.slug)).toContain(`public-${suffix}`);
  });

  it("refuses a forged cursor and a bad limit with 422 naming the field", async () => {
    const response = await api("GET", "/specializations?cursor=forged&limit=0");
    const problem = (await expectDocumented(response, "/specializations", "get")) as { code: string; errors: Record<string, string[]> };
    expect(response.status).toBe(422);
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(problem.code).toBe("invalid_input");
    expect(Object.keys(problem.errors).sort()).toEqual(["cursor", "limit"]);
  });
});

describe("GET /doctors", () => {
  it("filters by name and maximum price as /doctors does, with each doctor's first free slot", async () => {
    const name = `Dr. Api ${randomUUID().slice(0, 8)}`;
    const cheap = await createDoctor(db, { fullName: `${name} Cheap`, priceMinor: 2000 });
    const dear = await createDoctor(db, { fullName: `${name} Dear`, priceMinor: 90_000 });
    const response = await api("GET", `/doctors?q=${encodeURIComponent(name)}&maxPrice=100`);
    const page = (await expectDocumented(response, "/doctors", "get")) as { data: { id: string; first_slot: unknown }[] };
    expect(response.status).toBe(200);
    const ids = page.data.map((d) => d.id);
    expect(ids).toContain(cheap.id);
    expect(ids).not.toContain(dear.id);
  });

  it("pages with limit and cursor, never repeating a doctor", async () => {
    const name = `Dr. Pager ${randomUUID().slice(0, 8)}`;
    for (let i = 0; i < 3; i++) await createDoctor(db, { fullName: `${name} ${i}` });
    const seen: string[] = [];
    let cursor = "";
    for (let i = 0; i < 3; i++) {
      const page = (await (await api("GET", `/doctors?q=${encodeURIComponent(name)}&limit=1${cursor ? `&cursor=${cursor}` : ""}`)).json()) as {
        data: { id: string }[];
        next_cursor: string | null;
      };
      seen.push(...page.data.map((d) => d.id));
      cursor = page.next_cursor ?? "";
    }
    expect(new Set(seen).size).toBe(3);
    expect(cursor).toBe("");
  });

  it("answers a filter the search would drop with 422", async () => {
    const response = await api("GET", "/doctors?maxPrice=-5");
    expect(response.status).toBe(422);
    await expectDocumented(response, "/doctors", "get");
  });
});

describe("GET /doctors/{id} and /doctors/{id}/slots", () => {
  it("shows a verified doctor and their free slots from the slot engine", async () => {
    const doctor = await createDoctor(db);
    const detail = (await expectDocumented(await api("GET", `/doctors/${doctor.id}`), "/doctors/{id}", "get")) as {
      weekly_hours: unknown[];
      time_zone: string;
    };
    expect(detail.time_zone).toBe("Europe/Berlin");
    expect(detail.weekly_hours).toHaveLength(5);

    const from = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const to = new Date(Date.now() + 14 * 86_400_000).toISOString();
    const response = await api("GET", `/doctors/${doctor.id}/slots?from=${from}&to=${to}&tz=Asia/Kolkata&limit=500`);
    const page = (await expectDocumented(response, "/doctors/{id}/slots", "get")) as {
      data: { starts_at: string; local_offset: string; doctor_time: string }[];
    };
    // Mon–Fri 09:00–17:00 in 30-minute slots: 16 a day, 5 working days in any 7.
    expect(page.data).toHaveLength(80);
    expect(page.data.every((slot) => slot.local_offset === "+05:30")).toBe(true);
    expect(page.data[0]!.doctor_time >= "09:00").toBe(true);
  });

  it("answers 404 for a doctor who is not verified, and for a malformed id", async () => {
    const pending = await createDoctor(db, { verificationStatus: "pending" });
    for (const path of [`/doctors/${pending.id}`, `/doctors/${pending.id}/slots`, "/doctors/not-a-uuid"]) {
      const response = await api("GET", path);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { code: string }).code).toBe("not_found");
    }
  });

  it("refuses an unknown zone and a reversed window with 422", async () => {
    const doctor = await createDoctor(db);
    expect((await api("GET", `/doctors/${doctor.id}/slots?tz=Mars/Olympus`)).status).toBe(422);
    const reversed = await api("GET", `/doctors/${doctor.id}/slots?from=2031-01-02T00:00:00Z&to=2031-01-01T00:00:00Z`);
    expect(reversed.status).toBe(422);
    await expectDocumented(reversed, "/doctors/{id}/slots", "get");
  });
});
