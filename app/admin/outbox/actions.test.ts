// The outbox retry writes its admin audit row in the action (the delivery it
// calls is shared with the sweep), so the action itself is tested: the session
// and Inngest are stand-ins, the database and the audit log are real.
import { and, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { auditLog, users } from "@/db/schema";
import { useTestDb } from "@/tests/db";
import { createAdmin } from "@/tests/factories";
import { retryOutboxAction } from "./actions";

const session = vi.hoisted(() => ({ user: null as { id: string; role: "admin"; name: string; email: string; emailVerified: boolean } | null }));
vi.mock("@/lib/auth/guards", () => ({ currentUser: async () => session.user }));
vi.mock("next/cache", () => ({ revalidatePath: vi.fn() }));
const deliver = vi.hoisted(() => vi.fn());
// The real delivery sweeps every pending row of the shared test database; its own tests live in lib/outbox.
vi.mock("@/lib/outbox", () => ({ deliverOutbox: deliver, deliverOutboxQuietly: vi.fn() }));

const db = useTestDb({ max: 2 });

beforeEach(() => deliver.mockReset());

async function signedInAdmin() {
  const admin = await createAdmin(db);
  session.user = { id: admin.id, role: "admin", name: "Test Admin", email: "admin@example.test", emailVerified: true };
  return admin;
}

const retriesBy = (adminId: string) =>
  db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.actorId, adminId), eq(auditLog.action, "outbox.retried")));

describe("retrying the outbox", () => {
  it("delivers and records the admin's retry with what was sent", async () => {
    const admin = await signedInAdmin();
    deliver.mockResolvedValueOnce({ sent: 2, failed: 0 });
    expect(await retryOutboxAction()).toEqual({ ok: true, message: "Delivered 2 events to the local job runner." });
    expect(await retriesBy(admin.id)).toEqual([
      expect.objectContaining({ actorRole: "admin", entityType: "outbox", entityId: "pending", before: null, after: { sent: 2, failed: 0, error: null } }),
    ]);
  });

  it("records a retry that found Inngest unreachable, with the reason", async () => {
    const admin = await signedInAdmin();
    deliver.mockResolvedValueOnce({ sent: 0, failed: 3, error: "fetch failed" });
    expect(await retryOutboxAction()).toMatchObject({
      ok: false,
      message: "The local job runner could not be reached, so 3 events stay pending: fetch failed",
    });
    expect(await retriesBy(admin.id)).toEqual([expect.objectContaining({ after: { sent: 0, failed: 3, error: "fetch failed" } })]);
  });

  it("refuses an admin deactivated since signing in: nothing is sent or recorded", async () => {
    const admin = await signedInAdmin();
    await db.update(users).set({ active: false }).where(eq(users.id, admin.id));
    expect(await retryOutboxAction()).toMatchObject({ ok: false, message: "Only administrators can do that." });
    expect(deliver).not.toHaveBeenCalled();
    expect(await retriesBy(admin.id)).toEqual([]);
  });
});
