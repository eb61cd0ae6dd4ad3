import { describe, expect, it } from "vitest";
import { and, eq } from "drizzle-orm";
import { auditLog, users } from "@/db/schema";
import { refundPaymentManually, retryRefundForAdmin } from "@/lib/admin/refunds";
import { cancelAppointment } from "@/lib/booking/service";
import { AppError } from "@/lib/errors";
import { auditRowsFor, createAdmin, hoursBefore, rejectionOf } from "@/tests/factories";
import {
  TUESDAY_10,
  doctorAndPatient,
  heldWithSession,
  paidVisit,
  paymentOf,
  refundRequestsFor,
  refundsOf,
  setUpPaymentTests,
  visitWithPendingRefund,
} from "./testing/test-kit";

// Split from refunds.test.ts: an admin's own refunds (manual, and sending a pending one again).
const ctx = setUpPaymentTests();
const asAdmin = (user: { id: string }) => ({ id: user.id, role: "admin" as const });

const paid = () => paidVisit(ctx);

const pendingRefund = () => visitWithPendingRefund(ctx);

const refundAudit = (refundId: string) => auditRowsFor(ctx.db, "refund", refundId);

describe("manual refunds by an admin", () => {
  it("refunds part of a payment with a reason, audited; then at most the rest; then nothing more", async () => {
    const p = await paid();
    const admin = await createAdmin(ctx.db);
    const first = await refundPaymentManually(ctx.db, asAdmin(admin), { paymentId: p.payment.id, amountMinor: 1500, reason: "Visit was shorter" });
    expect(first.outcome).toBe("sent");
    expect(first.refund).toMatchObject({
      kind: "manual",
      amountMinor: 1500,
      status: "succeeded",
      reason: "Visit was shorter",
      requestedBy: admin.id,
      requestedByRole: "admin",
    });
    expect(await paymentOf(ctx.db, p.appointment.id)).toMatchObject({ status: "partially_refunded", refundedMinor: 1500 });
    const audit = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityId, p.payment.id), eq(auditLog.action, "payment.refunded_manually")));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      actorId: admin.id,
      actorRole: "admin",
      after: expect.objectContaining({ amountMinor: 1500, reason: "Visit was shorter" }),
    });
    expect(await refundAudit(first.refund.id)).toEqual([
      expect.objectContaining({
        action: "refund.recorded",
        actorId: admin.id,
        actorRole: "admin",
        after: expect.objectContaining({ amountMinor: 1500, status: "pending", reason: "Visit was shorter" }),
      }),
      expect.objectContaining({
        action: "refund.succeeded",
        actorId: admin.id,
        actorRole: "admin",
        before: { status: "pending", stripeRefundId: null },
        after: { status: "succeeded", stripeRefundId: first.refund.stripeRefundId },
      }),
    ]);

    const tooMuch = (await rejectionOf(
      refundPaymentManually(ctx.db, asAdmin(admin), { paymentId: p.payment.id, amountMinor: 4501, reason: "Oops" }),
    )) as AppError;
    expect(tooMuch.code).toBe("invalid_input");
    expect(tooMuch.fieldErrors?.amount?.[0]).toBe("At most €45.00 can still be refunded.");

    await refundPaymentManually(ctx.db, asAdmin(admin), { paymentId: p.payment.id, amountMinor: 4500, reason: "Goodwill" });
    expect(await paymentOf(ctx.db, p.appointment.id)).toMatchObject({ status: "refunded", refundedMinor: 6000 });
    expect(
      ((await rejectionOf(refundPaymentManually(ctx.db, asAdmin(admin), { paymentId: p.payment.id, amountMinor: 1, reason: "More" }))) as AppError).code,
    ).toBe("conflict");
    expect(refundRequestsFor(ctx, p.payment.id).map((r) => r.form.amount)).toEqual(["1500", "4500"]);
  });

  it("is refused to anyone but an active admin, whatever the caller claims: nothing is recorded or sent", async () => {
    const p = await paid();
    const demoted = await createAdmin(ctx.db);
    await ctx.db.update(users).set({ active: false }).where(eq(users.id, demoted.id));
    const callers = [
      { id: p.patient.id, role: "patient" as const },
      { id: p.doctor.id, role: "doctor" as const },
      { id: p.patient.id, role: "admin" as const },
      asAdmin(demoted),
    ];
    for (const caller of callers) {
      const error = (await rejectionOf(
        refundPaymentManually(ctx.db, caller, { paymentId: p.payment.id, amountMinor: 100, reason: "Not allowed" }),
      )) as AppError;
      expect(error.code).toBe("forbidden");
    }
    expect(await refundsOf(ctx.db, p.payment.id)).toEqual([]);
    expect(refundRequestsFor(ctx, p.payment.id)).toHaveLength(0);
    expect(await ctx.db.select().from(auditLog).where(eq(auditLog.entityId, p.payment.id))).toEqual([expect.objectContaining({ action: "payment.received" })]);
  });

  it("refuses to refund a payment that was never received", async () => {
    const { doctor, patient } = await doctorAndPatient(ctx.db);
    const held = await heldWithSession(ctx.db, { doctorId: doctor.id, patientId: patient.id });
    const admin = await createAdmin(ctx.db);
    expect(
      ((await rejectionOf(refundPaymentManually(ctx.db, asAdmin(admin), { paymentId: held.payment.id, amountMinor: 100, reason: "No" }))) as AppError).code,
    ).toBe("conflict");
  });
});

