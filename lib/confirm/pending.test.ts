import { describe, expect, it } from "vitest";
import { CONFIRM_FIELD, MAX_ENCODED_LENGTH, backPath, decodePending, echoedValues, encodePending, pendingFromForm } from "./pending";

const SITE = "http://localhost:3000";
const ask = (over: object = {}) =>
  JSON.stringify({ label: "Deactivate Anna Keller", title: "Deactivate Anna Keller?", description: "She is signed out everywhere.", ...over });

function form(entries: [string, string | File][]): [string, FormDataEntryValue][] {
  return entries;
}

describe("a destructive form posted without JavaScript becomes a confirmation", () => {
  it("keeps every field but the trigger's own, in order, repeated names included, and the page it came from", () => {
    const result = pendingFromForm(
      form([
        ["$ACTION_REF_1", ""],
        ["$ACTION_1:0", '{"id":"abc","bound":"$@1"}'],
        ["userIds", "u1"],
        ["userIds", "u2"],
        [CONFIRM_FIELD, ask()],
      ]),
      `${SITE}/admin/users?q=anna`,
      SITE,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.pending.label).toBe("Deactivate Anna Keller");
    expect(result.pending.back).toBe("/admin/users?q=anna");
    expect(result.pending.fields).toEqual([
      ["$ACTION_REF_1", ""],
      ["$ACTION_1:0", '{"id":"abc","bound":"$@1"}'],
      ["userIds", "u1"],
      ["userIds", "u2"],
    ]);
    expect(decodePending(result.encoded)).toEqual(result.pending);
  });

  it("refuses a form without the trigger's words, with a reason, and a file", () => {
    const missing = pendingFromForm(form([["userId", "u1"]]), `${SITE}/admin/users/u1`, SITE);
    expect(missing).toMatchObject({ ok: false, status: 400 });
    const broken = pendingFromForm(form([[CONFIRM_FIELD, "{not json"]]), null, SITE);
    expect(broken).toMatchObject({ ok: false, status: 400 });
    const file = pendingFromForm(
      form([
        [CONFIRM_FIELD, ask()],
        ["file", new File(["x"], "x.pdf")],
      ]),
      null,
      SITE,
    );
    expect(file).toMatchObject({ ok: false, status: 400 });
  });

  it("refuses more than a cookie can hold, saying to select fewer", () => {
    const many: [string, string][] = Array.from({ length: 120 }, (_, i) => ["appointmentIds", `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`]);
    const result = pendingFromForm(form([[CONFIRM_FIELD, ask()], ...many]), null, SITE);
    expect(result).toMatchObject({ ok: false, status: 413 });
    if (!result.ok) expect(result.message).toMatch(/select fewer/);
    const fits = pendingFromForm(form([[CONFIRM_FIELD, ask()], ...many.slice(0, 25)]), null, SITE);
    expect(fits.ok && fits.encoded.length <= MAX_ENCODED_LENGTH).toBe(true);
  });
});

describe("the page to go back to", () => {
  it("is the referring page on this site, with its query", () => {
    expect(backPath(`${SITE}/doctor/appointments/a1`, SITE)).toBe("/doctor/appointments/a1");
    expect(backPath(`${SITE}/admin/appointments?status=confirmed&page=2`, SITE)).toBe("/admin/appointments?status=confirmed&page=2");
  });

  it("is the home page for another site, no referrer, a malformed one, or the confirm page itself", () => {
    expect(backPath("https://evil.example/admin/users", SITE)).toBe("/");
    expect(backPath("http://localhost:3001/admin/users", SITE)).toBe("/");
    expect(backPath(null, SITE)).toBe("/");
    expect(backPath("not a url", SITE)).toBe("/");
    expect(backPath(`${SITE}/confirm`, SITE)).toBe("/");
    expect(backPath(`${SITE}//evil.example/admin`, SITE)).toBe("/");
  });
});

describe("what the confirm page repeats", () => {
  it("counts, names values and quotes what was typed, leaving out what is empty", () => {
    const pending = {
      label: "Cancel the selected appointments",
      title: "Cancel the selected appointments?",
      back: "/admin/appointments",
      echo: [
        { name: "appointmentIds", label: "Appointments selected", count: true },
        { name: "operation", label: "Action", values: { deactivate: "Deactivate" } },
        { name: "reason", label: "Reason" },
        { name: "note", label: "Note" },
      ],
      fields: [
        ["appointmentIds", "a1"],
        ["appointmentIds", "a2"],
        ["operation", "deactivate"],
        ["reason", "  Doctor ill  "],
        ["note", "   "],
      ] as [string, string][],
    };
    expect(echoedValues(pending)).toEqual([
      { label: "Appointments selected", value: "2" },
      { label: "Action", value: "Deactivate" },
      { label: "Reason", value: "Doctor ill" },
    ]);
  });

  it("reads a stale or forged cookie as nothing to confirm", () => {
    expect(decodePending(undefined)).toBeNull();
    expect(decodePending("garbage")).toBeNull();
    expect(decodePending(Buffer.from(JSON.stringify({ label: "x" })).toString("base64url"))).toBeNull();
    expect(decodePending(encodePending({ label: "Go", title: "Go?", back: "https://evil.example", fields: [] }))).toBeNull();
    expect(decodePending(encodePending({ label: "Go", title: "Go?", back: "//evil.example", fields: [] }))).toBeNull();
    expect(decodePending(encodePending({ label: "Go", title: "Go?", back: "/admin", fields: [] }))).not.toBeNull();
  });
});
