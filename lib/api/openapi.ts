import { createDocument, type ZodOpenApiOperationObject, type ZodOpenApiPathsObject, type ZodOpenApiResponsesObject } from "zod-openapi";
import { allOperations } from "./contract";
import type { Operation, ResponseSpec } from "./operation";
import { problemSchema } from "./problem";

// The OpenAPI 3.1 document, generated from the operations' own zod schemas
// (lib/api/contract): what the handlers parse is what the document says.

const rateLimitHeaders = {
  RateLimit: { description: 'Where the caller stands, e.g. "user";r=998;t=3540.', schema: { type: "string" as const } },
  "RateLimit-Policy": { description: 'The limits counted, e.g. "user";q=1000;w=3600.', schema: { type: "string" as const } },
};

function problem(description: string, extraHeaders: ResponseSpec["headers"] = {}) {
  return {
    description,
    headers: { ...rateLimitHeaders, ...extraHeaders },
    content: { "application/problem+json": { schema: problemSchema } },
  };
}

function responsesOf(op: Operation): ZodOpenApiResponsesObject {
  const responses: ZodOpenApiResponsesObject = {};
  for (const [status, spec] of Object.entries(op.responses)) {
    if (Number(status) >= 400) {
      responses[status as `4${string}`] = problem(spec.description);
      continue;
    }
    responses[status as `${1 | 2 | 3 | 4 | 5}${string}`] = {
      description: spec.description,
      headers: { ...rateLimitHeaders, ...spec.headers },
      ...(spec.schema ? { content: { "application/json": { schema: spec.schema } } } : {}),
    };
  }
  responses["401"] ??= problem("No token, or a bad, expired or revoked one.");
  if (op.method !== "get" || (op.access !== "anyone" && op.access !== "signed-in"))
    responses["403"] ??= problem("The caller's role or token scope may not do this.");
  if (op.params) responses["404"] ??= problem("No such row, or one that is not the caller's.");
  if (op.params || op.query || op.body) responses["422"] ??= problem("Some input was refused; `errors` names each field.");
  responses["429"] = problem("Too many requests.", { "Retry-After": { description: "Seconds until the window ends.", schema: { type: "integer" } } });
  return responses;
}

function operationObject(op: Operation): ZodOpenApiOperationObject {
  const roles =
    op.access === "anyone" ? "Anyone (a token is optional)." : op.access === "signed-in" ? "Any signed-in role." : `Roles: ${op.access.join(", ")}.`;
  return {
    operationId: op.id,
    summary: op.summary,
    description: [op.description, roles].filter(Boolean).join("\n\n"),
    tags: [op.tag],
    security: op.access === "anyone" ? [{}, { bearer: [] }] : [{ bearer: [] }],
    requestParams: {
      ...(op.params ? { path: op.params as never } : {}),
      ...(op.query ? { query: op.query as never } : {}),
    },
    ...(op.idempotent
      ? {
          parameters: [
            {
              name: "Idempotency-Key",
              in: "header",
              required: false,
              description: "Any unique string: the same key and body answer the same result; the same key with another body is refused (422).",
              schema: { type: "string", maxLength: 200 },
            },
          ],
        }
      : {}),
    ...(op.body ? { requestBody: { required: true, content: { "application/json": { schema: op.body } } } } : {}),
    responses: responsesOf(op),
  };
}

let cached: ReturnType<typeof createDocument> | undefined;

export function openApiDocument(serverUrl = "/api/v1") {
  if (cached && serverUrl === "/api/v1") return cached;
  const paths: ZodOpenApiPathsObject = {};
  for (const op of allOperations) (paths[op.path] ??= {})[op.method] = operationObject(op);
  const document = createDocument({
    openapi: "3.1.0",
    info: {
      title: "Careslot API",
      version: "1.0.0",
      description:
        "The REST API of Careslot: search doctors and free times, book and manage appointments, and run a practice. Sign in with POST /auth/token and send the access token as `Authorization: Bearer <token>`; lists are paged with `?cursor=&limit=`.",
      license: { name: "MIT", identifier: "MIT" },
    },
    servers: [{ url: serverUrl, description: "This Careslot server" }],
    tags: [...new Set(allOperations.map((op) => op.tag))].map((name) => ({ name, description: `${name} endpoints.` })),
    components: {
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT or personal access token",
          description: "An access token from POST /auth/token, or a personal access token.",
        },
      },
    },
    paths,
  });
  if (serverUrl === "/api/v1") cached = document;
  return document;
}
