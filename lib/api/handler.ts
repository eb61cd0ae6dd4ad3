import "server-only";
import { after } from "next/server";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { getDb } from "@/lib/db";
import { AppError, fieldErrorsOf } from "@/lib/errors";
import { logger, securityEvent } from "@/lib/logger";
import { deliverOutboxQuietly } from "@/lib/outbox";
import { clientIpFrom } from "@/lib/security/client-ip";
import { RateLimitedError, rateLimitMessage } from "@/lib/security/rate-limits";
import { authenticate, type ApiCaller } from "./authenticate";
import { withCors } from "./cors";
import { apiLimits, countRequest, rateLimitHeaders, type CountedLimit } from "./limits";
import type { Operation, OperationInput } from "./operation";
import { problemBody, problemResponse } from "./problem";

// The one pipeline every /api/v1 route handler goes through, the API's
// equivalent of lib/actions.ts:
//   1. who is calling: the bearer token (never the cookie), re-checked against
//      the database; refused → 401, wrong role or scope → 403;
//   2. counted against the per-IP or per-user limit (and the booking limit) → 429;
//   3. what they sent: path, query and body parsed with the operation's zod
//      schemas (the same the OpenAPI document shows) → 422 with field errors;
//   4. the service call, whose AppError becomes a problem+json with its code
//      from lib/errors.ts; anything else is logged and hidden (500).

export interface ApiContext {
  caller: ApiCaller | null;
  db: Db;
  now: Date;
  request: Request;
}

export interface ApiReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export const ok = (body: unknown, headers?: Record<string, string>): ApiReply => ({ status: 200, body, headers });
export const created = (body: unknown, location: string, headers?: Record<string, string>): ApiReply => ({
  status: 201,
  body,
  headers: { Location: location, ...headers },
});
export const noContent = (): ApiReply => ({ status: 204 });

type RouteContext = { params?: Promise<Record<string, string | string[]>> };
type Caller<O extends Operation> = O["access"] extends "anyone" ? ApiCaller | null : ApiCaller;

export function handle<O extends Operation>(
  op: O,
  run: (input: OperationInput<O>, context: ApiContext & { caller: Caller<O> }) => Promise<ApiReply>,
): (request: Request, context?: RouteContext) => Promise<Response> {
  return async (request, context) => withCors(request, await answer(op, run as never, request, context));
}

async function answer(
  op: Operation,
  run: (input: OperationInput<Operation>, context: ApiContext) => Promise<ApiReply>,
  request: Request,
  routeContext: RouteContext | undefined,
): Promise<Response> {
  const now = new Date();
  const db = getDb();
  const instance = new URL(request.url).pathname;
  let counted: CountedLimit[] = [];
  try {
    const authentication = await authenticate(db, request, now);
    const caller = authentication.kind === "caller" ? authentication.caller : null;
    const limits = apiLimits();
    counted = [
      caller
        ? await countRequest(db, "user", limits.user, `user:${caller.id}`)
        : await countRequest(db, "anonymous", limits.anonymous, `ip:${clientIpFrom(request.headers)}`),
    ];
    if (caller && op.limit === "booking") counted.push(await countRequest(db, "booking", limits.booking, `user:${caller.id}`));
    const over = counted.find((c) => !c.allowed);
    if (over) throw new RateLimitedError(over.resetSeconds, rateLimitMessage(over.limit.what, over.resetSeconds));

    if (authentication.kind === "refused") return unauthenticated(authentication.reason, instance, counted);
    if (op.access !== "anyone" && !caller) return unauthenticated("Send an access token: Authorization: Bearer <token>.", instance, counted);
    if (caller && op.access !== "anyone" && op.access !== "signed-in" && !op.access.includes(caller.role)) {
      securityEvent("permission_refused", { userId: caller.id, role: caller.role, required: op.access, area: "api", operation: op.id });
      throw new AppError("forbidden", "Your role may not use this endpoint.");
    }
    if (caller && op.method !== "get" && !caller.scopes.includes("write")) {
      securityEvent("permission_refused", { userId: caller.id, required: "write", area: "api", operation: op.id });
      throw new AppError("forbidden", "This token may only read: make one with the write scope.");
    }

    const input = await parseRequest(op, request, routeContext);
    const reply = await run(input, { caller, db, now, request });
    if (op.method !== "get") deliverOutboxAfterResponse();
    return replyResponse(reply, counted);
  } catch (error) {
    return errorResponse(error, instance, counted);
  }
}

