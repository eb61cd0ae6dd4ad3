// Who may download a medical record, checked in the authorisation function and
// through the real route handler with real sessions (a signed JWT cookie whose
// session row is checked on every request, as in production).
import { encode } from "next-auth/jwt";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { createSession } from "@/db/queries/users";
import { auditRowsFor, createAdmin, createDoctor, createPatient, insertAppointmentRow } from "@/tests/factories";
import { GET } from "@/app/api/records/[id]/route";
import type { Actor } from "@/lib/vocabulary";
import { authorizeRecordDownload, openRecordForDownload, type Viewer } from "./access";
import { shareRecord, unshareRecord, uploadRecord } from "./service";
import { fileOf, pdfBytes, setUpFileTests } from "./test-helpers";

const files = setUpFileTests();

async function scenario() {
  const [owner, otherPatient] = [await createPatient(files.db), await createPatient(files.db)];
  const [sharedDoctor, otherDoctor] = [await createDoctor(files.db), await createDoctor(files.db)];
  const admin = await createAdmin(files.db);
  const appointment = await insertAppointmentRow(files.db, {
    doctorId: sharedDoctor.id,
    patientId: owner.id,
    startsAt: new Date(Date.UTC(2030, 7, 1, 9) + Math.floor(Math.random() * 1e5) * 3_600_000),
  });
  const ownerActor = { id: owner.id, role: "patient" as const };
  const record = await uploadRecord(files.db, ownerActor, { title: "Lab results", recordType: "lab_result", file: fileOf(pdfBytes("lab"), "lab results.pdf") });
  await shareRecord(files.db, ownerActor, { recordId: record.id, appointmentId: appointment.id });
  const viewers = {
    owner: ownerActor,
    sharedDoctor: { id: sharedDoctor.id, role: "doctor" as const },
    otherDoctor: { id: otherDoctor.id, role: "doctor" as const },
    otherPatient: { id: otherPatient.id, role: "patient" as const },
    admin: { id: admin.id, role: "admin" as const },
  } satisfies Record<string, Viewer>;
  return { record, appointment, viewers };
}

const allowed = async (viewer: Viewer, recordId: string) => (await authorizeRecordDownload(files.db, viewer, recordId))?.basis ?? null;

describe("authorizeRecordDownload", () => {
  it("lets the owner, the doctor it is shared with and an admin in, and nobody else", async () => {
    const { record, viewers } = await scenario();
    expect(await allowed(viewers.owner, record.id)).toBe("owner");
    expect(await allowed(viewers.sharedDoctor, record.id)).toBe("shared_doctor");
    expect(await allowed(viewers.admin, record.id)).toBe("admin");
    expect(await allowed(viewers.otherDoctor, record.id)).toBeNull();
    expect(await allowed(viewers.otherPatient, record.id)).toBeNull();
    expect(await allowed(null, record.id)).toBeNull();
  });

  it("unsharing ends the doctor's access at once", async () => {
    const { record, appointment, viewers } = await scenario();
    await unshareRecord(files.db, viewers.owner, { recordId: record.id, appointmentId: appointment.id });
    expect(await allowed(viewers.sharedDoctor, record.id)).toBeNull();
    expect(await allowed(viewers.owner, record.id)).toBe("owner");
  });

  it("a doctor id smuggled in with the patient role gets nothing, nor do malformed or unknown ids", async () => {
    const { record, viewers } = await scenario();
    expect(await allowed({ id: viewers.sharedDoctor.id, role: "patient" }, record.id)).toBeNull();
    expect(await allowed(viewers.owner, "not-a-uuid")).toBeNull();
    expect(await allowed(viewers.admin, "00000000-0000-4000-8000-00000000cafe")).toBeNull();
  });

  it("writes every download, and every refused attempt on a real record, to the audit log", async () => {
    const { record, viewers } = await scenario();
    expect((await openRecordForDownload(files.db, viewers.sharedDoctor, record.id))?.content).toEqual(Buffer.from(pdfBytes("lab")));
    expect(await openRecordForDownload(files.db, viewers.otherDoctor, record.id)).toBeNull();
    await openRecordForDownload(files.db, viewers.admin, record.id);
    const audit = (await auditRowsFor(files.db, "medical_record", record.id)).filter(
      (row) => row.action !== "record.uploaded" && row.action !== "record.shared",
    );
    expect(audit.map((row) => [row.action, row.actorId, row.after])).toEqual([
      ["record.downloaded", viewers.sharedDoctor.id, { basis: "shared_doctor" }],
      ["record.access_refused", viewers.otherDoctor.id, null],
      ["record.downloaded", viewers.admin.id, { basis: "admin" }],
    ]);
  });
});

describe("GET /api/records/:id", () => {
  async function cookieFor(user: Actor) {
    const sid = await createSession(files.db, user.id, new Date(Date.now() + 3_600_000));
    const token = await encode({ token: { sub: user.id, sid, role: user.role }, secret: process.env.AUTH_SECRET!, salt: "authjs.session-token" });
    return `authjs.session-token=${token}`;
  }

  async function get(recordId: string, cookie?: string) {
    // The headers Next.js passes a route handler behind `next start` on http://localhost:3000.
    const headers: Record<string, string> = { host: "localhost:3000", "x-forwarded-proto": "http" };
    if (cookie) headers.cookie = cookie;
    const request = new NextRequest(`http://localhost:3000/api/records/${recordId}`, { headers });
    return GET(request, { params: Promise.resolve({ id: recordId }) });
  }

  it("answers 404 without a session, exactly as for an id that does not exist", async () => {
    const { record } = await scenario();
    const response = await get(record.id);
    expect(response.status).toBe(404);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe("Not found");
    expect((await get("00000000-0000-4000-8000-00000000cafe")).status).toBe(404);
  });

  it("serves the file to the owner, the shared doctor and an admin with safe headers; others get 404", async () => {
    const { record, appointment, viewers } = await scenario();
    for (const viewer of [viewers.owner, viewers.sharedDoctor, viewers.admin]) {
      const response = await get(record.id, await cookieFor(viewer));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/pdf");
      expect(response.headers.get("content-disposition")).toBe(`attachment; filename="lab results.pdf"; filename*=UTF-8''lab%20results.pdf`);
      expect(response.headers.get("cache-control")).toBe("no-store");
      expect(response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(new Uint8Array(await response.arrayBuffer())).toEqual(pdfBytes("lab"));
    }
    for (const viewer of [viewers.otherDoctor, viewers.otherPatient]) expect((await get(record.id, await cookieFor(viewer))).status).toBe(404);

    const doctorCookie = await cookieFor(viewers.sharedDoctor);
    await unshareRecord(files.db, viewers.owner, { recordId: record.id, appointmentId: appointment.id });
    expect((await get(record.id, doctorCookie)).status).toBe(404);
  });

  it("a revoked session is refused like no session", async () => {
    const { record, viewers } = await scenario();
    const cookie = await cookieFor(viewers.owner);
    expect((await get(record.id, cookie)).status).toBe(200);
    await files.db.execute(`update sessions set revoked_at = now() where user_id = '${viewers.owner.id}'`);
    expect((await get(record.id, cookie)).status).toBe(404);
  });
});
