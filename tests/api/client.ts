// Calls the /api/v1 route handlers as Next.js does, without a server: a
// fetch-compatible function (for openapi-fetch too) that routes a Request to
// its handler with its path parameters. Each call comes from a random IP
// unless one is given, so files running in parallel never share a per-IP limit.
import { randomInt } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/password";
import { apiRoutes, type RouteModule } from "./routes";

export const BASE = "http://localhost:3000/api/v1";
export const TEST_PASSWORD = "api-test-password-2030!";

function match(pathname: string): { module: RouteModule; params: Record<string, string> } | null {
  const path = pathname.replace(/^\/api\/v1/, "");
  for (const [pattern, module] of Object.entries(apiRoutes)) {
    const names: string[] = [];
    const regex = new RegExp(`^${pattern.replace(/\{(\w+)\}/g, (_, name: string) => (names.push(name), "([^/]+)"))}$`);
    const found = regex.exec(path);
    if (found) return { module, params: Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(found[i + 1]!)])) };
  }
  return null;
}

export const randomIp = () => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;

/** fetch(), answered by the route handlers. */
export async function apiFetch(input: string | URL | Request, init?: RequestInit): Promise<Response> {
  const request = new Request(input instanceof Request ? input : new URL(String(input), BASE), init);
  if (!request.headers.has("x-forwarded-for")) request.headers.set("x-forwarded-for", randomIp());
  const route = match(new URL(request.url).pathname);
  if (!route) return new Response("no such route", { status: 404 });
  const handler = route.module[request.method as keyof RouteModule];
  if (!handler) return new Response("method not allowed", { status: 405 });
  return handler(request, { params: Promise.resolve(route.params) });
}

export interface CallOptions {
  token?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

export function api(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return apiFetch(`${BASE}${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
}

/** Gives a test user (their hash is a placeholder) a real password. */
export async function givePassword(db: Db, userId: string, password = TEST_PASSWORD): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash: await hashPassword(password) })
    .where(eq(users.id, userId));
}

/** Signs in through POST /auth/token; answers the token pair. */
export async function signIn(db: Db, user: { id: string; email: string }) {
  await givePassword(db, user.id);
  const response = await api("POST", "/auth/token", { body: { grant_type: "password", email: user.email, password: TEST_PASSWORD } });
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return (await response.json()) as { access_token: string; refresh_token: string; expires_in: number };
}

/** A real token pair without the password round (for tests that need many callers): the same issuer as POST /auth/token. */
export async function tokenFor(user: { id: string }, role: "patient" | "doctor" | "admin"): Promise<string> {
  const { issueTokens } = await import("@/lib/api/tokens");
  const { getDb } = await import("@/lib/db");
  return (await issueTokens(getDb(), { id: user.id, role }, { userAgent: "vitest", clientIp: randomIp() }, new Date())).access_token;
}
