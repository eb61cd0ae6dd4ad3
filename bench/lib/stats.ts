// Small measuring helpers shared by the bench parts.
import os from "node:os";
import { performance } from "node:perf_hooks";

export function percentile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
}

export function summarize(timingsMs: number[]): { medianMs: number; p95Ms: number; maxMs: number } {
  const sorted = [...timingsMs].sort((a, b) => a - b);
  return { medianMs: round(percentile(sorted, 0.5)), p95Ms: round(percentile(sorted, 0.95)), maxMs: round(sorted.at(-1) ?? NaN) };
}

export function round(value: number, digits = 2): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

export interface PoolRun<T> {
  results: PromiseSettledResult<T>[];
  latenciesMs: number[];
  elapsedMs: number;
}

/**
 * Runs `task` over `items` with at most `concurrency` in flight, like that many
 * clients each sending its next request when the last one answered.
 */
export async function runPool<I, T>(items: readonly I[], concurrency: number, task: (item: I) => Promise<T>): Promise<PoolRun<T>> {
  const results: PromiseSettledResult<T>[] = new Array(items.length);
  const latenciesMs: number[] = new Array(items.length);
  let next = 0;
  const started = performance.now();
  async function worker() {
    while (next < items.length) {
      const index = next++;
      const t0 = performance.now();
      try {
        results[index] = { status: "fulfilled", value: await task(items[index]!) };
      } catch (reason) {
        results[index] = { status: "rejected", reason };
      }
      latenciesMs[index] = performance.now() - t0;
    }
  }
  await Promise.all(Array.from({ length: Math.min(concurrency, items.length) }, worker));
  return { results, latenciesMs, elapsedMs: performance.now() - started };
}

/** A plain-text table: first column left-aligned, the rest right-aligned. */
export function table(headers: string[], rows: (string | number)[][]): string {
  const cells = [headers, ...rows.map((row) => row.map(String))];
  const widths = headers.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? "").length)));
  const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join("  ");
  return [line(cells[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...cells.slice(1).map(line)].join("\n");
}

export interface CpuUse {
  /** CPU time this Node process used (the load generator and the service code). */
  nodeCpuMs: number;
  /** Busy share of all cores of the machine over the interval, 0–100. */
  machineBusyPct: number;
  /** Share of the machine's busy time that was this Node process; most of the rest is PostgreSQL. */
  nodeShareOfBusyPct: number;
}

function machineTimes() {
  let busy = 0;
  let total = 0;
  for (const cpu of os.cpus()) {
    const { user, nice, sys, idle, irq } = cpu.times;
    busy += user + nice + sys + irq;
    total += user + nice + sys + idle + irq;
  }
  return { busy, total };
}

/** Starts measuring CPU; call the returned function to stop. Machine figures come from os.cpus() (10 ms ticks). */
export function startCpuSampler(): () => CpuUse {
  const node0 = process.cpuUsage();
  const machine0 = machineTimes();
  return () => {
    const node = process.cpuUsage(node0);
    const machine = machineTimes();
    const nodeCpuMs = (node.user + node.system) / 1000;
    const busyMs = machine.busy - machine0.busy;
    const totalMs = machine.total - machine0.total;
    return {
      nodeCpuMs: round(nodeCpuMs, 0),
      machineBusyPct: totalMs > 0 ? round((busyMs / totalMs) * 100, 0) : NaN,
      nodeShareOfBusyPct: busyMs > 0 ? round(Math.min(100, (nodeCpuMs / busyMs) * 100), 0) : NaN,
    };
  };
}
