import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditLog, outboxEvents, walletTopUps, walletWithdrawalRefunds } from "@/db/schema";
import { walletBalances, walletHistory } from "@/db/queries/ledger";
import { listTopUpsNeedingAttention } from "@/db/queries/wallet-reads";
import { adjustWalletBalance } from "@/lib/admin/wallet";
import { handleStripeEvent } from "@/lib/payments/webhook";
import { setStripeSetupForTests } from "@/lib/payments/stripe-client";
import { TEST_WEBHOOK_SECRET, fakeStripeClient, signedStripeEvent } from "@/lib/payments/testing/fake-stripe";
import { applyEvent, setUpPaymentTests } from "@/lib/payments/testing/test-kit";
import { adminActor, createDoctor, createPatient, rejectionOf } from "@/tests/factories";
import { checkLedgerAfterEach } from "@/tests/ledger";
import { CARD_PAYMENTS_OFF, startTopUp } from "@/lib/payments/wallet-top-up";
import { requestWithdrawal, withdrawableAmounts } from "@/lib/payments/wallet-withdraw";

// "Add funds" and "Withdraw to card" through the real Stripe SDK against the
// fake Stripe server (issue #19): credited only by the verified webhook, once;
// a mismatch is never credited; withdrawals refund the newest top-ups first and
// the balance follows each refund's final state.

const ctx = setUpPaymentTests();
checkLedgerAfterEach(ctx.db);
// A doctor charging in EUR makes EUR a currency patients may add funds in.
beforeAll(() => createDoctor(ctx.db));

const balanceOf = async (patientId: string, currency = "EUR") =>
  (await walletBalances(ctx.db, patientId)).find((row) => row.currency === currency)?.balanceMinor ?? 0;

const topUpRow = async (id: string) => (await ctx.db.select().from(walletTopUps).where(eq(walletTopUps.id, id)))[0];

/** The session Stripe sends back in checkout.session.* events for a top-up. */
function paidSession(sessionId: string, topUpId: string, amount: number, currency = "eur", intent = `pi_wallet_${randomUUID().slice(0, 8)}`) {
  return {
    id: sessionId,
    object: "checkout.session",
    status: "complete",
    payment_status: "paid",
    amount_total: amount,
    currency,
    payment_intent: intent,
    client_reference_id: topUpId,
    metadata: { walletTopUpId: topUpId },
  };
}

/** "Add funds" → the fake Checkout Session → the webhook that credits it. */
async function toppedUp(patientId: string, amountMinor: number, creditedAt: Date) {
  const { topUpId } = await startTopUp(ctx.db, patientId, { amountMinor, currency: "EUR", requestId: randomUUID() });
  const sessionId = (await topUpRow(topUpId)).stripeCheckoutSessionId!;
  const intent = `pi_wallet_${randomUUID().slice(0, 8)}`;
  await applyEvent(ctx.db, "checkout.session.completed", paidSession(sessionId, topUpId, amountMinor, "eur", intent), creditedAt);
  return { topUpId, intent };
}

const refundsOfWithdrawal = (withdrawalId: string) =>
  ctx.db.select().from(walletWithdrawalRefunds).where(eq(walletWithdrawalRefunds.withdrawalId, withdrawalId)).orderBy(walletWithdrawalRefunds.createdAt);

const refundEvent = (type: string, refund: { stripeRefundId: string | null; id: string; amountMinor: number }, status: string) =>
  applyEvent(ctx.db, type, { id: refund.stripeRefundId, object: "refund", status, amount: refund.amountMinor, metadata: { walletRefundId: refund.id } });

