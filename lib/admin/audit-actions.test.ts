// The audit filter suggests every action the app writes: a new audited action
// with a known prefix that is missing from knownAuditActions fails here.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { knownAuditActions } from "./audit";

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(full);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [full] : [];
  });
}

/** Stripe's webhook event types look like audit actions but are not ours. */
const stripeEventTypes = new Set(["refund.created", "refund.updated", "refund.failed"]);

describe("knownAuditActions", () => {
  it("lists every audit action written in lib/, app/ and inngest/", () => {
    const prefixes = new Set(knownAuditActions.map((action) => action.split(".")[0]));
    const literal = /"([a-z_]+)\.([a-z_]+)"/g;
    const written = new Set<string>();
    for (const file of ["lib", "app", "inngest"].flatMap((dir) => sourceFiles(path.join(root, dir)))) {
      const source = fs.readFileSync(file, "utf8");
      if (!source.includes("insertAuditEntry") && !source.includes("auditAdmin") && !/\baction\b/.test(source)) continue;
      for (const [, prefix, name] of source.matchAll(literal))
        if (prefixes.has(prefix) && !stripeEventTypes.has(`${prefix}.${name}`)) written.add(`${prefix}.${name}`);
    }
    expect(written.size).toBeGreaterThan(40);
    expect([...written].filter((action) => !knownAuditActions.includes(action)).sort()).toEqual([]);
  });
});
