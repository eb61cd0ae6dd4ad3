import type { Env } from "@/lib/env-schema";
import type { StorageDriver } from "./driver";
import { localStorageDriver } from "./local";
import { s3StorageDriver, type S3Settings } from "./s3";

/** The S3 settings an environment describes, or null when it keeps files on local disk. */
export function s3SettingsFrom(config: Env): S3Settings | null {
  if (!config.S3_BUCKET) return null;
  return {
    bucket: config.S3_BUCKET,
    region: config.S3_REGION,
    endpoint: config.S3_ENDPOINT,
    forcePathStyle: config.S3_FORCE_PATH_STYLE,
    credentials:
      config.S3_ACCESS_KEY_ID && config.S3_SECRET_ACCESS_KEY
        ? { accessKeyId: config.S3_ACCESS_KEY_ID, secretAccessKey: config.S3_SECRET_ACCESS_KEY }
        : undefined,
    prefix: config.S3_PREFIX,
  };
}

/** The bucket when S3_BUCKET is set, otherwise the private STORAGE_DIR. Scripts and the e2e harness use it too. */
export function storageDriverFor(config: Env): StorageDriver {
  const s3 = s3SettingsFrom(config);
  return s3 ? s3StorageDriver(s3) : localStorageDriver(config.STORAGE_DIR);
}