describe("Add funds", () => {
  it("opens a Stripe Checkout Session for the amount, once however often the form is sent, and credits nothing yet", async () => {
    const patient = await createPatient(ctx.db);
    const input = { amountMinor: 4250, currency: "EUR", requestId: randomUUID() };
    const first = await startTopUp(ctx.db, patient.id, input);
    const again = await startTopUp(ctx.db, patient.id, input);
    expect(again).toEqual(first);
    const created = ctx.fake.requestsTo("POST", "/v1/checkout/sessions").filter((r) => r.form["metadata[walletTopUpId]"] === first.topUpId);
    expect(created).toHaveLength(1);
    expect(created[0].form).toMatchObject({
      mode: "payment",
      "line_items[0][price_data][unit_amount]": "4250",
      "line_items[0][price_data][currency]": "eur",
      "metadata[patientId]": patient.id,
    });
    expect(created[0].headers["idempotency-key"]).toBe(`wallet-top-up-${first.topUpId}`);
    expect(await topUpRow(first.topUpId)).toMatchObject({ status: "pending", amountMinor: 4250, currency: "EUR" });
    expect(await balanceOf(patient.id)).toBe(0);
  });

  it("a replayed webhook credits once: the same event twice, and another paid event for the session", async () => {
    const patient = await createPatient(ctx.db);
    const { topUpId } = await startTopUp(ctx.db, patient.id, { amountMinor: 5000, currency: "EUR", requestId: randomUUID() });
    const sessionId = (await topUpRow(topUpId)).stripeCheckoutSessionId!;
    const { event } = signedStripeEvent("checkout.session.completed", paidSession(sessionId, topUpId, 5000));
    expect(await handleStripeEvent(ctx.db, event as never, new Date())).toMatchObject({ status: "processed" });
    expect(await handleStripeEvent(ctx.db, event as never, new Date())).toMatchObject({ status: "duplicate" });
    await applyEvent(ctx.db, "checkout.session.async_payment_succeeded", paidSession(sessionId, topUpId, 5000));
    expect(await balanceOf(patient.id)).toBe(5000);
    expect(await walletHistory(ctx.db, patient.id)).toMatchObject([{ kind: "top_up", amountMinor: 5000, topUpId }]);
    expect(await topUpRow(topUpId)).toMatchObject({ status: "credited", receivedAmountMinor: 5000, receivedCurrency: "EUR" });
    const [credit] = await walletHistory(ctx.db, patient.id);
    const receipts = await ctx.db.select().from(outboxEvents).where(eq(outboxEvents.name, "wallet/movement.recorded"));
    expect(receipts.filter((row) => (row.payload as { transactionId: string }).transactionId === credit.id)).toHaveLength(1);
  });

  it("an amount or currency other than the top-up's is not credited: flagged for an admin and audited", async () => {
    const patient = await createPatient(ctx.db);
    const { topUpId } = await startTopUp(ctx.db, patient.id, { amountMinor: 5000, currency: "EUR", requestId: randomUUID() });
    const sessionId = (await topUpRow(topUpId)).stripeCheckoutSessionId!;
    await applyEvent(ctx.db, "checkout.session.completed", paidSession(sessionId, topUpId, 500));
    expect(await balanceOf(patient.id)).toBe(0);
    expect(await walletHistory(ctx.db, patient.id)).toEqual([]);
    expect(await topUpRow(topUpId)).toMatchObject({ status: "mismatch", receivedAmountMinor: 500, creditedAt: null });
    const audit = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, "wallet_top_up"), eq(auditLog.entityId, topUpId)));
    expect(audit.map((row) => row.action)).toEqual(["wallet.top_up_mismatch"]);
    expect((await listTopUpsNeedingAttention(ctx.db, new Date())).map((row) => row.id)).toContain(topUpId);

    const other = await startTopUp(ctx.db, patient.id, { amountMinor: 5000, currency: "EUR", requestId: randomUUID() });
    await applyEvent(ctx.db, "checkout.session.completed", paidSession((await topUpRow(other.topUpId)).stripeCheckoutSessionId!, other.topUpId, 5000, "usd"));
    expect(await topUpRow(other.topUpId)).toMatchObject({ status: "mismatch", receivedCurrency: "USD" });
    expect(await balanceOf(patient.id)).toBe(0);
  });

  it("an expired session credits nothing", async () => {
    const patient = await createPatient(ctx.db);
    const { topUpId } = await startTopUp(ctx.db, patient.id, { amountMinor: 2000, currency: "EUR", requestId: randomUUID() });
    const session = { ...paidSession((await topUpRow(topUpId)).stripeCheckoutSessionId!, topUpId, 2000), status: "expired", payment_status: "unpaid" };
    await applyEvent(ctx.db, "checkout.session.expired", session);
    expect(await topUpRow(topUpId)).toMatchObject({ status: "expired" });
    expect(await balanceOf(patient.id)).toBe(0);
  });
});

