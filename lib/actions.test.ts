// The one action pipeline (lib/actions.ts): every server action goes through
// it, and it answers the same way for every action — who may call, what was
// sent, what the service refused — with an error code from lib/errors.ts.
import fs from "node:fs/promises";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { getDb } from "@/lib/db";
import { appSettings, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { createAdmin, createDoctor, createPatient } from "@/tests/factories";
import { requestHeaders, sessionCookieFor } from "@/tests/session-cookie";

const session = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(requestHeaders(session.cookie)), cookies: async () => ({ get: () => undefined }) }));
const revalidated = vi.hoisted(() => vi.fn());
vi.mock("next/cache", () => ({ revalidatePath: revalidated, revalidateTag: revalidated }));

const { action, isPipelineAction, jsonAction } = await import("./actions");

const db = getDb();
let admin: { id: string };

beforeAll(async () => {
  admin = await createAdmin(db);
});

afterAll(() => {
  session.cookie = "";
});

async function signInAs(user: { id: string }, role: "patient" | "doctor" | "admin") {
  session.cookie = await sessionCookieFor(db, { id: user.id, role });
}

function form(fields: Record<string, string | string[]>): FormData {
  const data = new FormData();
  for (const [key, values] of Object.entries(fields)) for (const value of [values].flat()) data.append(key, value);
  return data;
}

async function serverActionFiles(): Promise<string[]> {
  const files: string[] = [];
  for (const root of ["app", "components", "lib"]) {
    for (const entry of await fs.readdir(root, { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name) || entry.name.includes(".test.")) continue;
      const file = path.join(entry.parentPath, entry.name);
      if (/^\s*["']use server["']/.test(await fs.readFile(file, "utf8"))) files.push(file);
    }
  }
  return files.sort();
}

describe("every server action goes through the pipeline", () => {
  it("each export of a 'use server' file is made by action() or jsonAction()", async () => {
    const files = await serverActionFiles();
    expect(files.length).toBeGreaterThan(20);
    const bypassing: string[] = [];
    let actions = 0;
    for (const file of files) {
      const source = await fs.readFile(file, "utf8");
      // Static: no hand-written action can hide behind a name the runtime check does not see.
      for (const match of source.matchAll(/^export\s+(async\s+function|function|default|let|var)\b.*$/gm)) bypassing.push(`${file}: ${match[0]}`);
      for (const [name, value] of Object.entries(await import(/* @vite-ignore */ path.resolve(file)))) {
        actions += 1;
        if (!isPipelineAction(value)) bypassing.push(`${file}#${name}`);
      }
    }
    expect(bypassing).toEqual([]);
    expect(actions).toBeGreaterThanOrEqual(50);
  });

  it("a hand-written async function is not mistaken for a pipeline action", () => {
    expect(isPipelineAction(async () => ({ ok: true }))).toBe(false);
    expect(isPipelineAction(action({ access: "anyone", schema: z.object({}), run: async () => "ok" }))).toBe(true);
  });
});

describe("who may call", () => {
  const adminOnly = action({ access: ["admin"], schema: z.object({}), run: async () => "done" });

  it("a signed-out caller is refused with the unauthenticated code, a wrong role with forbidden", async () => {
    session.cookie = "";
    expect(await adminOnly(null, form({}))).toMatchObject({ ok: false, code: "unauthenticated", message: "Please sign in to continue." });
    await signInAs(await createPatient(db), "patient");
    expect(await adminOnly(null, form({}))).toMatchObject({ ok: false, code: "forbidden" });
    await signInAs(admin, "admin");
    expect(await adminOnly(null, form({}))).toEqual({ ok: true, message: "done" });
  });

  it("a deactivated user's session is refused like a signed-out one", async () => {
    const patient = await createPatient(db);
    await signInAs(patient, "patient");
    await db.update(users).set({ active: false }).where(eq(users.id, patient.id));
    const patientOnly = action({ access: ["patient"], schema: z.object({}), run: async () => "done" });
    expect(await patientOnly(null, form({}))).toMatchObject({ ok: false, code: "unauthenticated" });
  });
});

describe("what was sent", () => {
  const run = vi.fn(async (input: { name: string; ids: string[] }) => `Saved ${input.name} with ${input.ids.length}`);
  const named = action({
    access: "anyone",
    schema: z.object({ name: z.string().trim().min(2, "Too short."), ids: z.array(z.string()).min(1, "Pick one."), password: z.string().optional() }),
    run,
  });

  it("parses the form with the schema: repeated names arrive as a list, the service gets the parsed value", async () => {
    expect(await named(null, form({ name: "  Anna ", ids: ["a", "b"] }))).toEqual({ ok: true, message: "Saved Anna with 2" });
    expect(run).toHaveBeenLastCalledWith({ name: "Anna", ids: ["a", "b"] }, expect.anything());
  });

  it("a refusal names each field, sends back what was typed but never a password, and never reaches the service", async () => {
    run.mockClear();
    const answer = await named(null, form({ name: "A", ids: ["x", "y"], password: "hunter22" }));
    expect(answer).toEqual({
      ok: false,
      code: "invalid_input",
      message: "Some fields need your attention. Nothing was changed.",
      fieldErrors: { name: ["Too short."] },
      values: { name: "A", ids: "x" }, // a repeated name sends back its first value, as a text field shows it
    });
    expect(run).not.toHaveBeenCalled();
  });

  it("works as a plain <form action> (one argument) as well as through useActionState", async () => {
    expect(await named(form({ name: "Ben", ids: ["1", "2"] }))).toEqual({ ok: true, message: "Saved Ben with 2" });
  });

  it("a JSON action parses its value with the same rules", async () => {
    const sum = jsonAction({ access: "anyone", schema: z.object({ a: z.number(), b: z.number() }), run: async ({ a, b }) => ({ total: a + b }) });
    expect(await sum({ a: 2, b: 3 })).toEqual({ ok: true, total: 5 });
    expect(await sum({ a: 2, b: "3" } as never)).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { b: [expect.any(String)] } });
  });
});

