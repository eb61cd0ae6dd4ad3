// A local stand-in for Resend's API: Resend 6 reads RESEND_BASE_URL when a
// client is constructed, so the real SDK sends here and we see the payloads.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface CapturedEmail {
  idempotencyKey: string | null;
  authorization: string | null;
  body: {
    from: string;
    to: string | string[];
    subject: string;
    html: string;
    text: string;
    attachments?: { filename: string; content: string; contentType?: string; content_type?: string }[];
  };
}

export async function startResendCapture(): Promise<{ url: string; emails: CapturedEmail[]; stop: () => Promise<void> }> {
  const emails: CapturedEmail[] = [];
  const server = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      response.setHeader("content-type", "application/json");
      if (request.method !== "POST" || request.url !== "/emails") {
        response.statusCode = 404;
        response.end(JSON.stringify({ name: "not_found", message: "not found", statusCode: 404 }));
        return;
      }
      emails.push({
        idempotencyKey: request.headers["idempotency-key"]?.toString() ?? null,
        authorization: request.headers.authorization ?? null,
        body: JSON.parse(body),
      });
      // Unique like Resend's own ids: test files share one database, and delivery webhooks find an email by this id.
      response.end(JSON.stringify({ id: `re_captured_${randomUUID()}` }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", () => resolve()));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, emails, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
