import { describe, expect, it } from "vitest";
import { yieldToRequests } from "./yield-to-requests";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Keeps the event loop about 95 % busy, as a burst of requests would. */
function busyLoop(): () => void {
  const timer = setInterval(() => {
    const until = performance.now() + 95;
    while (performance.now() < until) {
      // spin
    }
  }, 5);
  return () => clearInterval(timer);
}

describe("background work yields to requests", () => {
  it("goes at once while the process is quiet", async () => {
    const gate = yieldToRequests({ sampleMs: 50, maxWaitMs: 2_000 });
    await sleep(120);
    expect(await gate.wait()).toBeLessThan(60);
    gate.stop();
  });

  it("waits while the event loop is busy, at most maxWaitMs, and goes once it is quiet again", async () => {
    const gate = yieldToRequests({ sampleMs: 50, maxWaitMs: 600 });
    const stopLoad = busyLoop();
    await sleep(300);
    const waited = await gate.wait();
    stopLoad();
    expect(waited).toBeGreaterThanOrEqual(550);
    expect(waited).toBeLessThan(1_500);
    await sleep(200);
    expect(await gate.wait()).toBeLessThan(60);
    gate.stop();
  });

  it("stops waiting once stopped, even if the last sample was busy (a runner's graceful stop)", async () => {
    const gate = yieldToRequests({ sampleMs: 50, maxWaitMs: 5_000 });
    const stopLoad = busyLoop();
    await sleep(300);
    const waiting = gate.wait();
    stopLoad();
    gate.stop();
    const started = Date.now();
    await waiting;
    expect(Date.now() - started).toBeLessThan(500);
    expect(await gate.wait()).toBeLessThan(60);
  });
});
