/**
 * Content-Disposition for a stored file's display name (RFC 6266): an ASCII
 * fallback in `filename`, the real name percent-encoded in `filename*`. The
 * name was sanitised at upload; quotes and backslashes are replaced again
 * here so the header can never be broken out of.
 */
export function contentDisposition(kind: "attachment" | "inline", name: string): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_") || "file";
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${kind}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}

/** Headers of every private file response: never cached, never sniffed into another type, never framed. */
export function privateFileHeaders(input: { contentType: string; name: string; size: number; disposition: "attachment" | "inline" }): Record<string, string> {
  return {
    "Content-Type": input.contentType,
    "Content-Length": String(input.size),
    "Content-Disposition": contentDisposition(input.disposition, input.name),
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Resource-Policy": "same-origin",
  };
}

export function notFoundResponse(): Response {
  return new Response("Not found", {
    status: 404,
    headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store", "X-Content-Type-Options": "nosniff" },
  });
}
