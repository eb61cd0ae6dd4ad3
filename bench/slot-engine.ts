// Times the pure slot engine on a busy doctor's full booking horizon: 60 days,
// 3 ranges a day, 10 overrides, 500 appointments, Europe/Berlin doctor seen from
// Asia/Kolkata (so both label paths and a DST change are exercised).
import { pathToFileURL } from "node:url";
import { performance } from "node:perf_hooks";
import { computeSlots, type AvailabilityOverride, type AvailabilityRule, type BusyInterval, type ComputeSlotsInput, type IsoWeekday } from "../lib/scheduling";

const NOW = new Date("2026-03-02T06:00:00Z"); // the window crosses Berlin's 2026-03-29 change
const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

export function buildSlotEngineBenchInput(): ComputeSlotsInput {
  const weekdays: IsoWeekday[] = [1, 2, 3, 4, 5, 6, 7];
  const rules: AvailabilityRule[] = weekdays.flatMap((weekday) => [
    { weekday, startTime: "08:00", endTime: "12:00" },
    { weekday, startTime: "13:00", endTime: "17:00" },
    { weekday, startTime: "18:00", endTime: "20:00" },
  ]);

  const overrides: AvailabilityOverride[] = Array.from({ length: 10 }, (_, i) => {
    const date = new Date(NOW.getTime() + (3 + i * 6) * DAY_MS).toISOString().slice(0, 10);
    return i % 2 === 0
      ? { date, closed: true, ranges: [] }
      : {
          date,
          closed: false,
          ranges: [
            { startTime: "09:00", endTime: "13:00" },
            { startTime: "14:00", endTime: "18:30" },
          ],
        };
  });

  // A fixed linear congruential sequence: the same 500 appointments every run.
  let seed = 20260302;
  const next = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  const busy: BusyInterval[] = Array.from({ length: 500 }, () => {
    const startsAt = NOW.getTime() + Math.floor(next() * 60 * 96) * 15 * MINUTE_MS;
    const minutes = 15 + Math.floor(next() * 4) * 15;
    return { startsAt: new Date(startsAt), endsAt: new Date(startsAt + minutes * MINUTE_MS) };
  });

  return {
    rules,
    overrides,
    busy,
    settings: { timeZone: "Europe/Berlin", slotMinutes: 30, bufferMinutes: 5, minimumNoticeMinutes: 120, horizonDays: 60 },
    now: NOW,
    viewerTimeZone: "Asia/Kolkata",
  };
}

export function benchSlotEngine(iterations = 200): { medianMs: number; p95Ms: number; slotsPerCall: number } {
  const input = buildSlotEngineBenchInput();
  // Warm-up lets the JIT settle so the numbers describe a long-running server.
  let slotsPerCall = 0;
  for (let i = 0; i < 20; i++) slotsPerCall = computeSlots(input).length;

  const timings: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const started = performance.now();
    computeSlots(input);
    timings.push(performance.now() - started);
  }
  timings.sort((a, b) => a - b);
  const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!;
  return { medianMs: round(at(0.5)), p95Ms: round(at(0.95)), slotsPerCall };
}

function round(ms: number): number {
  return Math.round(ms * 1000) / 1000;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  console.log(JSON.stringify(benchSlotEngine()));
}
