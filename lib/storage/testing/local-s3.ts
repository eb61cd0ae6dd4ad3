// A real S3 protocol peer for tests: s3rver serves the S3 REST API from a
// temporary directory, and Careslot's own driver talks to it through the AWS
// SDK exactly as it would talk to AWS, MinIO or R2.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { ListObjectsV2Command, type S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";
import type { StorageDriver } from "../driver";
import { createS3Client, s3StorageDriver, type S3Settings } from "../s3";

export interface LocalS3 {
  settings: S3Settings;
  client: S3Client;
  driver: StorageDriver;
  /** Every object key in the bucket, sorted. */
  objectKeys(): Promise<string[]>;
  close(): Promise<void>;
}

export async function startLocalS3(options: { prefix?: string } = {}): Promise<LocalS3> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), "careslot-s3-"));
  const bucket = "careslot-test";
  const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory, configureBuckets: [{ name: bucket, configs: [] }] });
  const { port } = await server.run();
  const settings: S3Settings = {
    bucket,
    region: "us-east-1",
    endpoint: `http://127.0.0.1:${port}`,
    forcePathStyle: true,
    credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
    prefix: options.prefix ?? "",
  };
  const client = createS3Client(settings);
  return {
    settings,
    client,
    driver: s3StorageDriver(settings, client),
    async objectKeys() {
      const listed = await client.send(new ListObjectsV2Command({ Bucket: bucket }));
      return (listed.Contents ?? []).map((object) => object.Key!).sort();
    },
    async close() {
      client.destroy();
      await server.close();
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}