function unauthenticated(detail: string, instance: string, counted: CountedLimit[]): Response {
  return problemResponse(problemBody("unauthenticated", detail, { instance }), {
    "WWW-Authenticate": 'Bearer realm="careslot", error="invalid_token"',
    ...rateLimitHeaders(counted),
  });
}

function replyResponse(reply: ApiReply, counted: CountedLimit[]): Response {
  const headers = { "Cache-Control": "no-store", ...rateLimitHeaders(counted), ...reply.headers };
  if (reply.status === 204 || reply.body === undefined) return new Response(null, { status: reply.status, headers });
  return Response.json(reply.body, { status: reply.status, headers });
}

export function errorResponse(error: unknown, instance: string, counted: CountedLimit[] = []): Response {
  const headers = rateLimitHeaders(counted);
  if (error instanceof RateLimitedError) {
    return problemResponse(problemBody("rate_limited", error.message, { instance }), { ...headers, "Retry-After": String(error.retryAfterSeconds) });
  }
  if (error instanceof AppError) {
    const errors = error.fieldErrors ? Object.fromEntries(Object.entries(error.fieldErrors).filter((entry) => entry[1]?.length)) : undefined;
    const challenge: Record<string, string> = error.code === "unauthenticated" ? { "WWW-Authenticate": 'Bearer realm="careslot"' } : {};
    return problemResponse(problemBody(error.code, error.message, { instance, errors }), { ...headers, ...challenge });
  }
  logger.error({ err: error, path: instance }, "api request failed");
  return problemResponse(problemBody("internal", undefined, { instance }), headers);
}

/** Path, query and body, each parsed with the operation's schema; every refused field is named in one 422. */
async function parseRequest(op: Operation, request: Request, routeContext: RouteContext | undefined): Promise<OperationInput<Operation>> {
  const errors: Record<string, string[]> = {};
  const parse = (schema: z.ZodType | undefined, raw: unknown) => {
    if (!schema) return undefined;
    const parsed = schema.safeParse(raw);
    if (parsed.success) return parsed.data;
    for (const [field, messages] of Object.entries(fieldErrorsOf(parsed.error))) if (messages?.length) (errors[field] ??= []).push(...messages);
    if (parsed.error.issues.some((issue) => issue.path.length === 0)) (errors.body ??= []).push(parsed.error.issues[0]!.message);
    return undefined;
  };
  const params = parse(op.params, routeContext?.params ? await routeContext.params : {});
  // A malformed id is a row that does not exist: 404, as for another user's row.
  if (op.params && params === undefined) throw new AppError("not_found");
  const query = parse(op.query, queryObject(new URL(request.url).searchParams));
  let body: unknown;
  if (op.body) {
    const raw = await readJson(request);
    if (raw === NOT_JSON) errors.body = ["Send a JSON object with Content-Type: application/json."];
    else body = parse(op.body, raw);
  }
  if (Object.keys(errors).length > 0) throw new AppError("invalid_input", "Some fields need your attention. Nothing was changed.", errors);
  return { params, query, body } as OperationInput<Operation>;
}

const NOT_JSON = Symbol("not json");

async function readJson(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch {
    return NOT_JSON;
  }
}

/** Query parameters by name: one value as itself, a repeated name as a list. */
export function queryObject(params: URLSearchParams): Record<string, string | string[]> {
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const all = params.getAll(key);
    query[key] = all.length === 1 ? all[0]! : all;
  }
  return query;
}

function deliverOutboxAfterResponse(): void {
  try {
    after(deliverOutboxQuietly);
  } catch {
    // Outside a request (a test calling the handler) there is no "after": the sweep delivers instead.
  }
}