describe("Withdraw to card", () => {
  it("refunds the newest top-ups first through Stripe, and the balance follows each refund's final state", async () => {
    ctx.fake.answerRefundsWith("pending");
    const patient = await createPatient(ctx.db);
    const oldest = await toppedUp(patient.id, 3000, new Date("2030-01-01T10:00:00Z"));
    const middle = await toppedUp(patient.id, 2000, new Date("2030-01-02T10:00:00Z"));
    const newest = await toppedUp(patient.id, 5000, new Date("2030-01-03T10:00:00Z"));
    expect(await withdrawableAmounts(ctx.db, patient.id)).toEqual([
      { currency: "EUR", balanceMinor: 10_000, refundableMinor: 10_000, withdrawableMinor: 10_000 },
    ]);

    const { withdrawalId } = await requestWithdrawal(ctx.db, patient.id, { amountMinor: 6000, currency: "EUR", requestId: randomUUID() });
    const refunds = await refundsOfWithdrawal(withdrawalId);
    const byTopUp = (topUpId: string) => refunds.find((row) => row.topUpId === topUpId)!;
    expect(refunds.map((row) => [row.topUpId, row.amountMinor, row.status])).toEqual([
      [newest.topUpId, 5000, "pending"],
      [middle.topUpId, 1000, "pending"],
    ]);
    const sent = ctx.fake.requestsTo("POST", "/v1/refunds").filter((r) => r.form["metadata[walletWithdrawalId]"] === withdrawalId);
    expect(sent.map((r) => [r.form.payment_intent, r.form.amount])).toEqual([
      [newest.intent, "5000"],
      [middle.intent, "1000"],
    ]);
    expect(sent.map((r) => r.headers["idempotency-key"])).toEqual(refunds.map((row) => `wallet-refund-${row.id}`));
    // Taken from the balance at once, held as pending withdrawals until Stripe decides.
    expect(await balanceOf(patient.id)).toBe(4000);
    expect(await topUpRow(oldest.topUpId)).toMatchObject({ refundedMinor: 0 });

    // The newest top-up's refund succeeds: settled to the card, the balance stays.
    await refundEvent("refund.updated", byTopUp(newest.topUpId), "succeeded");
    expect(await balanceOf(patient.id)).toBe(4000);
    // The middle one's fails: its money is back on the wallet and refundable again; the withdrawal is settled.
    await refundEvent("refund.failed", byTopUp(middle.topUpId), "failed");
    await refundEvent("refund.failed", byTopUp(middle.topUpId), "failed");
    expect(await balanceOf(patient.id)).toBe(5000);
    expect(await topUpRow(middle.topUpId)).toMatchObject({ refundedMinor: 0 });
    expect(await topUpRow(newest.topUpId)).toMatchObject({ refundedMinor: 5000 });
    expect((await refundsOfWithdrawal(withdrawalId)).map((row) => row.status)).toEqual(["succeeded", "failed"]);
    expect((await walletHistory(ctx.db, patient.id)).slice(0, 2)).toMatchObject([
      { kind: "withdrawal_returned", amountMinor: 1000, balanceAfterMinor: 5000 },
      { kind: "withdrawal", amountMinor: -6000, balanceAfterMinor: 4000 },
    ]);
    const settled = await ctx.db.select().from(outboxEvents).where(eq(outboxEvents.name, "wallet/withdrawal.settled"));
    expect(settled.filter((row) => (row.payload as { withdrawalId: string }).withdrawalId === withdrawalId)).toHaveLength(1);
    expect(await withdrawableAmounts(ctx.db, patient.id)).toMatchObject([{ balanceMinor: 5000, refundableMinor: 5000, withdrawableMinor: 5000 }]);
    ctx.fake.answerRefundsWith("succeeded");
  });

  it("a refund Stripe answers as succeeded settles at once; a later webhook and a resent form change nothing", async () => {
    const patient = await createPatient(ctx.db);
    await toppedUp(patient.id, 3000, new Date("2030-02-01T10:00:00Z"));
    const input = { amountMinor: 1200, currency: "EUR", requestId: randomUUID() };
    const { withdrawalId } = await requestWithdrawal(ctx.db, patient.id, input);
    await requestWithdrawal(ctx.db, patient.id, input);
    const [refund] = await refundsOfWithdrawal(withdrawalId);
    expect(refund).toMatchObject({ status: "succeeded", amountMinor: 1200 });
    await refundEvent("refund.updated", refund, "succeeded");
    expect(await balanceOf(patient.id)).toBe(1800);
    expect(ctx.fake.requestsTo("POST", "/v1/refunds").filter((r) => r.form["metadata[walletWithdrawalId]"] === withdrawalId)).toHaveLength(1);
  });

  it("a refund Stripe refuses outright returns its money to the wallet at once", async () => {
    const patient = await createPatient(ctx.db);
    await toppedUp(patient.id, 3000, new Date("2030-02-02T10:00:00Z"));
    ctx.fake.failNext("/v1/refunds", 1, 400);
    const { withdrawalId } = await requestWithdrawal(ctx.db, patient.id, { amountMinor: 3000, currency: "EUR", requestId: randomUUID() });
    expect((await refundsOfWithdrawal(withdrawalId)).map((row) => row.status)).toEqual(["failed"]);
    expect(await balanceOf(patient.id)).toBe(3000);
  });

  it("is at most the balance and at most what top-ups can refund; without Stripe neither card action runs", async () => {
    const patient = await createPatient(ctx.db);
    await toppedUp(patient.id, 2000, new Date("2030-02-03T10:00:00Z"));
    // Credit from the clinic is spent in visits, never refunded to a card.
    await adjustWalletBalance(ctx.db, await adminActor(ctx.db), {
      patientId: patient.id,
      currency: "EUR",
      amountMinor: 5000,
      reason: "Goodwill",
      requestId: randomUUID(),
    });
    const tooMuch = await rejectionOf(requestWithdrawal(ctx.db, patient.id, { amountMinor: 2500, currency: "EUR", requestId: randomUUID() }));
    expect(tooMuch).toMatchObject({ code: "conflict", message: "At most €20.00 can go back to your cards: only money added by card can be withdrawn." });
    await adjustWalletBalance(ctx.db, await adminActor(ctx.db), {
      patientId: patient.id,
      currency: "EUR",
      amountMinor: -6000,
      reason: "Clawback",
      requestId: randomUUID(),
    });
    const overBalance = await rejectionOf(requestWithdrawal(ctx.db, patient.id, { amountMinor: 2000, currency: "EUR", requestId: randomUUID() }));
    expect(overBalance).toMatchObject({ code: "conflict", message: "Your balance is €10.00: withdraw at most that. Nothing was withdrawn." });
    expect(await balanceOf(patient.id)).toBe(1000);
    expect(await topUpRow((await ctx.db.select().from(walletTopUps).where(eq(walletTopUps.patientId, patient.id)))[0].id)).toMatchObject({ refundedMinor: 0 });

    setStripeSetupForTests(null);
    try {
      await expect(rejectionOf(startTopUp(ctx.db, patient.id, { amountMinor: 1000, currency: "EUR", requestId: randomUUID() }))).resolves.toMatchObject({
        message: CARD_PAYMENTS_OFF,
      });
      await expect(rejectionOf(requestWithdrawal(ctx.db, patient.id, { amountMinor: 500, currency: "EUR", requestId: randomUUID() }))).resolves.toMatchObject({
        message: CARD_PAYMENTS_OFF,
      });
    } finally {
      setStripeSetupForTests({ client: fakeStripeClient(ctx.fake), webhookSecret: TEST_WEBHOOK_SECRET });
    }
  });
});
