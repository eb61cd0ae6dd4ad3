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
  /** SQL statements one booking sends, BEGIN and COMMIT included when it opens a transaction. */
  statementsPerBooking: number;
  /** Whether the usual booking ran in an explicit transaction. */
  transactional: boolean;
  steps: { step: string; kind: StepKind; medianMs: number; p95Ms: number; share: number }[];
  totalMedianMs: number;
}

/** "booking state" (a hand-written statement's leading comment), "SELECT users", "INSERT audit_log", "advisory lock": enough to tell the steps apart. */
export function statementLabel(query: string): string {
  const text = query.replace(/\s+/g, " ").trim().toLowerCase();
  const named = /^\/\* ([^*]+) \*\//.exec(text);
  if (named) return named[1]!;
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

/** The statement's own label, without the "→ COMMIT" of the last step. */
export const baseLabel = (step: string) => step.split(" → ")[0]!;

function kindOf(label: string, commits: boolean): StepKind {
  if (commits) return "commit";
  if (baseLabel(label) === "booking state") return "read";
  if (baseLabel(label) === "book") return "write";
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

function stepsOf(sent: Sent[], startedAt: number, endedAt: number, transactional: boolean): { label: string; ms: number }[] {
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
    // Outside a transaction the last statement commits itself (autocommit).
    steps.push({ label: last ? `${label} → ${transactional ? "COMMIT" : "its own commit"}` : label, ms: (last ? endedAt : groups[i + 1]!.at) - group.at });
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
  // BEGIN and COMMIT are not logged: count the transactions the service opens.
  let transactions = 0;
  const transaction = db.transaction.bind(db);
  db.transaction = ((work, config) => {
    transactions++;
    return transaction(work, config);
  }) as typeof db.transaction;
  try {
    const doctors = await seedDoctors(sql, 10, "phase-doctor");
    const patients = await seedPatients(sql, bookings, "phase-patient");
    const slots = firstSlots(Math.ceil(bookings / doctors.length));
    const bySequence = new Map<string, number[][]>();

    for (let k = 0; k < bookings; k++) {
      sent = [];
      transactions = 0;
      const startedAt = performance.now();
      await bookAppointment(
        db,
        { patientId: patients[k]!, doctorId: doctors[k % doctors.length]!, startsAt: slots[Math.floor(k / doctors.length)]!, reason: "" },
        BENCH_NOW,
      );
      const steps = stepsOf(sent, startedAt, performance.now(), transactions > 0);
      const key = `${transactions}\n${steps.map((step) => step.label).join("\n")}`;
      bySequence.set(key, [...(bySequence.get(key) ?? []), steps.map((step) => step.ms)]);
    }

    // Every booking here takes the same path; keep the most common sequence in case one did not.
    const [key, runs] = [...bySequence.entries()].sort((a, b) => b[1].length - a[1].length)[0]!;
    const [opened, ...labels] = key.split("\n");
    const transactional = Number(opened) > 0;
    const medians = labels.map((label, i) => ({ label, ...summarize(runs.map((run) => run[i]!)) }));
    const total = medians.reduce((sum, row) => sum + row.medianMs, 0);
    const statements = labels.slice(1).reduce((sum, label) => sum + label.split(" ‖ ").length, 0) + 2 * Number(opened); // + BEGIN and COMMIT
    return {
      bookings: runs.length,
      statementsPerBooking: statements,
      transactional,
      steps: medians.map(({ label, medianMs, p95Ms }, i) => ({
        step: label,
        kind: i === 0 ? "js" : kindOf(label, transactional && i === labels.length - 1),
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
