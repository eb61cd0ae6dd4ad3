import { getDb } from "@/lib/db";
import { env } from "@/lib/env";
import { metricsAuthorized, scrapeMetrics } from "@/lib/observability/scrape";

export const dynamic = "force-dynamic";

// Prometheus scrapes this with `Authorization: Bearer $METRICS_TOKEN`. Without a token
// configured the endpoint does not exist (404), so a forgotten variable never opens it.
export async function GET(request: Request) {
  const token = env().METRICS_TOKEN;
  if (!token) return new Response("Not found", { status: 404 });
  if (!metricsAuthorized(request.headers.get("authorization"), token))
    return new Response("Unauthorized", { status: 401, headers: { "WWW-Authenticate": 'Bearer realm="metrics"', "Cache-Control": "no-store" } });
  const { body, contentType } = await scrapeMetrics(getDb(), new Date());
  return new Response(body, { headers: { "Content-Type": contentType, "Cache-Control": "no-store" } });
}
