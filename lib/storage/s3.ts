import { DeleteObjectCommand, GetObjectCommand, NoSuchKey, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import { FileMissingError, type StorageDriver } from "./driver";

export interface S3Settings {
  bucket: string;
  region: string;
  /** An S3-compatible service (MinIO, R2, Ceph…); unset means AWS itself. */
  endpoint?: string;
  /** Bucket in the path (`/bucket/key`) rather than the host name: what most S3-compatible services need. */
  forcePathStyle: boolean;
  /** Unset means the SDK's default chain (instance role, AWS_* variables, shared config). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** A prefix inside the bucket, so one bucket can serve several installations. */
  prefix: string;
}

export function createS3Client(settings: S3Settings): S3Client {
  return new S3Client({
    region: settings.region,
    endpoint: settings.endpoint,
    forcePathStyle: settings.forcePathStyle,
    credentials: settings.credentials,
    maxAttempts: 3,
    // Checksums only where S3 requires them: many S3-compatible services reject the newer default trailers.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
  });
}

function isMissing(error: unknown): boolean {
  return error instanceof NoSuchKey || (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404);
}

/**
 * Files as private objects in an S3-compatible bucket. Objects are written
 * without a public ACL and are only ever read back by the server, which
 * decides who may see them; the bucket itself must not be public.
 */
export function s3StorageDriver(settings: S3Settings, client: S3Client = createS3Client(settings)): StorageDriver {
  const objectKey = (key: string) => `${settings.prefix}${key}`;
  return {
    kind: "s3",
    async put(key, content, contentType) {
      await client.send(new PutObjectCommand({ Bucket: settings.bucket, Key: objectKey(key), Body: content, ContentType: contentType, ContentLength: content.byteLength }));
    },
    async get(key) {
      try {
        const object = await client.send(new GetObjectCommand({ Bucket: settings.bucket, Key: objectKey(key) }));
        if (!object.Body) throw new FileMissingError(key);
        return Buffer.from(await object.Body.transformToByteArray());
      } catch (error) {
        if (isMissing(error)) throw new FileMissingError(key);
        throw error;
      }
    },
    async remove(key) {
      // S3 answers 204 whether or not the object existed.
      await client.send(new DeleteObjectCommand({ Bucket: settings.bucket, Key: objectKey(key) }));
    },
  };
}
