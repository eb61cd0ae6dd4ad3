// The API's document: valid OpenAPI 3.1 by Redocly's strict rules, one
// operation per route handler, and the typed client's types generated from it.
import fs from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { lintOpenApiDocument } from "@/scripts/lib/openapi-lint";
import { apiRoutes } from "@/tests/api/routes";
import { allOperations } from "./contract";
import { SCHEMA_FILE, generatedClientTypes } from "./client/generate";

const ROOT = path.resolve(import.meta.dirname, "../..");

describe("the OpenAPI document", () => {
  it("passes Redocly's recommended-strict lint", { timeout: 60_000 }, async () => {
    const { ok, output } = await lintOpenApiDocument();
    expect(output).toContain("valid");
    expect(ok, output).toBe(true);
  });

  it("has one operation for every handler under app/api/v1, and a handler for every operation", async () => {
    const files = (await fs.readdir(path.join(ROOT, "app/api/v1"), { recursive: true })).filter((file) => file.endsWith("route.ts"));
    const routed = files.map((file) => `/${path.dirname(file)}`.replace(/\[(\w+)\]/g, "{$1}").replace(/\/\.$/, ""));
    expect(routed.sort()).toEqual(Object.keys(apiRoutes).sort());
    const handlers = Object.entries(apiRoutes).flatMap(([route, module]) =>
      Object.keys(module)
        .filter((method) => method !== "OPTIONS")
        .map((method) => `${method.toLowerCase()} ${route}`),
    );
    const documented = allOperations.map((op) => `${op.method} ${op.path}`);
    // The document describes itself nowhere: it is the one route without an operation.
    expect(handlers.filter((handler) => handler !== "get /openapi.json").sort()).toEqual(documented.sort());
    for (const [route, module] of Object.entries(apiRoutes)) expect(module.OPTIONS, `${route} answers preflight`).toBeDefined();
  });

  it("has, for every operation, a test that checks its answers against the served document", async () => {
    // expectDocumented(response, "/path", "method") in the API's test files (tests/api/validator.ts).
    const dirs = ["app/api/v1", "lib/api"];
    const checked = new Set<string>();
    for (const dir of dirs) {
      const files = (await fs.readdir(path.join(ROOT, dir), { recursive: true })).filter((file) => file.endsWith(".test.ts"));
      for (const file of files) {
        const text = await fs.readFile(path.join(ROOT, dir, file), "utf8");
        if (!text.includes("expectDocumented")) continue;
        for (const match of text.matchAll(/"(\/[^"]*)",\s*"(get|post|put|patch|delete)"\s*\)/g)) checked.add(`${match[2]} ${match[1]}`);
      }
    }
    const unchecked = allOperations.map((op) => `${op.method} ${op.path}`).filter((operation) => !checked.has(operation));
    expect(unchecked).toEqual([]);
  });

  it(`keeps ${SCHEMA_FILE} up to date (npm run api:types)`, async () => {
    expect(await fs.readFile(path.join(ROOT, SCHEMA_FILE), "utf8")).toBe(await generatedClientTypes());
  });
});
