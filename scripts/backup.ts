// Database backups to the bucket: `npm run db:backup` (tsx scripts/backup.ts) dumps DATABASE_URL with
// pg_dump (custom format: compressed, restorable table by table) and uploads it as
// <BACKUP_PREFIX><UTC timestamp>.dump, then keeps the newest BACKUP_KEEP dumps. The
// docker-compose `backup` service runs it every BACKUP_INTERVAL_SECONDS, the Kubernetes
// CronJob (deploy/k8s/backup-cronjob.yaml) on its schedule. Restoring (README → Deploy →
// Backups): `npm run db:restore -- <key|latest> <empty database URL>`.
// tests/deploy/backup-restore.test.ts restores a dump into a fresh database and starts the
// app on it. The image's `backup` stage runs it, with PostgreSQL 15's pg_dump beside it.
//
// Bucket settings: BACKUP_S3_BUCKET (default S3_BUCKET) with the app's S3_REGION,
// S3_ENDPOINT, S3_FORCE_PATH_STYLE, S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY. Dumps hold
// every patient's data: the bucket must be private, and the data keys
// (DATA_ENCRYPTION_KEYS) must be kept apart from it.
import { spawn } from "node:child_process";
import { createReadStream, createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import type { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { DeleteObjectsCommand, GetObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";

export interface BackupTarget {
  bucket: string;
  prefix: string;
  /** How many dumps to keep; older ones are deleted after each new one is stored. */
  keep: number;
  client: S3Client;
}

/** The bucket and client from the environment (or the values given, for tests). */
export function backupTarget(env: Record<string, string | undefined> = process.env): BackupTarget {
  const bucket = env.BACKUP_S3_BUCKET || env.S3_BUCKET;
  if (!bucket) throw new Error("BACKUP_S3_BUCKET (or S3_BUCKET) names the bucket the dumps go to");
  const prefix = env.BACKUP_PREFIX ?? "backups/";
  const keep = Number(env.BACKUP_KEEP || 14);
  const credentials = env.S3_ACCESS_KEY_ID ? { accessKeyId: env.S3_ACCESS_KEY_ID, secretAccessKey: env.S3_SECRET_ACCESS_KEY ?? "" } : undefined;
  const client = new S3Client({
    region: env.S3_REGION || "us-east-1",
    endpoint: env.S3_ENDPOINT || undefined,
    forcePathStyle: ["1", "true"].includes(env.S3_FORCE_PATH_STYLE ?? ""),
    credentials,
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
  return { bucket, prefix, keep, client };
}

/** Runs a PostgreSQL client tool; rejects with its stderr when it fails. */
function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: ["ignore", "inherit", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`${command} exited with ${code}: ${stderr.trim()}`))));
  });
}

const timestamp = (now: Date) => now.toISOString().replace(/[:.]/g, "-");

/**
 * Dumps `databaseUrl` and uploads it; returns the object key. Older dumps beyond
 * target.keep are deleted afterwards (never before the new one is safely stored).
 */
export async function backupDatabase(databaseUrl: string, target: BackupTarget, now = new Date()): Promise<string> {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "careslot-backup-"));
  const file = path.join(dir, "careslot.dump");
  try {
    await run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", "--file", file, "--dbname", databaseUrl]);
    const key = `${target.prefix}${timestamp(now)}.dump`;
    const { size } = await fs.stat(file);
    await target.client.send(
      new PutObjectCommand({ Bucket: target.bucket, Key: key, Body: createReadStream(file), ContentLength: size, ContentType: "application/octet-stream" }),
    );
    await pruneBackups(target);
    return key;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

/** The dumps in the bucket, oldest first (their keys sort by time). */
export async function listBackups(target: BackupTarget): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await target.client.send(new ListObjectsV2Command({ Bucket: target.bucket, Prefix: target.prefix, ContinuationToken: token }));
    for (const object of page.Contents ?? []) if (object.Key?.endsWith(".dump")) keys.push(object.Key);
    token = page.IsTruncated ? page.NextContinuationToken : undefined;
  } while (token);
  return keys.sort();
}

async function pruneBackups(target: BackupTarget): Promise<void> {
  const keys = await listBackups(target);
  const old = keys.slice(0, Math.max(0, keys.length - target.keep));
  if (old.length > 0) await target.client.send(new DeleteObjectsCommand({ Bucket: target.bucket, Delete: { Objects: old.map((Key) => ({ Key })) } }));
}

/**
 * Restores dump `key` ("latest" for the newest) into `targetUrl`, an empty database;
 * returns the key restored. Migrations need not run afterwards: the dump carries them.
 */
export async function restoreDatabase(key: string, targetUrl: string, target: BackupTarget): Promise<string> {
  const chosen = key === "latest" ? (await listBackups(target)).at(-1) : key;
  if (!chosen) throw new Error(`no dump under ${target.bucket}/${target.prefix}`);
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), "careslot-restore-"));
  const file = path.join(dir, "careslot.dump");
  try {
    const object = await target.client.send(new GetObjectCommand({ Bucket: target.bucket, Key: chosen }));
    await pipeline(object.Body as Readable, createWriteStream(file));
    await run("pg_restore", ["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname", targetUrl, file]);
    return chosen;
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const [command = "backup", key, url] = process.argv.slice(2);
  const job =
    command === "restore"
      ? (() => {
          if (!key || !url) throw new Error("usage: npm run db:restore -- <key|latest> <empty database URL>");
          return restoreDatabase(key, url, backupTarget()).then((restored) => `restored ${restored}`);
        })()
      : (() => {
          if (!process.env.DATABASE_URL) throw new Error("DATABASE_URL is required to back up");
          return backupDatabase(process.env.DATABASE_URL, backupTarget()).then((stored) => `backup stored: ${stored}`);
        })();
  job.then(
    (message) => console.log(message),
    (error: unknown) => {
      console.error("backup failed:", error instanceof Error ? error.message : error);
      process.exit(1);
    },
  );
}
