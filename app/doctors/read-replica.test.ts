// DATABASE_READ_URL: the doctor search and the public doctor pages read the replica,
// and everything that writes (a booking) goes to the primary. Here the "replica" is a
// second database with the same schema but rows of its own, so where each read and
// write went is visible: a doctor who exists only in the replica is found and shown;
// a booking with a doctor who exists only on the primary succeeds and lands there.
import { isValidElement, type ReactNode } from "react";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { appointments } from "@/db/schema";
import { createIsolatedDatabase, type IsolatedDatabase } from "@/inngest/testing/isolated-database";
import { useTestDb } from "@/tests/db";
import { createDoctor, createPatient } from "@/tests/factories";
import { bookableTuesdayTen } from "@/tests/real-time-slots";
import { requestHeaders, sessionCookieFor } from "@/tests/session-cookie";

const request = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({
  headers: async () => new Headers(requestHeaders(request.cookie || undefined)),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false, set: () => {}, delete: () => {} }),
}));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));

const primary = useTestDb({ max: 2 });
let replica: IsolatedDatabase;

beforeAll(async () => {
  replica = await createIsolatedDatabase("replica");
  // Read when the app's configuration is first parsed, which is after this.
  process.env.DATABASE_READ_URL = replica.url;
});
afterAll(async () => {
  const app = globalThis as { __careslotReadDb?: { close: () => Promise<void> } };
  await app.__careslotReadDb?.close();
  app.__careslotReadDb = undefined;
  delete process.env.DATABASE_READ_URL;
  await replica?.drop();
});

/** Every string in a rendered element tree (text and props alike). */
function stringsIn(node: unknown, seen = new Set<unknown>()): string[] {
  if (typeof node === "string") return [node];
  if (node === null || typeof node !== "object" || seen.has(node)) return [];
  seen.add(node);
  if (Array.isArray(node)) return node.flatMap((child) => stringsIn(child, seen));
  if (isValidElement(node)) return stringsIn(node.props, seen);
  return Object.values(node as Record<string, unknown>).flatMap((value) => stringsIn(value, seen));
}

const tag = () => Math.random().toString(36).slice(2, 8);

describe("with DATABASE_READ_URL set", () => {
  it("the doctor search reads the replica", async () => {
    const { default: DoctorsPage } = await import("./page");
    const onReplica = await createDoctor(replica.db, { fullName: `Dr. Replica ${tag()}` });
    const onPrimary = await createDoctor(primary, { fullName: `Dr. Primary ${tag()}` });
    request.cookie = "";

    // By name; the results name each doctor by id (the search form echoes the name itself back).
    const results = async (name: string) => stringsIn(await (DoctorsPage({ searchParams: Promise.resolve({ q: name }) }) as Promise<ReactNode>));
    expect(await results("Dr. Replica")).toContain(onReplica.id);
    expect(await results("Dr. Primary")).not.toContain(onPrimary.id);
  });

  it("the public doctor page reads the replica", async () => {
    const { default: DoctorPage } = await import("./[id]/page");
    const onReplica = await createDoctor(replica.db, { fullName: `Dr. Replica ${tag()}` });
    const onPrimary = await createDoctor(primary);
    request.cookie = "";
    const page = (id: string) => DoctorPage({ params: Promise.resolve({ id }), searchParams: Promise.resolve({}) }) as Promise<ReactNode>;

    expect(stringsIn(await page(onReplica.id)).join("\n")).toContain(onReplica.id);
    // Absent from the replica: not found, though the primary has them.
    await expect(page(onPrimary.id)).rejects.toMatchObject({ digest: expect.stringMatching(/^NEXT_HTTP_ERROR_FALLBACK;404/) });
  });

  it("what the visitor must see of their own writes comes from the primary: their time zone, and the free times after a refused booking", async () => {
    const { default: DoctorPage } = await import("./[id]/page");
    // The doctor exists only on the replica (the page's public data), the patient only on the primary.
    const onReplica = await createDoctor(replica.db, { fullName: `Dr. Replica ${tag()}` });
    const patient = await createPatient(primary, { timeZone: "Asia/Kolkata" });
    request.cookie = await sessionCookieFor(primary, { id: patient.id, role: "patient" });
    const date = bookableTuesdayTen().slice(0, 10);
    const page = async (query: Record<string, string>) =>
      stringsIn(await (DoctorPage({ params: Promise.resolve({ id: onReplica.id }), searchParams: Promise.resolve({ date, ...query }) }) as Promise<ReactNode>));
    const freeTimes = (strings: string[]) => Number(/: (\d+) free times\./.exec(strings.join("\n"))?.[1]);

    const shown = await page({});
    expect(shown).toContain("Asia/Kolkata"); // the signed-in patient's own zone, read from the primary
    expect(freeTimes(shown)).toBeGreaterThan(0); // the replica's hours
    // "That time was just taken": the free times are read where the winning booking is — the primary,
    // which has no hours of this replica-only doctor — never from a replica that may lag behind it.
    expect(freeTimes(await page({ taken: "1" }))).toBe(0);
  });

  it("a booking is written to the primary, and never looks at the replica", async () => {
    const { bookAction } = await import("./[id]/actions");
    const doctor = await createDoctor(primary);
    const patient = await createPatient(primary);
    request.cookie = await sessionCookieFor(primary, { id: patient.id, role: "patient" });
    const form = new FormData();
    form.append("doctorId", doctor.id);
    form.append("startsAt", bookableTuesdayTen());
    form.append("reason", "");

    const outcome = await bookAction(null, form).catch((error: { digest?: string }) => error.digest);
    expect(outcome).toMatch(/^NEXT_REDIRECT;[^;]*;\/patient\/appointments\/[0-9a-f-]{36}\/booked;/);
    expect(await primary.select().from(appointments).where(eq(appointments.doctorId, doctor.id))).toHaveLength(1);
    expect(await replica.db.select().from(appointments)).toHaveLength(0);
  });
});
