// GET /api/admin/certificates/:id through the real route handler and a real
// admin session: the verification screen opens the file inline, `?download=1`
// saves it, and both are private, uncached and audited.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { certificates } from "@/db/schema";
import { GET } from "@/app/api/admin/certificates/[id]/route";
import { saveFile } from "@/lib/storage";
import { pdfBytes, setUpFileTests } from "@/lib/records/test-helpers";
import { auditRowsFor, createAdmin, createDoctor, createPatient } from "@/tests/factories";
import { requestHeaders, sessionCookieFor } from "@/tests/session-cookie";

const files = setUpFileTests();

async function certificate(name: string) {
  const doctor = await createDoctor(files.db, { verificationStatus: "pending" });
  const bytes = pdfBytes(`licence of ${doctor.id}`);
  const fileKey = await saveFile("certificates", bytes, "application/pdf");
  const [row] = await files.db
    .insert(certificates)
    .values({ doctorId: doctor.id, fileKey, originalName: name, contentType: "application/pdf", sizeBytes: bytes.byteLength })
    .returning();
  return { row, bytes, doctor };
}

async function get(id: string, query: string, cookie?: string) {
  const request = new NextRequest(`http://localhost:3000/api/admin/certificates/${id}${query}`, { headers: requestHeaders(cookie) });
  return GET(request, { params: Promise.resolve({ id }) });
}

describe("GET /api/admin/certificates/:id", () => {
  it("?download=1 saves the file as an attachment with its name, uncached, and audits the view", async () => {
    const { row, bytes, doctor } = await certificate("licence 2030.pdf");
    const admin = await createAdmin(files.db);
    const response = await get(row.id, "?download=1", await sessionCookieFor(files.db, { id: admin.id, role: "admin" }));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/pdf");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="licence 2030.pdf"; filename*=UTF-8''licence%202030.pdf`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
    const audit = await auditRowsFor(files.db, "certificate", row.id);
    expect(audit.map((entry) => [entry.action, entry.actorId, entry.actorRole, entry.after])).toEqual([
      ["certificate.viewed", admin.id, "admin", { doctorId: doctor.id }],
    ]);
  });

  it("without ?download=1 (or with another value) the browser opens it inline", async () => {
    const { row } = await certificate("licence.pdf");
    const cookie = await sessionCookieFor(files.db, { id: (await createAdmin(files.db)).id, role: "admin" });
    for (const query of ["", "?download=0"]) {
      const response = await get(row.id, query, cookie);
      expect(response.status, query).toBe(200);
      expect(response.headers.get("content-disposition"), query).toMatch(/^inline; filename="licence.pdf"/);
      expect(response.headers.get("cache-control"), query).toBe("no-store");
    }
    expect((await auditRowsFor(files.db, "certificate", row.id)).map((entry) => entry.action)).toEqual(["certificate.viewed", "certificate.viewed"]);
  });

  it("answers a patient, a doctor and nobody 404 without the file, even with ?download=1, and audits no view", async () => {
    const { row } = await certificate("licence.pdf");
    const patient = await createPatient(files.db);
    const doctor = await createDoctor(files.db);
    for (const cookie of [
      await sessionCookieFor(files.db, { id: patient.id, role: "patient" }),
      await sessionCookieFor(files.db, { id: doctor.id, role: "doctor" }),
      undefined,
    ]) {
      const response = await get(row.id, "?download=1", cookie);
      expect(response.status).toBe(404);
      expect(response.headers.get("content-disposition")).toBeNull();
      expect(await response.text()).toBe("Not found");
    }
    expect(await auditRowsFor(files.db, "certificate", row.id)).toEqual([]);
  });
});
