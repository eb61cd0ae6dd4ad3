import "server-only";
import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { env } from "@/lib/env";

/**
 * Where uploaded files live: a private directory (STORAGE_DIR, never under
 * public/), addressed by opaque keys. Files are only ever served through
 * authorised route handlers.
 */
function root(): string {
  return path.resolve(env().STORAGE_DIR);
}

function pathOf(key: string): string {
  if (!/^[a-z-]+\/[0-9a-f-]{36}$/.test(key)) throw new Error(`invalid storage key: ${key}`);
  return path.join(root(), key);
}

export async function saveFile(prefix: "records" | "certificates" | "photos", content: Uint8Array): Promise<string> {
  const key = `${prefix}/${randomUUID()}`;
  const target = pathOf(key);
  await fs.mkdir(path.dirname(target), { recursive: true });
  await fs.writeFile(target, content, { mode: 0o600 });
  return key;
}

export async function readFile(key: string): Promise<Buffer> {
  return fs.readFile(pathOf(key));
}

export async function deleteFile(key: string): Promise<void> {
  await fs.rm(pathOf(key), { force: true });
}
