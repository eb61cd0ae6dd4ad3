// The layout's rules (README → Layout), read from the import lines of the
// source itself, so a change that breaks one fails here:
//   app/ and inngest/ → lib/<room> → db/queries → db/schema; db/ imports nothing from lib/ or inngest/;
//   components/ import no db/ module; only lib/payments imports stripe, only lib/notifications resend;
//   SQL is written in db/ alone; and the rooms of lib/ import each other without a cycle.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const SOURCE_DIRS = ["app", "components", "db", "inngest", "lib", "scripts", "bench", "e2e", "tests"];

function sourceFiles(dir: string): string[] {
  const full = path.join(root, dir);
  if (!fs.existsSync(full)) return [];
  return fs.readdirSync(full, { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" || entry.name === "migrations" ? [] : sourceFiles(relative);
    return /\.(tsx?|mjs)$/.test(entry.name) && !entry.name.endsWith(".d.ts") ? [relative] : [];
  });
}

/** Tests and the kits only tests import (tests/, e2e/, any testing/ folder, test-helpers). */
const isTestCode = (file: string) =>
  /\.(test|spec)\.tsx?$/.test(file) || /^(tests|e2e)\//.test(file) || /(^|\/)testing\//.test(file) || /test-helpers\.ts$/.test(file);

const files = SOURCE_DIRS.flatMap(sourceFiles);
const production = files.filter((file) => !isTestCode(file));
const text = new Map(files.map((file) => [file, fs.readFileSync(path.join(root, file), "utf8")]));

/** Every module a file names in an import or export line, or a dynamic import(). */
function specifiers(file: string): string[] {
  const source = text.get(file)!;
  const found: string[] = [];
  for (const pattern of [/(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?["']([^"']+)["']/g, /\bimport\(\s*["']([^"']+)["']\s*\)/g]) {
    for (const match of source.matchAll(pattern)) found.push(match[1]!);
  }
  return found;
}

/** A specifier as a path from the repository root ("lib/payments/holds"), or the package name as written. */
function target(file: string, specifier: string): string {
  if (specifier.startsWith("@/")) return specifier.slice(2);
  if (specifier.startsWith(".")) return path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier));
  return specifier;
}

const importsOf = (file: string) => specifiers(file).map((specifier) => target(file, specifier));
const isPackage = (name: string, imported: string) => imported === name || imported.startsWith(`${name}/`);
const within = (dir: string, imported: string) => imported === dir || imported.startsWith(`${dir}/`);

function offenders(candidates: string[], breaks: (imported: string) => boolean): string[] {
  return candidates.flatMap((file) =>
    importsOf(file)
      .filter(breaks)
      .map((imported) => `${file} → ${imported}`),
  );
}

describe("the layout", () => {
  it("finds the source it checks", () => {
    expect(production).toContain("lib/payments/stripe-client.ts");
    expect(production).toContain("db/queries/appointments/index.ts");
  });

  it("db/ imports nothing from lib/ or inngest/", () => {
    const db = production.filter((file) => file.startsWith("db/"));
    expect(offenders(db, (imported) => within("lib", imported) || within("inngest", imported))).toEqual([]);
  });

  it("components/ import no db/ module (row types come from lib/vocabulary.ts or a lib service)", () => {
    const components = files.filter((file) => file.startsWith("components/"));
    expect(offenders(components, (imported) => within("db", imported))).toEqual([]);
  });

  it("only lib/payments imports stripe", () => {
    const outside = production.filter((file) => !file.startsWith("lib/payments/"));
    expect(offenders(outside, (imported) => isPackage("stripe", imported))).toEqual([]);
  });

  it("only lib/notifications imports resend", () => {
    const outside = production.filter((file) => !file.startsWith("lib/notifications/"));
    expect(offenders(outside, (imported) => isPackage("resend", imported))).toEqual([]);
  });

  it("no SQL is written outside db/ (a query belongs in db/queries)", () => {
    const writers = production
      .filter((file) => /^(lib|app|inngest|components)\//.test(file))
      .filter((file) => /\bsql(?:<[^>]*>)?`|\bsql\.raw\(/.test(text.get(file)!));
    expect(writers).toEqual([]);
  });
});

/** lib/<room>/… → the room's name; lib/env.ts, lib/db.ts and other top-level files belong to no room. */
function roomOf(modulePath: string): string | undefined {
  const match = /^lib\/([^/]+)\/./.exec(modulePath) ?? /^lib\/([^/.]+)$/.exec(modulePath);
  if (!match) return undefined;
  return fs.existsSync(path.join(root, "lib", match[1]!)) && fs.statSync(path.join(root, "lib", match[1]!)).isDirectory() ? match[1] : undefined;
}

/** Room → the rooms its production files import, each edge with one file that makes it. */
function roomGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of production) {
    const from = roomOf(file);
    if (!from) continue;
    for (const imported of importsOf(file)) {
      const to = roomOf(imported);
      if (!to || to === from) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, file);
    }
  }
  return graph;
}

/** Every elementary cycle once, as "a → b → a" with the files that make each edge. */
function cycles(graph: Map<string, Map<string, string>>): string[] {
  const found = new Set<string>();
  const rooms = [...graph.keys()].sort();
  for (const start of rooms) {
    // Only cycles whose smallest room is `start`, so each is found once.
    const walk = (room: string, trail: string[]) => {
      for (const [next, file] of graph.get(room) ?? []) {
        if (next === start) found.add([...trail, start].join(" → ") + `  (last edge: ${file})`);
        else if (next > start && !trail.includes(next)) walk(next, [...trail, next]);
      }
    };
    walk(start, [start]);
  }
  return [...found];
}

describe("the rooms of lib/", () => {
  it("import each other without a cycle", () => {
    const graph = roomGraph();
    expect(graph.size).toBeGreaterThan(5);
    expect(cycles(graph)).toEqual([]);
  });

  it("the cycle check sees a cycle when there is one", () => {
    const graph = new Map([
      ["a", new Map([["b", "lib/a/x.ts"]])],
      ["b", new Map([["c", "lib/b/y.ts"]])],
      ["c", new Map([["a", "lib/c/z.ts"]])],
    ]);
    expect(cycles(graph)).toEqual(["a → b → c → a  (last edge: lib/c/z.ts)"]);
  });
});
