// Every list of the API pages the same way: `?cursor=&limit=` in,
// `{"data":[…],"next_cursor"}` out. For each list, a caller with a known set
// of rows walks it one item a page: every page matches the served document,
// holds one item, names the next page until the last (whose next_cursor is
// null), and together the pages hold each row exactly once. A new list must be
// added to LISTS (the last test fails until it is).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { specializations } from "@/db/schema";
import { allOperations } from "@/lib/api/contract";
import { adminActor, createDoctor, createPatient, insertAppointmentRow } from "@/tests/factories";
import { useTestDb } from "@/tests/db";
import { bookableTuesdayTen } from "@/tests/real-time-slots";
import { api, tokenFor } from "@/tests/api/client";
import { expectDocumented } from "@/tests/api/validator";

const db = useTestDb();

const DAY = 86_400_000;
const unique = () => randomUUID().slice(0, 8);
const jitter = () => Math.floor(Math.random() * 1e5) * 60_000;

interface ListCase {
  /** The documented path the response is checked against. */
  route: string;
  /** The request path with its filters (no cursor or limit). */
  path: string;
  token?: string;
  /** The ids (or the key of each item) the whole list must hold. */
  expected: string[];
  /** true: exactly these; false: at least these (a list shared with other tests). */
  exact: boolean;
  key?: (item: Record<string, unknown>) => string;
}

const byId = (item: Record<string, unknown>) => item.id as string;

async function patientWithVisits(doctorId: string, count: number, status: "confirmed" | "completed" = "confirmed", past = false) {
  const patient = await createPatient(db);
  const base = past ? Date.now() - 40 * DAY - jitter() : Date.UTC(2032, 0, 5, 9) + jitter();
  const ids: string[] = [];
  for (let i = 0; i < count; i++)
    ids.push((await insertAppointmentRow(db, { doctorId, patientId: patient.id, startsAt: new Date(base + i * 2 * DAY), status })).id);
  return { patient, ids };
}

const LISTS: Record<string, () => Promise<ListCase>> = {
  listSpecializations: async () => {
    const suffix = unique();
    const made = await db
      .insert(specializations)
      .values([1, 2, 3].map((i) => ({ name: `Paging ${i} ${suffix}`, slug: `paging-${i}-${suffix}` })))
      .returning();
    return { route: "/specializations", path: "/specializations", expected: made.map((s) => s.id), exact: false };
  },
  searchDoctors: async () => {
    const name = `Dr. Paging ${unique()}`;
    const doctors = [];
    for (let i = 0; i < 3; i++) doctors.push(await createDoctor(db, { fullName: `${name} ${i}` }));
    return { route: "/doctors", path: `/doctors?q=${encodeURIComponent(name)}`, expected: doctors.map((d) => d.id), exact: true };
  },
  listDoctorSlots: async () => {
    const doctor = await createDoctor(db);
    const day = bookableTuesdayTen().slice(0, 10);
    // Tuesday 09:00–17:00 Berlin in 30-minute slots: 16.
    const from = new Date(`${day}T00:00:00Z`).toISOString();
    const to = new Date(`${day}T23:59:00Z`).toISOString();
    const all = (await (await api("GET", `/doctors/${doctor.id}/slots?from=${from}&to=${to}&limit=500`)).json()) as { data: { starts_at: string }[] };
    expect(all.data).toHaveLength(16);
    return {
      route: "/doctors/{id}/slots",
      path: `/doctors/${doctor.id}/slots?from=${from}&to=${to}`,
      expected: all.data.map((slot) => slot.starts_at),
      exact: true,
      key: (item) => item.starts_at as string,
    };
  },
  listAppointments: async () => {
    const doctor = await createDoctor(db);
    const { patient, ids } = await patientWithVisits(doctor.id, 3);
    return { route: "/appointments", path: "/appointments", token: await tokenFor(patient, "patient"), expected: ids, exact: true };
  },
  listMyReviews: async () => {
    const doctor = await createDoctor(db);
    const { patient, ids } = await patientWithVisits(doctor.id, 3, "completed", true);
    const token = await tokenFor(patient, "patient");
    const reviewIds: string[] = [];
    for (const id of ids) {
      const review = await api("POST", `/appointments/${id}/review`, { token, body: { rating: 4, body: "Careful, kind and on time." } });
      expect(review.status).toBe(201);
      reviewIds.push(((await review.json()) as { id: string }).id);
    }
    return { route: "/me/reviews", path: "/me/reviews", token, expected: reviewIds, exact: true };
  },
  getSchedule: async () => {
    const doctor = await createDoctor(db);
    const start = Date.now() + 3 * DAY + jitter();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const patient = await createPatient(db);
      ids.push((await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: new Date(start + i * 3_600_000) })).id);
    }
    const window = `from=${new Date(start - DAY).toISOString()}&to=${new Date(start + DAY).toISOString()}`;
    return { route: "/schedule", path: `/schedule?${window}`, token: await tokenFor(doctor, "doctor"), expected: ids, exact: true };
  },
  listPatients: async () => {
    const doctor = await createDoctor(db);
    const patients = [];
    for (let i = 0; i < 3; i++) patients.push((await patientWithVisits(doctor.id, 1)).patient);
    return { route: "/patients", path: "/patients", token: await tokenFor(doctor, "doctor"), expected: patients.map((p) => p.id), exact: true };
  },
  listUsers: async () => {
    const name = `Paging User ${unique()}`;
    const made = [];
    for (let i = 0; i < 3; i++) made.push(await createPatient(db, { fullName: `${name} ${i}` }));
    const token = await tokenFor(await adminActor(db), "admin");
    return { route: "/users", path: `/users?q=${encodeURIComponent(name)}`, token, expected: made.map((u) => u.id), exact: true };
  },
  listReports: async () => {
    const doctor = await createDoctor(db);
    const patient = await createPatient(db);
    const admin = await tokenFor(await adminActor(db), "admin");
    // Three months of one far-past year, one visit each, each month generated by the admin.
    const year = 1970 + Math.floor(Math.random() * 25);
    const months = [3, 4, 5].map((m) => `${year}-0${m}`);
    for (const month of months) {
      await insertAppointmentRow(db, { doctorId: doctor.id, patientId: patient.id, startsAt: new Date(`${month}-10T09:00:00Z`), status: "completed" });
      expect((await api("POST", "/reports", { token: admin, body: { month } })).status).toBe(200);
    }
    return { route: "/reports", path: "/reports", token: await tokenFor(doctor, "doctor"), expected: months, exact: true, key: (item) => item.month as string };
  },
};

