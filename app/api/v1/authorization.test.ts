// The API's authorisation matrix: every operation of the document, called as
// anonymous, patient, doctor, admin and a deactivated user (whose token and
// personal token were issued before the deactivation and never revoked, so
// only the per-request check stands between them and the data). A caller the
// operation does not admit gets 401 (no or a dead token) or 403 (wrong role),
// before any input is read; an admitted one never does. A new operation is
// covered by being in the document (lib/api/openapi.test.ts ties the document
// to the route files).
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "@/db/schema";
import { allOperations } from "@/lib/api/contract";
import type { Operation } from "@/lib/api/operation";
import { createPersonalAccessToken } from "@/lib/api/personal-tokens";
import { adminActor, createDoctor, createPatient } from "@/tests/factories";
import { useTestDb } from "@/tests/db";
import { api, tokenFor } from "@/tests/api/client";

const db = useTestDb();

type Role = "patient" | "doctor" | "admin";
const people: Record<Role, { id: string }> = {} as never;
let deactivated: { access: string; personal: string };

beforeAll(async () => {
  people.patient = await createPatient(db);
  people.doctor = await createDoctor(db);
  people.admin = await adminActor(db);
  const leaver = await createPatient(db);
  const access = await tokenFor(leaver, "patient");
  const { token: personal } = await createPersonalAccessToken(
    db,
    { id: leaver.id, role: "patient" },
    { name: "leaver", scope: "write", expiresIn: "30" },
    new Date(),
  );
  // Only the flag: sessions and tokens stay unrevoked, so the per-request check alone must refuse them.
  await db.update(users).set({ active: false }).where(eq(users.id, leaver.id));
  deactivated = { access, personal };
});

/** An empty body (refused by its schema, so nothing changes), except where empty means something else. */
const sampleBodies: Record<string, object> = { revokeToken: { token: "not-a-refresh-token-anyone-holds" } };

function call(op: Operation, token?: string) {
  const path = op.path.replace(/\{\w+\}/g, () => randomUUID());
  return api(op.method.toUpperCase(), path, { token, body: op.body ? (sampleBodies[op.id] ?? {}) : undefined });
}

const admits = (op: Operation, role: Role) => op.access === "anyone" || op.access === "signed-in" || op.access.includes(role);
const name = (op: Operation) => `${op.method.toUpperCase()} ${op.path}`;

describe("every API operation", () => {
  it.each(allOperations.map((op) => [name(op), op] as const))("%s admits exactly its roles", { timeout: 30_000 }, async (_name, op) => {
    const anonymous = await call(op);
    if (op.access === "anyone") expect([401, 403], "anonymous").not.toContain(anonymous.status);
    else expect(anonymous.status, "anonymous").toBe(401);

    for (const role of ["patient", "doctor", "admin"] as const) {
      // A fresh sign-in per call: POST /auth/revoke would end a shared one.
      const response = await call(op, await tokenFor(people[role], role));
      if (admits(op, role)) expect([401, 403], role).not.toContain(response.status);
      else {
        expect(response.status, role).toBe(403);
        expect(((await response.json()) as { code: string }).code, role).toBe("forbidden");
      }
    }

    for (const [kind, token] of Object.entries(deactivated)) expect((await call(op, token)).status, `deactivated (${kind} token)`).toBe(401);
  });

  it("covers every operation of the served document", async () => {
    const document = (await (await api("GET", "/openapi.json")).json()) as { paths: Record<string, Record<string, { operationId: string }>> };
    const served = Object.entries(document.paths).flatMap(([path, methods]) => Object.keys(methods).map((method) => `${method} ${path}`));
    expect(allOperations.map((op) => `${op.method} ${op.path}`).sort()).toEqual(served.sort());
    expect(served.length).toBeGreaterThanOrEqual(30);
  });
});
