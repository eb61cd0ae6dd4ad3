import { openApiDocument } from "@/lib/api/openapi";
import { preflight, withCors } from "@/lib/api/cors";

// The document is public: it describes the API, it holds no data.
export function GET(request: Request): Response {
  return withCors(request, Response.json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }));
}

export const OPTIONS = preflight;
