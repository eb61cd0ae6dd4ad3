/** What each upload accepts. Shared by the server's content check and the browser's early size check. */
export const uploadKinds = {
  record: { types: ["application/pdf", "image/jpeg", "image/png"], maxBytes: 10 * 1024 * 1024, label: "PDF, JPEG or PNG", accept: "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png" },
  certificate: { types: ["application/pdf", "image/jpeg", "image/png"], maxBytes: 10 * 1024 * 1024, label: "PDF, JPEG or PNG", accept: "application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png" },
  photo: { types: ["image/jpeg", "image/png", "image/webp"], maxBytes: 5 * 1024 * 1024, label: "JPEG, PNG or WebP", accept: "image/jpeg,image/png,image/webp,.jpg,.jpeg,.png,.webp" },
} as const;

export type UploadKind = keyof typeof uploadKinds;

export function maxMegabytes(kind: UploadKind): number {
  return uploadKinds[kind].maxBytes / 1024 / 1024;
}

export function tooLargeMessage(kind: UploadKind): string {
  return `That file is larger than ${maxMegabytes(kind)} MB.`;
}
