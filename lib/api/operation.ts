import type { z } from "zod";
import type { Role } from "@/lib/vocabulary";

// One API operation's contract: its path, who may call it, the zod schemas of
// what it takes and answers. The route handler (lib/api/handler.ts) parses
// with these schemas, and the OpenAPI document (lib/api/openapi.ts) is
// generated from the very same objects, so the two cannot drift apart.

export type Access = "anyone" | "signed-in" | readonly Role[];
export type Method = "get" | "post" | "patch" | "put" | "delete";

export interface ResponseSpec {
  description: string;
  schema?: z.ZodType;
  headers?: Record<string, { description: string; schema: { type: "string" | "integer" } }>;
}

export interface Operation<P extends z.ZodType = z.ZodType, Q extends z.ZodType = z.ZodType, B extends z.ZodType = z.ZodType> {
  id: string;
  method: Method;
  /** The OpenAPI path under /api/v1, e.g. "/doctors/{id}". */
  path: string;
  summary: string;
  description?: string;
  tag: string;
  access: Access;
  params?: P;
  query?: Q;
  body?: B;
  /** The Idempotency-Key header, for the operations that honour it. */
  idempotent?: boolean;
  /** A second, tighter per-user limit on top of the general one. */
  limit?: "booking";
  /** The operation's own answers; the problems every operation may answer are added for it. */
  responses: Record<number, ResponseSpec>;
}

export function operation<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType>(spec: Operation<P, Q, B>): Operation<P, Q, B> {
  return spec;
}

type Out<T> = [NonNullable<T>] extends [z.ZodType] ? z.output<NonNullable<T>> : undefined;

export interface OperationInput<O extends Operation> {
  params: Out<O["params"]>;
  query: Out<O["query"]>;
  body: Out<O["body"]>;
}
