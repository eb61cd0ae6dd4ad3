import { describe, expect, it } from "vitest";
import { coalescedDelivery, type DeliveryReport } from "./dispatcher";

describe("after-response delivery, coalesced", () => {
  it("a burst of requests causes one delivery and one more for what arrived during it, never one each", async () => {
    let runs = 0;
    let release: () => void = () => {};
    const deliver = coalescedDelivery(async (): Promise<DeliveryReport> => {
      runs++;
      if (runs === 1) await new Promise<void>((resolve) => (release = resolve));
      return { sent: 1, failed: 0 };
    });
    const calls = Array.from({ length: 50 }, () => deliver());
    release();
    await Promise.all(calls);
    expect(runs).toBe(2);
    // Quiet again: the next request delivers on its own.
    await deliver();
    expect(runs).toBe(3);
  });

  it("stops repeating when a delivery fails (the runner is down); the rows stay pending", async () => {
    let runs = 0;
    const deliver = coalescedDelivery(async () => {
      runs++;
      await new Promise((resolve) => setTimeout(resolve, 10));
      return { sent: 0, failed: 3, error: "fetch failed" };
    });
    const reports = await Promise.all([deliver(), deliver(), deliver()]);
    expect(runs).toBe(1);
    expect(reports.every((report) => report?.error === "fetch failed")).toBe(true);
  });
});
