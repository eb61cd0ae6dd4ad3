// The dev mailbox's routes: an email's HTML and its attachments, only where the
// mailbox is switched on, only for stored (not sent) emails.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { recordEmail } from "@/db/queries/emails";
import { useTestDb } from "@/tests/db";
import { GET as getAttachment } from "./[id]/attachments/[index]/route";
import { GET as getHtml } from "./[id]/route";

const mailbox = vi.hoisted(() => ({ enabled: true }));
vi.mock("@/lib/env", async (original) => ({ ...(await original<typeof import("@/lib/env")>()), devMailboxEnabled: () => mailbox.enabled }));

const db = useTestDb({ max: 2 });

beforeEach(() => {
  mailbox.enabled = true;
});

const ics = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nEND:VCALENDAR\r\n";
const stored = (provider: "mailbox" | "resend" = "mailbox") =>
  recordEmail(db, {
    toAddress: "pat@example.test",
    subject: "Appointment confirmed",
    template: "booking-confirmation-patient",
    html: "<p>See you <b>soon</b></p>",
    text: "See you soon",
    provider,
    status: provider === "mailbox" ? "stored" : "sent",
    attachments: [{ filename: "appointment.ics", contentType: "text/calendar; charset=utf-8; method=REQUEST", content: ics }],
  });
const html = (id: string) => getHtml(new Request(`http://localhost/dev/mailbox/${id}`), { params: Promise.resolve({ id }) });
const attachment = (id: string, index: string) =>
  getAttachment(new Request(`http://localhost/dev/mailbox/${id}/attachments/${index}`), { params: Promise.resolve({ id, index }) });

describe("/dev/mailbox/:id", () => {
  it("serves a stored email's HTML, never cached", async () => {
    const response = await html(await stored());
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe("<p>See you <b>soon</b></p>");
  });

  it("is a 404 for an email really sent, an unknown id, or when the mailbox is off", async () => {
    expect((await html(await stored("resend"))).status).toBe(404);
    expect((await html("00000000-0000-4000-8000-00000000beef")).status).toBe(404);
    expect((await html("not-an-id")).status).toBe(404);
    const id = await stored();
    mailbox.enabled = false;
    expect((await html(id)).status).toBe(404);
  });
});

describe("/dev/mailbox/:id/attachments/:n", () => {
  it("downloads the calendar file with its name and type", async () => {
    const response = await attachment(await stored(), "0");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/calendar; charset=utf-8; method=REQUEST");
    expect(response.headers.get("content-disposition")).toBe(`attachment; filename="appointment.ics"; filename*=UTF-8''appointment.ics`);
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toBe(ics);
  });

  it("is a 404 past the last attachment, for a malformed index, for a sent email and when the mailbox is off", async () => {
    const id = await stored();
    for (const index of ["1", "-1", "0.5", "x"]) expect((await attachment(id, index)).status).toBe(404);
    expect((await attachment(await stored("resend"), "0")).status).toBe(404);
    mailbox.enabled = false;
    expect((await attachment(id, "0")).status).toBe(404);
  });
});