describe("an admin sending a pending refund again", () => {
  it("sends it once, and the audit log names the admin for the retry and for the status it reached", async () => {
    const p = await pendingRefund();
    const admin = asAdmin(await createAdmin(ctx.db));
    expect(await retryRefundForAdmin(ctx.db, admin, p.refund.id)).toBe("sent");
    const [sent] = await refundsOf(ctx.db, p.payment.id);
    expect(sent).toMatchObject({ id: p.refund.id, status: "succeeded" });
    expect(await refundAudit(p.refund.id)).toEqual([
      expect.objectContaining({ action: "refund.recorded", actorId: p.doctor.id, actorRole: "doctor" }),
      expect.objectContaining({
        action: "refund.succeeded",
        actorId: admin.id,
        actorRole: "admin",
        before: { status: "pending", stripeRefundId: null },
        after: { status: "succeeded", stripeRefundId: sent.stripeRefundId },
      }),
      expect.objectContaining({
        action: "refund.retried",
        actorId: admin.id,
        actorRole: "admin",
        before: { status: "pending", stripeRefundId: null },
        after: { outcome: "sent", status: "succeeded", stripeRefundId: sent.stripeRefundId },
      }),
    ]);
  });

  it("a retry with nothing to send is still the admin's action on record", async () => {
    const p = await paid();
    const admin = asAdmin(await createAdmin(ctx.db));
    await cancelAppointment(ctx.db, { appointmentId: p.appointment.id, actor: admin, reason: "Clinic closed" }, hoursBefore(TUESDAY_10, 3));
    const [done] = await refundsOf(ctx.db, p.payment.id);
    expect(await retryRefundForAdmin(ctx.db, admin, done.id)).toBe("skipped");
    expect((await refundAudit(done.id)).at(-1)).toMatchObject({
      action: "refund.retried",
      actorId: admin.id,
      after: { outcome: "skipped", status: "succeeded" },
    });
    expect(refundRequestsFor(ctx, p.payment.id)).toHaveLength(1);
  });

  it("is refused to a doctor and to a deactivated admin, and the refund stays unsent", async () => {
    const p = await pendingRefund();
    const demoted = await createAdmin(ctx.db);
    await ctx.db.update(users).set({ active: false }).where(eq(users.id, demoted.id));
    for (const caller of [{ id: p.doctor.id, role: "doctor" as const }, asAdmin(demoted)]) {
      expect(((await rejectionOf(retryRefundForAdmin(ctx.db, caller, p.refund.id))) as AppError).code).toBe("forbidden");
    }
    expect(await refundsOf(ctx.db, p.payment.id)).toEqual([expect.objectContaining({ status: "pending", stripeRefundId: null })]);
    expect(refundRequestsFor(ctx, p.payment.id)).toHaveLength(1); // only the attempt during the outage
    expect((await refundAudit(p.refund.id)).map((row) => row.action)).toEqual(["refund.recorded"]);
  });
});
