import { describe, expect, it } from "vitest";
import {
  appointmentPaymentState,
  cancellationMoney,
  checkoutExpiresAt,
  paymentLabel,
  paymentModeFor,
  refundForCancellation,
  type CancellationActor,
  type PaymentFacts,
} from "./policy";

const START = new Date("2030-03-05T09:00:00Z");
const HOUR = 3_600_000;
const MINUTE = 60_000;
const at = (offsetMs: number) => new Date(START.getTime() + offsetMs);
const card = (status: PaymentFacts["status"] = "paid"): PaymentFacts => ({ provider: "stripe", status, amountMinor: 6000, currency: "EUR" });
const policy = { patientFullRefundHours: 24 };

describe("paymentModeFor", () => {
  it("is online with Stripe and a price, at the clinic without Stripe, and free at price zero either way", () => {
    expect(paymentModeFor(6000, true)).toBe("stripe");
    expect(paymentModeFor(6000, false)).toBe("clinic");
    expect(paymentModeFor(0, true)).toBe("free");
    expect(paymentModeFor(0, false)).toBe("free");
  });
});

describe("checkoutExpiresAt", () => {
  const now = new Date("2030-03-04T08:00:20Z");
  const floor = new Date("2030-03-04T08:00:00Z").getTime();

  it("never asks Stripe for less than 30 minutes (32 from the minute, for margin), even for a 5-minute hold", () => {
    expect(checkoutExpiresAt(new Date(now.getTime() + 5 * MINUTE), now)).toEqual(new Date(floor + 32 * MINUTE));
    expect(checkoutExpiresAt(new Date(now.getTime() + 30 * MINUTE), now)).toEqual(new Date(floor + 32 * MINUTE));
  });

  it("follows a longer hold exactly, and caps a day-long hold below Stripe's 24 hours", () => {
    const hold = new Date(now.getTime() + 90 * MINUTE);
    expect(checkoutExpiresAt(hold, now)).toEqual(hold);
    expect(checkoutExpiresAt(new Date(now.getTime() + 24 * HOUR), now)).toEqual(new Date(floor + 24 * HOUR - 2 * MINUTE));
  });

  it("gives the same answer to two requests within one minute, so an idempotent replay matches", () => {
    const hold = new Date(now.getTime() + 30 * MINUTE);
    expect(checkoutExpiresAt(hold, new Date(floor + 1_000))).toEqual(checkoutExpiresAt(hold, new Date(floor + 59_000)));
  });
});

describe("cancellationMoney", () => {
  it("the patient exactly 24 h before gets everything back; one millisecond later nothing", () => {
    expect(cancellationMoney({ payment: card(), alreadyRefundedMinor: 0, actor: "patient", startsAt: START, now: at(-24 * HOUR), policy })).toMatchObject({
      kind: "refund",
      amount: 6000,
    });
    const late = cancellationMoney({ payment: card(), alreadyRefundedMinor: 0, actor: "patient", startsAt: START, now: at(-24 * HOUR + 1), policy });
    expect(late).toEqual({ kind: "no_refund", amount: 0, message: "No refund: cancelled less than 24 hours before the start, so no refund is due." });
  });

  it("the doctor, an admin or the system refund in full at any time", () => {
    for (const actor of ["doctor", "admin", "system"] as const) {
      expect(cancellationMoney({ payment: card(), alreadyRefundedMinor: 0, actor, startsAt: START, now: at(-HOUR), policy })).toMatchObject({
        kind: "refund",
        amount: 6000,
      });
    }
  });

  it("refunds only what is left after earlier refunds, and says where the money goes", () => {
    const result = cancellationMoney({
      payment: card("partially_refunded"),
      alreadyRefundedMinor: 1500,
      actor: "doctor",
      startsAt: START,
      now: at(-HOUR),
      policy,
    });
    expect(result).toMatchObject({ kind: "refund", amount: 4500 });
    expect(result.message).toMatch(/^€45\.00 will be refunded to the card you paid with\./);
  });

  it("tells the truth when nothing was charged: an unpaid hold, a fee due at the clinic, no payment at all", () => {
    expect(
      cancellationMoney({ payment: card("requires_payment"), alreadyRefundedMinor: 0, actor: "patient", startsAt: START, now: at(-48 * HOUR), policy }).message,
    ).toMatch(/No payment has been taken/);
    expect(
      cancellationMoney({
        payment: { ...card("due_at_visit"), provider: "clinic" },
        alreadyRefundedMinor: 0,
        actor: "patient",
        startsAt: START,
        now: at(-48 * HOUR),
        policy,
      }).message,
    ).toMatch(/due at the visit/);
    expect(cancellationMoney({ payment: null, alreadyRefundedMinor: 0, actor: "patient", startsAt: START, now: at(-48 * HOUR), policy })).toMatchObject({
      kind: "nothing_charged",
      amount: 0,
    });
  });

  it("follows the admin's policy: with a 48 h rule, 30 h before is too late", () => {
    expect(
      cancellationMoney({
        payment: card(),
        alreadyRefundedMinor: 0,
        actor: "patient",
        startsAt: START,
        now: at(-30 * HOUR),
        policy: { patientFullRefundHours: 48 },
      }).kind,
    ).toBe("no_refund");
  });
});

