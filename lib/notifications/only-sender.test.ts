// Only lib/notifications talks to the mail provider: a module elsewhere that
// imports resend fails here (send through lib/notifications/mailer.ts instead).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "../..");

function sourceFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(full);
    return /\.(tsx?|mjs)$/.test(entry.name) ? [full] : [];
  });
}

describe("the mail provider", () => {
  it("is imported by lib/notifications alone", () => {
    const importsResend = /(?:from\s+|import\s*\(\s*|require\s*\(\s*)["']resend(?:\/[^"']*)?["']/;
    const importers = ["app", "components", "db", "inngest", "lib", "scripts", "e2e", "bench"]
      .flatMap((dir) => sourceFiles(path.join(root, dir)))
      .filter((file) => importsResend.test(fs.readFileSync(file, "utf8")))
      .map((file) => path.relative(root, file));
    expect(importers).toEqual(["lib/notifications/mailer.ts"]);
  });
});
