import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/lib/env-schema";
import { s3SettingsFrom } from "./configured";
import { FileMissingError, deleteFile, readFile, saveFile, setStorageForTests, storage } from "./index";
import { localStorageDriver } from "./local";
import { startLocalS3, type LocalS3 } from "./testing/local-s3";

let s3: LocalS3;
let directory: string;

beforeAll(async () => {
  s3 = await startLocalS3({ prefix: "site-a/" });
  directory = await fs.mkdtemp(path.join(os.tmpdir(), "careslot-storage-"));
});

afterAll(async () => {
  setStorageForTests(undefined);
  await s3.close();
  await fs.rm(directory, { recursive: true, force: true });
});

afterEach(() => setStorageForTests(undefined));

const drivers = [
  { name: "a local directory", use: () => setStorageForTests(localStorageDriver(directory)) },
  { name: "an S3 bucket (s3rver through the AWS SDK)", use: () => setStorageForTests(s3.driver) },
];

describe.each(drivers)("files in $name", ({ use }) => {
  it("keeps the exact bytes under an opaque key and reads them back", async () => {
    use();
    const content = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 31) % 251);
    const key = await saveFile("records", content, "application/pdf");
    expect(key).toMatch(/^records\/[0-9a-f-]{36}$/);
    const read = await readFile(key);
    expect(read.byteLength).toBe(content.byteLength);
    expect(Buffer.compare(read, content)).toBe(0); // toEqual would compare 3 million elements one by one
  });

  it("deletes a file, after which reading it is a FileMissingError, and deleting again is harmless", async () => {
    use();
    const key = await saveFile("photos", new TextEncoder().encode("photo"), "image/webp");
    await deleteFile(key);
    await expect(readFile(key)).rejects.toBeInstanceOf(FileMissingError);
    await expect(deleteFile(key)).resolves.toBeUndefined();
  });

  it("refuses keys that are not its own, so a stored key can never walk out of the store", async () => {
    use();
    for (const key of ["../etc/passwd", "records/../../x", "records/not-a-uuid", "/records/00000000-0000-4000-8000-000000000000", "other/00000000-0000-4000-8000-000000000000"]) {
      await expect(readFile(key)).rejects.toThrow("invalid storage key");
      await expect(deleteFile(key)).rejects.toThrow("invalid storage key");
    }
  });
});

describe("the local driver", () => {
  it("writes files readable by this process only, and leaves the folders it creates open to other local services", async () => {
    // .data/ holds the embedded PostgreSQL too, which runs as its own user and must be able to enter it.
    const fresh = path.join(directory, "data-root", "storage");
    const key = "records/00000000-0000-4000-8000-00000000d1a7";
    await localStorageDriver(fresh).put(key, new Uint8Array([1]), "application/pdf");
    expect((await fs.stat(path.join(fresh, key))).mode & 0o777).toBe(0o600);
    expect((await fs.stat(path.join(directory, "data-root"))).mode & 0o055).toBe(0o055 & ~process.umask());
  });
});

describe("the S3 driver", () => {
  it("writes private objects under the configured prefix with the file's content type, and nothing to local disk", async () => {
    setStorageForTests(s3.driver);
    const key = await saveFile("certificates", new TextEncoder().encode("%PDF-1.4"), "application/pdf");
    expect(await s3.objectKeys()).toContain(`site-a/${key}`);
    const head = await s3.client.send(new HeadObjectCommand({ Bucket: s3.settings.bucket, Key: `site-a/${key}` }));
    expect(head.ContentType).toBe("application/pdf");
    // The 8 bytes encrypted: a header naming the key id ("test"), the IV and the tag, then as many bytes of ciphertext.
    expect(head.ContentLength).toBe(5 + 1 + 4 + 12 + 16 + 8);
    await expect(fs.readdir(path.join(directory, "certificates"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  it("reports an unreachable bucket as an error, not as a missing file", async () => {
    const { s3StorageDriver } = await import("./s3");
    const down = s3StorageDriver({ ...s3.settings, endpoint: "http://127.0.0.1:9" });
    const failure = await down.get("records/00000000-0000-4000-8000-000000000000").catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(Error);
    expect(failure).not.toBeInstanceOf(FileMissingError);
  });
});

describe("choosing the storage from the environment", () => {
  const minimal = { DATABASE_URL: "postgres://x@127.0.0.1/careslot", AUTH_SECRET: "0123456789abcdef0123456789abcdef", DATA_ENCRYPTION_KEYS: process.env.DATA_ENCRYPTION_KEYS };

  it("keeps files in STORAGE_DIR when no bucket is set", () => {
    expect(s3SettingsFrom(parseEnv(minimal))).toBeNull();
    expect(storage().kind).toBe("local");
  });

  it("turns the S3_* variables into driver settings; without keys the SDK's default credentials apply", () => {
    expect(s3SettingsFrom(parseEnv({ ...minimal, S3_BUCKET: "files", S3_REGION: "eu-central-1" }))).toEqual({ bucket: "files", region: "eu-central-1", endpoint: undefined, forcePathStyle: false, credentials: undefined, prefix: "" });
    expect(
      s3SettingsFrom(parseEnv({ ...minimal, S3_BUCKET: "files", S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: "true", S3_ACCESS_KEY_ID: "key", S3_SECRET_ACCESS_KEY: "secret", S3_PREFIX: "prod/" })),
    ).toEqual({ bucket: "files", region: "us-east-1", endpoint: "http://127.0.0.1:9000", forcePathStyle: true, credentials: { accessKeyId: "key", secretAccessKey: "secret" }, prefix: "prod/" });
  });
});
