// Test helpers for the records room: real bytes of each accepted kind, and
// a private storage directory per test file so "nothing was stored" can be
// checked by listing it.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll } from "vitest";
import type { Db } from "@/db/client";
import { setStorageForTests } from "@/lib/storage";
import { localStorageDriver } from "@/lib/storage/local";
import { useTestDb } from "@/tests/db";

/** A tiny but real PDF: file-type recognises it by its "%PDF-" signature. */
export function pdfBytes(text = "Blood test results"): Uint8Array {
  return new TextEncoder().encode(`%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\n% ${text}\ntrailer <</Root 1 0 R>>\n%%EOF\n`);
}

/** The first bytes of a Windows executable ("MZ"), to be renamed x.pdf. */
export function exeBytes(): Uint8Array {
  const bytes = new Uint8Array(512);
  bytes.set([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff]);
  bytes.set(new TextEncoder().encode("This program cannot be run in DOS mode."), 78);
  return bytes;
}

export function fileOf(bytes: Uint8Array, name: string, type = "application/pdf"): File {
  return new File([bytes as BlobPart], name, { type });
}

/** Keeps this test file's uploads in a fresh temporary directory, and returns it. */
export async function useTemporaryStorage(): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "careslot-records-"));
  setStorageForTests(localStorageDriver(dir));
  return dir;
}

/** Every file under the storage directory, as relative paths. */
export async function storedFiles(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

export interface FileTestContext {
  db: Db;
  /** The temporary directory this file's uploads go to. */
  storage: string;
}

/**
 * One test file's database handle and private file store; afterwards both are
 * closed, with the app's own pool (route handlers and services reading through
 * getDb() open it) and the directory.
 */
export function setUpFileTests(): FileTestContext {
  const context = { db: useTestDb({ max: 4 }) } as FileTestContext;
  beforeAll(async () => {
    context.storage = await useTemporaryStorage();
  });
  afterAll(async () => {
    await fs.rm(context.storage, { recursive: true, force: true });
  });
  return context;
}
