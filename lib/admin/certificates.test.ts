// GET /api/admin/certificates/:id through the real route handler and a real
// admin session: the verification screen opens the file inline, `?download=1`
// saves it, and both are private, uncached and audited.
import fs from "node:fs/promises";
import { NextRequest } from "next/server";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { connectDatabase, type DatabaseHandle, type Db } from "@/db/client";
import { certificates } from "@/db/schema";
import { GET } from "@/app/api/admin/certificates/[id]/route";
import { saveFile } from "@/lib/storage";
import { pdfBytes, useTemporaryStorage } from "@/lib/records/test-helpers";
import { createAdmin, createDoctor, createPatient } from "@/tests/factories";
import { requestHeaders, sessionCookieFor } from "@/tests/session-cookie";
import { auditRowsFor } from "./test-helpers";

let handle: DatabaseHandle;
let db: Db;
let storage: string;

beforeAll(async () => {
  storage = await useTemporaryStorage();
  handle = connectDatabase(inject("databaseUrl"), { max: 4 });
  db = handle.db;
});

afterAll(async () => {
  await handle.close();
  await (globalThis as { __careslotDb?: DatabaseHandle }).__careslotDb?.close();
  await fs.rm(storage, { recursive: true, force: true });
});

async function certificate(name: string) {
  const doctor = await createDoctor(db, { verificationStatus: "pending" });
  const bytes = pdfBytes(`licence of ${doctor.id}`);
  const fileKey = await saveFile("certificates", bytes, "application/pdf");
  const [row] = await db.insert(certificates).values({ doctorId: doctor.id, fileKey, originalName: name, contentType: "application/pdf", sizeBytes: bytes.byteLength }).returning();
  return { row, bytes, doctor };
}

async function get(id: string, query: string, cookie?: string) {
  const request = new NextRequest(`http://localhost:3000/api/admin/certificates/${id}${query}`, { headers: requestHeaders(cookie) });
  return GET(request, { params: Promise.resolve({ id }) });
}

describe("GET /api/admin/certificates/:id", () => {
  it("?download=1 saves the file as an attachment with its name, uncached, and audits the view", async () => {
    const { row, bytes, doctor } = await certificate("licence 2030.pdf");
    const admin = await createAdmin(db);
    const response = await get(row.id, "?download=1", await sessionCookieFor(db, { id: admin.id, role: "admin" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="licence 2030.pdf"; filename*=UTF-8''licence%202030.pdf`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
    const audit = await auditRowsFor(db, "certificate", row.id);
    expect(audit.map((entry) => [entry.action, entry.actorId, entry.actorRole, entry.after])).toEqual([["certificate.viewed", admin.id, "admin", { doctorId: doctor.id }]]);
  });

  it("without ?download=1 (or with another value) the browser opens it inline", async () => {
    const { row } = await certificate("licence.pdf");
    const cookie = await sessionCookieFor(db, { id: (await createAdmin(db)).id, role: "admin" });
    for (const query of ["", "?download=0"]) {
      const response = await get(row.id, query, cookie);
      expect(response.status, query).toBe(200);
      expect(response.headers.get("content-disposition"), query).toMatch(/^inline; filename="licence.pdf"/);
      expect(response.headers.get("cache-control"), query).toBe("no-store");
    }
    expect((await auditRowsFor(db, "certificate", row.id)).map((entry) => entry.action)).toEqual(["certificate.viewed", "certificate.viewed"]);
  });

  it("answers a patient, a doctor and nobody 404 without the file, even with ?download=1, and audits no view", async () => {
    const { row } = await certificate("licence.pdf");
    const patient = await createPatient(db);
    const doctor = await createDoctor(db);
    for (const cookie of [await sessionCookieFor(db, { id: patient.id, role: "patient" }), await sessionCookieFor(db, { id: doctor.id, role: "doctor" }), undefined]) {
      const response = await get(row.id, "?download=1", cookie);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-disposition")).toBeNull();
      expect(await response.text()).toBe("Not found");
    }
    expect(await auditRowsFor(db, "certificate", row.id)).toEqual([]);
  });
});
