import fs from "node:fs/promises";
import path from "node:path";
import { FileMissingError, type StorageDriver } from "./driver";

/** Files in a private directory on this server's disk (never under public/), readable by this process only. */
export function localStorageDriver(directory: string): StorageDriver {
  const root = path.resolve(directory);
  const pathOf = (key: string) => path.join(root, key);
  return {
    kind: "local",
    async put(key, content) {
      const target = pathOf(key);
      // No mode on the folders: a recursive mkdir would give it to every parent it creates (.data too, which the
      // embedded PostgreSQL, running as its own user, must enter). The files themselves are 0600.
      await fs.mkdir(path.dirname(target), { recursive: true });
      await fs.writeFile(target, content, { mode: 0o600 });
    },
    async get(key) {
      try {
        return await fs.readFile(pathOf(key));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") throw new FileMissingError(key);
        throw error;
      }
    },
    async remove(key) {
      await fs.rm(pathOf(key), { force: true });
    },
  };
}
