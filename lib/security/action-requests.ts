// What proxy.ts refuses before Next.js sees it: server-action POSTs that Next
// 16 would answer with a 500 (it turns every error inside its action handler,
// its own "Body exceeded" 413 included, into a 500, and decodes a malformed
// body by throwing). Next.js tells a server action apart by its Next-Action
// header (a call from the page's JavaScript) or by a multipart body (a form
// posted without JavaScript); React's client only ever sends a multipart body
// (FormData) or a text/plain one (the arguments as a JSON array).

/**
 * The most a server action's body may hold: uploads are at most 10 MB
 * (lib/storage/upload-limits.ts) plus the form's other fields. next.config.ts
 * gives Next.js the same figure (serverActions.bodySizeLimit,
 * proxyClientMaxBodySize: "12mb"); a test keeps the two equal.
 */
export const ACTION_BODY_LIMIT_BYTES = 12 * 1024 * 1024;

export interface Refusal {
  status: 400 | 413 | 415;
  message: string;
}

interface PostLike {
  method: string;
  headers: Headers;
  /** The body as text, read only for a text/plain action call (small: the arguments of a call from the page). */
  text: () => Promise<string>;
}

/**
 * Why a POST that Next.js would handle as a server action must be refused, or
 * null to let it through. A body sent in chunks (no Content-Length) over the
 * limit is still cut by Next.js itself, which answers that one with a 500.
 */
export async function actionRequestRefusal(request: PostLike): Promise<Refusal | null> {
  if (request.method !== "POST") return null;
  const contentType = (request.headers.get("content-type") ?? "").toLowerCase();
  const multipart = contentType.startsWith("multipart/form-data");
  const actionCall = request.headers.has("next-action");
  if (!actionCall && !multipart) return null;

  const length = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(length) && length > ACTION_BODY_LIMIT_BYTES) {
    return { status: 413, message: `The request is too large: at most ${ACTION_BODY_LIMIT_BYTES / 1024 / 1024} MB can be sent at once.` };
  }
  if (!actionCall || multipart) return null;

  if (!contentType.startsWith("text/plain")) return { status: 415, message: "A form is sent as multipart/form-data; this content type is not accepted here." };
  // React encodes the arguments of a call as a JSON array; anything else makes Next.js throw.
  try {
    if (Array.isArray(JSON.parse(await request.text()))) return null;
  } catch {
    // not JSON at all
  }
  return { status: 400, message: "The request body is not a valid form submission." };
}
