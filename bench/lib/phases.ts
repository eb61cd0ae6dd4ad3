// Where one booking's time goes, measured on the real bookAppointment: a
// Drizzle logger stamps each statement as it is sent, and a step lasts until
// the next statement is sent. So each row holds that statement's round trip
// plus the JS that runs before the next one (the slot engine after the busy
// read, BEGIN before the first statement inside the transaction), and the
// last row holds the last statement, COMMIT and the return. Bookings run one
// at a time, so no step includes time spent queueing behind other clients.
import { performance } from "node:perf_hooks";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Db } from "../../db/client";
import * as schema from "../../db/schema";
import { bookAppointment } from "../../lib/booking/service";
import { BENCH_NOW, firstSlots, seedDoctors, seedPatients } from "./seed";
import { round, summarize } from "./stats";

export type StepKind = "js" | "read" | "lock" | "write" | "hold clean-up" | "commit";

export interface PhaseResult {
  bookings: number;
  /** SQL statements one booking sends, BEGIN and COMMIT included. */
  statementsPerBooking: number;
  steps: { step: string; kind: StepKind; medianMs: number; p95Ms: number; share: number }[];
  totalMedianMs: number;
}

/** "SELECT users", "INSERT audit_log", "advisory lock": enough to tell the steps apart. */
export function statementLabel(query: string): string {
  const text = query.replace(/\s+/g, " ").trim().toLowerCase();
  if (text.includes("pg_advisory_xact_lock")) return "advisory lock";
  const patterns: [RegExp, string][] = [
    [/^insert into "?(\w+)"?/, "INSERT"],
    [/^update "?(\w+)"?/, "UPDATE"],
    [/^delete from "?(\w+)"?/, "DELETE"],
    [/ from "?(\w+)"?/, "SELECT"],
  ];
  for (const [pattern, verb] of patterns) {
    const match = pattern.exec(text);
    if (match) return `${verb} ${match[1]}`;
  }
  return text.slice(0, 40);
}

function kindOf(label: string, last: boolean): StepKind {
  if (last) return "commit";
  if (label.includes("advisory lock")) return "lock";
  if (/UPDATE|DELETE/.test(label)) return "hold clean-up";
  return label.startsWith("INSERT") ? "write" : "read";
}

interface Sent {
  label: string;
  at: number;
  /** Statements sent in one turn of the event loop went out together (Promise.all): one step. */
  turn: number;
}

function stepsOf(sent: Sent[], startedAt: number, endedAt: number): { label: string; ms: number }[] {
  const groups: { labels: string[]; at: number; turn: number }[] = [];
  for (const statement of sent) {
    const previous = groups.at(-1);
    if (previous && previous.turn === statement.turn) previous.labels.push(statement.label);
    else groups.push({ labels: [statement.label], at: statement.at, turn: statement.turn });
  }
  const steps = [{ label: "JS before the first statement", ms: (groups[0]?.at ?? endedAt) - startedAt }];
  groups.forEach((group, i) => {
    const label = group.labels.sort().join(" ‖ ");
    const last = i === groups.length - 1;
    steps.push({ label: last ? `${label} → COMMIT` : label, ms: (last ? endedAt : groups[i + 1]!.at) - group.at });
  });
  return steps;
}

/** Counts event-loop turns: a statement sent after an answer arrived is in a later turn than the one before it. */
function turnCounter() {
  let turn = 0;
  let scheduled = false;
  return () => {
    if (!scheduled) {
      scheduled = true;
      setImmediate(() => {
        turn++;
        scheduled = false;
      });
    }
    return turn;
  };
}

export async function benchPhases(url: string, bookings = 300): Promise<PhaseResult> {
  const sql = postgres(url, { max: 4, onnotice: () => {} });
  let sent: Sent[] = [];
  const currentTurn = turnCounter();
  // The app's own setup (connectDatabase) plus a logger: the service is unchanged, only watched.
  const db = drizzle(sql, {
    schema,
    casing: "snake_case",
    logger: { logQuery: (query) => void sent.push({ label: statementLabel(query), at: performance.now(), turn: currentTurn() }) },
  }) as unknown as Db;
  try {
    const doctors = await seedDoctors(sql, 10, "phase-doctor");
    const patients = await seedPatients(sql, bookings, "phase-patient");
    const slots = firstSlots(Math.ceil(bookings / doctors.length));
    const bySequence = new Map<string, number[][]>();

    for (let k = 0; k < bookings; k++) {
      sent = [];
      const startedAt = performance.now();
      await bookAppointment(
        db,
        { patientId: patients[k]!, doctorId: doctors[k % doctors.length]!, startsAt: slots[Math.floor(k / doctors.length)]!, reason: "" },
        BENCH_NOW,
      );
      const steps = stepsOf(sent, startedAt, performance.now());
      const key = steps.map((step) => step.label).join("\n");
      bySequence.set(key, [...(bySequence.get(key) ?? []), steps.map((step) => step.ms)]);
    }

    // Every booking here takes the same path; keep the most common sequence in case one did not.
    const [key, runs] = [...bySequence.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
    const labels = key.split("\n");
    const medians = labels.map((label, i) => ({ label, ...summarize(runs.map((run) => run[i]!)) }));
    const total = medians.reduce((sum, row) => sum + row.medianMs, 0);
    const statements = labels.slice(1).reduce((sum, label) => sum + label.split(" ‖ ").length, 0) + 2; // + BEGIN and COMMIT
    return {
      bookings: runs.length,
      statementsPerBooking: statements,
      steps: medians.map(({ label, medianMs, p95Ms }, i) => ({
        step: label,
        kind: i === 0 ? "js" : kindOf(label, i === labels.length - 1),
        medianMs,
        p95Ms,
        share: round(medianMs / total, 3),
      })),
      totalMedianMs: round(total),
    };
  } finally {
    await sql.end({ timeout: 5 });
  }
}