const withQuery = (path: string, query: string) => `${path}${path.includes("?") ? "&" : "?"}${query}`;

describe("every list", () => {
  it.each(Object.keys(LISTS))("%s pages one item at a time with ?cursor=&limit=, each row once", { timeout: 60_000 }, async (operation) => {
    const list = await LISTS[operation]!();
    const key = list.key ?? byId;
    const seen: string[] = [];
    const cursors = new Set<string>();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const response = await api("GET", withQuery(list.path, `limit=1${cursor ? `&cursor=${cursor}` : ""}`), { token: list.token });
      expect(response.status, `page ${pages + 1}`).toBe(200);
      const page = (await expectDocumented(response, list.route, "get")) as { data: Record<string, unknown>[]; next_cursor: string | null };
      expect(Object.keys(page).sort()).toEqual(["data", "next_cursor"]);
      if (page.next_cursor !== null) expect(page.data).toHaveLength(1);
      seen.push(...page.data.map(key));
      if (page.next_cursor) {
        expect(cursors.has(page.next_cursor), "a cursor is never given twice").toBe(false);
        cursors.add(page.next_cursor);
      }
      cursor = page.next_cursor;
      pages++;
    } while (cursor && pages < 500);
    expect(cursor, "the last page's next_cursor is null").toBeNull();
    expect(new Set(seen).size, "no row twice").toBe(seen.length);
    if (list.exact) expect([...seen].sort()).toEqual([...list.expected].sort());
    else expect(seen).toEqual(expect.arrayContaining(list.expected));

    // A page as large as the whole list says it is the last one.
    const whole = (await (await api("GET", withQuery(list.path, `limit=${Math.max(seen.length, 1)}`), { token: list.token })).json()) as {
      next_cursor: string | null;
    };
    if (list.exact) expect(whole.next_cursor).toBeNull();
  });

  it("covers every operation that answers a page, and each takes cursor and limit", () => {
    const paged = allOperations.filter((op) => {
      const schema = op.responses[200]?.schema as { shape?: Record<string, unknown> } | undefined;
      return schema?.shape !== undefined && "next_cursor" in schema.shape;
    });
    expect(paged.map((op) => op.id).sort()).toEqual(Object.keys(LISTS).sort());
    for (const op of paged) {
      expect(op.method, op.id).toBe("get");
      const shape = (op.query as unknown as { shape: Record<string, unknown> }).shape;
      expect(Object.keys(shape), op.id).toEqual(expect.arrayContaining(["cursor", "limit"]));
    }
  });
});