describe("appointmentPaymentState", () => {
  it("says exactly one of the three checkout outcomes", () => {
    expect(appointmentPaymentState({ appointmentStatus: "confirmed", cancelledBy: null, payment: card("paid") })?.title).toBe("Payment received — confirmed");
    expect(appointmentPaymentState({ appointmentStatus: "pending_payment", cancelledBy: null, payment: card("requires_payment") })?.title).toBe(
      "Waiting for payment confirmation",
    );
    expect(appointmentPaymentState({ appointmentStatus: "cancelled", cancelledBy: "system", payment: card("expired") })?.title).toBe(
      "Payment not completed — the slot was released",
    );
  });

  it("never claims a card payment for a visit paid at the clinic", () => {
    const clinic = { ...card("due_at_visit"), provider: "clinic" as const };
    expect(appointmentPaymentState({ appointmentStatus: "confirmed", cancelledBy: null, payment: clinic })?.title).toBe(
      "Pay at the clinic: €60.00 is due at your visit",
    );
    expect(paymentLabel("clinic", "paid")).toBe("Paid at the clinic");
    expect(paymentLabel("clinic", "expired")).toBe("Not due (cancelled)");
  });
});

describe("refundForCancellation (full refund up to 24 hours before)", () => {
  const MS = 1;
  const DAY = 24 * HOUR;
  const policy = { patientFullRefundHours: 24 };
  const refund = (actor: CancellationActor, offset: number, amountPaid = 12_000) =>
    refundForCancellation({ actor, startsAt: START, now: at(offset), amountPaid, policy });

  it.each<[string, CancellationActor, number, number]>([
    ["patient, two days before", "patient", -2 * DAY, 12_000],
    ["patient, exactly 24 h before", "patient", -24 * HOUR, 12_000],
    ["patient, 24 h minus 1 ms before", "patient", -24 * HOUR + MS, 0],
    ["patient, after the start", "patient", HOUR, 0],
    ["doctor, an hour before", "doctor", -HOUR, 12_000],
    ["admin, after the start", "admin", HOUR, 12_000],
    ["system (e.g. unpaid hold released), minutes before", "system", -5 * MINUTE, 12_000],
  ])("%s → %i", (_name, actor, offset, amount) => {
    expect(refund(actor, offset).amount).toBe(amount);
  });

  it.each<[CancellationActor, number, string]>([
    ["patient", -24 * HOUR, "Cancelled at least 24 hours before the start, so the full amount is refunded."],
    ["patient", -HOUR, "Cancelled less than 24 hours before the start, so no refund is due."],
    ["doctor", -HOUR, "The appointment was cancelled by the clinic, so the full amount is refunded."],
  ])("explains the %s decision at %i ms", (actor, offset, reason) => {
    expect(refund(actor, offset).reason).toBe(reason);
  });

  it("refunds nothing when nothing was paid, whoever cancels", () => {
    expect(refund("doctor", -DAY, 0)).toEqual({ amount: 0, reason: "Nothing was paid, so there is nothing to refund." });
  });

  it.each([-1, 12.5, Number.NaN])("rejects amountPaid %s", (amountPaid) => {
    expect(() => refund("patient", -DAY, amountPaid)).toThrow(RangeError);
  });
});

describe("refundForCancellation within the grace period after booking", () => {
  const grace = { patientFullRefundHours: 24, bookingGraceMinutes: 15 };
  const bookedAt = at(-3 * HOUR);
  const refund = (sinceBooking: number, policyNow = grace) =>
    refundForCancellation({
      actor: "patient",
      startsAt: START,
      bookedAt,
      now: new Date(bookedAt.getTime() + sinceBooking),
      amountPaid: 6000,
      policy: policyNow,
    });

  it("inside the refund notice, a cancellation within the grace period is refunded in full", () => {
    expect(refund(10 * MINUTE)).toEqual({ amount: 6000, reason: "Cancelled within 15 minutes of booking, so the full amount is refunded." });
    expect(refund(15 * MINUTE).amount).toBe(6000);
  });

  it("after the grace period, or with grace 0, the notice decides again", () => {
    expect(refund(15 * MINUTE + 1).amount).toBe(0);
    expect(refund(MINUTE, { ...grace, bookingGraceMinutes: 0 }).amount).toBe(0);
  });

  it("the money message a patient reads before cancelling says so", () => {
    const money = cancellationMoney({
      payment: card(),
      alreadyRefundedMinor: 0,
      actor: "patient",
      startsAt: START,
      now: at(-3 * HOUR + MINUTE),
      bookedAt,
      policy: grace,
    });
    expect(money.kind).toBe("refund");
    expect(money.message).toContain("Cancelled within 15 minutes of booking, so the full amount is refunded.");
  });
});
