import { NextResponse, type NextRequest } from "next/server";
import { actionRequestRefusal } from "@/lib/security/action-requests";
import { env } from "@/lib/env";
import { contentSecurityPolicy, formTargets, securityHeaders } from "@/lib/security/headers";
import { pageFromCache } from "@/lib/page-cache/serve";

// Headers, the server-action requests Next.js would answer with a 500
// (lib/security/action-requests.ts), and visitors' pages from the page cache. Authorisation happens in every page,
// action and route handler, never here alone (a proxy can be skipped).
export async function proxy(request: NextRequest) {
  const development = process.env.NODE_ENV === "development";
  const https = request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const refusal = await actionRequestRefusal({ method: request.method, headers: request.headers, text: () => request.clone().text() });
  if (refusal) {
    const response = new NextResponse(refusal.message, {
      status: refusal.status,
      headers: { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" },
    });
    for (const [name, value] of Object.entries(securityHeaders({ production: !development, https }))) response.headers.set(name, value);
    return response;
  }

  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, { development, formTargets: formTargets(env()) });

  // A visitor's page load of a public page nothing has changed on since it was rendered (lib/page-cache).
  const cached = await pageFromCache(request, nonce);
  if (cached) {
    cached.headers.set("Content-Security-Policy", csp);
    for (const [name, value] of Object.entries(securityHeaders({ production: !development, https }))) cached.headers.set(name, value);
    return cached;
  }

  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("Content-Security-Policy", csp);
  requestHeaders.set("x-careslot-path", request.nextUrl.pathname + request.nextUrl.search);
  requestHeaders.set("x-request-id", crypto.randomUUID());

  const response = NextResponse.next({ request: { headers: requestHeaders } });
  response.headers.set("Content-Security-Policy", csp);
  for (const [name, value] of Object.entries(securityHeaders({ production: !development, https }))) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [{ source: "/((?!_next/static|_next/image|favicon.ico).*)" }],
};