describe("what the service said", () => {
  it("an AppError becomes the form's failure with its code; anything else is hidden behind the internal code", async () => {
    const refusing = action({ access: "anyone", schema: z.object({}), run: async () => Promise.reject(new AppError("conflict", "Taken already.")) });
    expect(await refusing(null, form({ note: "kept" }))).toEqual({ ok: false, code: "conflict", message: "Taken already.", values: { note: "kept" } });
    const crashing = action({ access: "anyone", schema: z.object({}), run: async () => Promise.reject(new Error("connection reset by peer at 10.0.0.7")) });
    const answer = await crashing(null, form({}));
    expect(answer).toMatchObject({ ok: false, code: "internal", message: "Something went wrong on our side and nothing was changed. Please try again." });
    expect(JSON.stringify(answer)).not.toContain("10.0.0.7");
  });

  it("Next.js's redirect passes through untouched", async () => {
    const { redirect } = await import("next/navigation");
    const redirecting = action({ access: "anyone", schema: z.object({}), run: async () => redirect("/elsewhere") });
    await expect(redirecting(null, form({}))).rejects.toMatchObject({ digest: expect.stringContaining("/elsewhere") });
  });
});

describe("the actions parse at the boundary: bad input is refused before any service runs", () => {
  it("admin settings out of range are refused field by field and nothing changes", async () => {
    const { saveSettingsAction } = await import("@/app/admin/settings/actions");
    await signInAs(admin, "admin");
    const before = await db.select().from(appSettings);
    const answer = await saveSettingsAction(
      null,
      form({ cancellationWindowHours: "1.5", patientFullRefundHours: "48", reminderLeadMinutes: "120", paymentHoldMinutes: "2", sessionIdleMinutes: "soon" }),
    );
    expect(answer).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: {
        paymentHoldMinutes: ["The payment hold must be at least 5."],
        sessionIdleMinutes: ["The session timeout must be a number."],
        cancellationWindowHours: ["The cancellation window must be a whole number."],
      },
    });
    expect(await db.select().from(appSettings)).toEqual(before);
    expect(revalidated).not.toHaveBeenCalledWith("/admin/settings");
  });

  it("a role that does not exist is refused next to the field", async () => {
    const { changeRoleAction } = await import("@/app/admin/users/actions");
    const patient = await createPatient(db);
    await signInAs(admin, "admin");
    expect(await changeRoleAction(null, form({ userId: patient.id, role: "superuser" }))).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { role: ["Choose a role."] },
    });
    expect((await db.select({ role: users.role }).from(users).where(eq(users.id, patient.id)))[0]).toEqual({ role: "patient" });
  });

  it("overlapping weekly hours are refused next to the range that overlaps", async () => {
    const { saveWeeklyHoursAction } = await import("@/app/doctor/availability/actions");
    const doctor = await createDoctor(db);
    await signInAs(doctor, "doctor");
    const answer = await saveWeeklyHoursAction(
      null,
      form({
        "days.0.ranges.0.startTime": "09:00",
        "days.0.ranges.0.endTime": "12:00",
        "days.0.ranges.1.startTime": "11:00",
        "days.0.ranges.1.endTime": "13:00",
      }),
    );
    expect(answer).toMatchObject({
      ok: false,
      code: "invalid_input",
      message: "Some hours need your attention. Nothing was saved.",
      fieldErrors: { "days.0.ranges.1.startTime": ["Overlaps 09:00–12:00. Ranges may touch but not overlap."] },
    });
  });

  it("a forged appointment id on the booking form is refused without booking", async () => {
    const { bookAction } = await import("@/app/doctors/[id]/actions");
    const patient = await createPatient(db);
    await signInAs(patient, "patient");
    expect(await bookAction(null, form({ doctorId: "1 or 1=1", startsAt: "2030-03-05T09:00:00+01:00" }))).toMatchObject({
      ok: false,
      code: "invalid_input",
      fieldErrors: { doctorId: ["Choose a doctor."] },
    });
  });
});
