import { docsHtml } from "@/lib/api/docs-page";

// The interactive API documentation; the scripts carry this request's CSP nonce (set by proxy.ts).
export function GET(request: Request): Response {
  return new Response(docsHtml(request.headers.get("x-nonce")), {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
