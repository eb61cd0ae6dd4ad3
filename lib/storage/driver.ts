/** Where uploaded bytes live. Keys are opaque (`<prefix>/<uuid>`) and checked before any driver sees them. */
export interface StorageDriver {
  /** A short name for logs and the health of the configuration ("local", "s3"). */
  readonly kind: string;
  put(key: string, content: Uint8Array, contentType: string): Promise<void>;
  /** The stored bytes; throws FileMissingError when there is no such file. */
  get(key: string): Promise<Buffer>;
  /** Removes the file; removing a file that is already gone is not an error. */
  remove(key: string): Promise<void>;
}

/** A database row points at a file the storage does not hold (wiped, not yet restored, removed by hand). */
export class FileMissingError extends Error {
  constructor(readonly key: string) {
    super(`stored file not found: ${key}`);
    this.name = "FileMissingError";
  }
}
