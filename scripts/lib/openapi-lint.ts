import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { openApiDocument } from "@/lib/api/openapi";

// Lints the API's document with Redocly CLI (redocly.yaml: recommended-strict),
// as `npm run api:lint` and lib/api/openapi.test.ts do.

const ROOT = path.resolve(import.meta.dirname, "../..");

export async function lintOpenApiDocument(): Promise<{ ok: boolean; output: string }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), "careslot-openapi-"));
  const file = path.join(dir, "openapi.json");
  try {
    await writeFile(file, JSON.stringify(openApiDocument(), null, 2));
    return await new Promise((resolve) => {
      execFile(
        path.join(ROOT, "node_modules/.bin/redocly"),
        ["lint", file, "--config", path.join(ROOT, "redocly.yaml"), "--format", "stylish"],
        { cwd: ROOT, env: { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" } },
        (error, stdout, stderr) => resolve({ ok: !error, output: `${stdout}${stderr}` }),
      );
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
