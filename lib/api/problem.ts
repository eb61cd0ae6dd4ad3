import { z } from "zod";
import { errorCatalog, type ErrorCode } from "@/lib/errors";

// Errors as application/problem+json (RFC 9457), with the codes of lib/errors.ts.
// The one difference from the forms: input the schema refuses is 422 here.

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export function apiStatusOf(code: ErrorCode): number {
  return code === "invalid_input" ? 422 : errorCatalog[code].status;
}

export const problemSchema = z
  .object({
    type: z.string().meta({ description: "A URI naming the kind of problem: urn:careslot:problem:<code>." }),
    title: z.string(),
    status: z.int(),
    detail: z.string(),
    code: z.enum(Object.keys(errorCatalog) as [ErrorCode, ...ErrorCode[]]),
    instance: z.string().optional(),
    errors: z.record(z.string(), z.array(z.string())).optional().meta({ description: "Each refused field's messages, keyed by its name." }),
  })
  .meta({ id: "Problem", description: "An error (RFC 9457)." });

export type Problem = z.infer<typeof problemSchema>;

export function problemBody(code: ErrorCode, detail?: string, extra: { instance?: string; errors?: Record<string, string[]> } = {}): Problem {
  return {
    type: `urn:careslot:problem:${code}`,
    title: errorCatalog[code].message,
    status: apiStatusOf(code),
    detail: detail ?? errorCatalog[code].message,
    code,
    ...(extra.instance ? { instance: extra.instance } : {}),
    ...(extra.errors && Object.keys(extra.errors).length > 0 ? { errors: extra.errors } : {}),
  };
}

export function problemResponse(problem: Problem, headers: HeadersInit = {}): Response {
  const response = Response.json(problem, { status: problem.status, headers });
  response.headers.set("Content-Type", PROBLEM_CONTENT_TYPE);
  response.headers.set("Cache-Control", "no-store");
  return response;
}
