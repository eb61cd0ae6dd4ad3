// "Delete my account" through its server action, with real sessions: who may
// call it, the typed confirmation and the password checked at the boundary,
// and on success the sign-out to /account-deleted, after which the same
// cookie opens nothing.
import fs from "node:fs/promises";
import { afterAll, describe, expect, it, vi } from "vitest";
import { TEST_PASSWORD, patientWithData } from "@/lib/privacy/testing/patient-with-data";
import { useTemporaryStorage } from "@/lib/records/test-helpers";
import { useTestDb } from "@/tests/db";
import { createDoctor, userRow } from "@/tests/factories";
import { requestHeaders, sessionCookieFor } from "@/tests/session-cookie";

const session = vi.hoisted(() => ({ cookie: "" }));
vi.mock("next/headers", () => ({ headers: async () => new Headers(requestHeaders(session.cookie)), cookies: async () => ({ get: () => undefined }) }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn(), revalidateTag: vi.fn() }));
// Auth.js's signOut needs Next's cookie store; here it only has to lead where the real one does.
const signOut = vi.hoisted(() => vi.fn(async ({ redirectTo }: { redirectTo: string }) => (await import("next/navigation")).redirect(redirectTo)));
vi.mock("@/lib/auth", async (importOriginal) => ({ ...(await importOriginal<typeof import("@/lib/auth")>()), signOut }));

const { deleteAccountAction } = await import("./actions");
const { changePasswordAction } = await import("@/app/(auth)/account-actions");

const db = useTestDb();
const storageDir = await useTemporaryStorage();

afterAll(async () => {
  session.cookie = "";
  await fs.rm(storageDir, { recursive: true, force: true });
});

function form(fields: Record<string, string>): FormData {
  const data = new FormData();
  for (const [key, value] of Object.entries(fields)) data.append(key, value);
  return data;
}

describe("deleteAccountAction", () => {
  it("refuses a signed-out caller and a doctor", async () => {
    session.cookie = "";
    expect(await deleteAccountAction(null, form({ password: TEST_PASSWORD, confirmation: "DELETE" }))).toMatchObject({ ok: false, code: "unauthenticated" });
    const doctor = await createDoctor(db);
    session.cookie = await sessionCookieFor(db, { id: doctor.id, role: "doctor" });
    expect(await deleteAccountAction(null, form({ password: TEST_PASSWORD, confirmation: "DELETE" }))).toMatchObject({ ok: false, code: "forbidden" });
    expect(await userRow(db, doctor.id)).toMatchObject({ active: true, deletedAt: null });
  });

  it("refuses a confirmation other than DELETE and a wrong password next to their fields, never sending the password back", async () => {
    const { patient } = await patientWithData(db, "ACTION-REFUSED", { password: true });
    session.cookie = await sessionCookieFor(db, { id: patient.id, role: "patient" });
    const typo = await deleteAccountAction(null, form({ password: TEST_PASSWORD, confirmation: "Delete" }));
    expect(typo).toMatchObject({
      ok: false,
      code: "invalid_input",
      message: "Please correct the highlighted fields. Your account was not deleted.",
      fieldErrors: { confirmation: ["Type DELETE in capitals to confirm."] },
    });
    expect(JSON.stringify(typo)).not.toContain(TEST_PASSWORD);
    const wrong = await deleteAccountAction(null, form({ password: "a wrong password", confirmation: "DELETE" }));
    expect(wrong).toMatchObject({ ok: false, code: "invalid_input", fieldErrors: { password: ["That is not your password."] } });
    expect(await userRow(db, patient.id)).toMatchObject({ email: patient.email, deletedAt: null });
    expect(signOut).not.toHaveBeenCalled();
  });

  it("deletes, signs out to /account-deleted, and the same session cookie is refused afterwards", async () => {
    const { patient } = await patientWithData(db, "ACTION-DONE", { password: true });
    session.cookie = await sessionCookieFor(db, { id: patient.id, role: "patient" });
    await expect(deleteAccountAction(null, form({ password: TEST_PASSWORD, confirmation: " DELETE " }))).rejects.toMatchObject({
      digest: expect.stringContaining("/account-deleted"),
    });
    expect(signOut).toHaveBeenCalledWith({ redirectTo: "/account-deleted" });
    expect(await userRow(db, patient.id)).toMatchObject({ active: false, deletedAt: expect.any(Date) });
    const afterwards = await changePasswordAction(
      null,
      form({ currentPassword: TEST_PASSWORD, newPassword: "another long passphrase", confirmPassword: "another long passphrase" }),
    );
    expect(afterwards).toMatchObject({ ok: false, code: "unauthenticated" });
  });
});
