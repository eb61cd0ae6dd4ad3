import "server-only";
import { fileTypeFromBuffer } from "file-type";
import { z } from "zod";
import { hasVisibleCharacters, withoutControlCharacters } from "@/lib/validation/text";
import { tooLargeMessage, uploadKinds, type UploadKind } from "./upload-limits";

export type CheckedUpload =
  | { ok: true; content: Uint8Array; contentType: string; originalName: string; sizeBytes: number }
  | { ok: false; message: string };

/** A file input's value: an empty file input still posts a nameless, empty File, which means "nothing chosen" (null). */
export const fileSchema = z.unknown().transform((value) => (value instanceof File && (value.size > 0 || value.name !== "") ? value : null));

/**
 * Keeps a display name harmless: no paths, no control characters, no
 * bidirectional controls (which make "invoice\u202Efdp.exe" display as
 * "invoiceexe.pdf"), bounded length; a name that shows nothing becomes "file".
 */
export function sanitiseFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "file";
  const cleaned = withoutControlCharacters(base.normalize("NFKC"))
    .replace(/["<>|:*?]/g, "")
    .replace(/\s+/g, " ")
    .trim()
    .slice(0, 120);
  return !hasVisibleCharacters(cleaned) || cleaned === "." || cleaned === ".." ? "file" : cleaned;
}

/** Checks an uploaded file by its content (not its name or claimed type) and size. */
export async function checkUpload(file: File | null, kind: UploadKind): Promise<CheckedUpload> {
  const rule = uploadKinds[kind];
  if (!file || typeof file === "string") return { ok: false, message: "Choose a file to upload." };
  if (file.size === 0) return { ok: false, message: "That file is empty." };
  if (file.size > rule.maxBytes) return { ok: false, message: tooLargeMessage(kind) };
  const content = new Uint8Array(await file.arrayBuffer());
  const detected = await fileTypeFromBuffer(content);
  if (!detected || !(rule.types as readonly string[]).includes(detected.mime)) {
    return { ok: false, message: `Only ${rule.label} files are accepted, and this file is not one (its content was checked, not its name).` };
  }
  return { ok: true, content, contentType: detected.mime, originalName: sanitiseFileName(file.name), sizeBytes: file.size };
}
